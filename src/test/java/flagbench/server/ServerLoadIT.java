package flagbench.server;

import flagbench.timing.Latency;
import static org.assertj.core.api.Assertions.assertThat;

import flagbench.catalog.CodeSets;
import flagbench.download.Downloader;
import flagbench.download.HttpFlagFetcher;
import flagbench.download.Strategies;
import flagbench.download.Tally;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The server must never be the bottleneck: 2,000 downloads in flight at once all succeed.
 * A 2 s delay gives the client time to open every connection before the first answer.
 * {@code -Dflagbench.wiremockDefaults=true} runs the same load against WireMock's defaults and
 * only prints the figure (they fail it).
 */
class ServerLoadIT {

    private static final int DOWNLOADS = 2_000;

    @Test
    void twoThousandConcurrentDownloadsAllSucceedAndAreInFlightTogether() {
        boolean defaults = Boolean.getBoolean("flagbench.wiremockDefaults");
        var config = ServerConfig.local().withLatency(Latency.parse("2s")).withTuned(!defaults);
        try (var server = FlagServer.start(config);
             var fetcher = new HttpFlagFetcher(server.baseUrl(), Duration.ofSeconds(30))) {
            long start = System.nanoTime();
            Tally tally = Strategies.named("virtual").downloadMany(CodeSets.named("" + DOWNLOADS), new Downloader(fetcher), 1);
            long millis = (System.nanoTime() - start) / 1_000_000;
            int peak = server.meter().snapshot().peak();
            System.out.printf("ServerLoadIT %s: %d downloads, %s, peak in flight %d, %d ms%n",
                    defaults ? "WireMock defaults" : "tuned", DOWNLOADS, tally, peak, millis);
            assertThat(tally.total()).isEqualTo(DOWNLOADS);
            if (!defaults) {
                assertThat(tally.ok()).isEqualTo(DOWNLOADS);
                assertThat(peak).isGreaterThanOrEqualTo(1_500);
            }
        }
    }
}
