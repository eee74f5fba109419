package flagbench.download;

import static org.assertj.core.api.Assertions.assertThat;

import flagbench.catalog.CodeSets;
import flagbench.server.FlagServer;
import flagbench.server.Latency;
import flagbench.server.ServerConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shape Little's law predicts at 200 ms and POP20, with margins wide enough for a busy
 * 2-core machine. A check that scheduling works, not a benchmark: the JMH suite measures.
 */
class LatencyShapeIT {

    private static final List<String> POP20 = CodeSets.named("pop20");
    private static FlagServer server;

    @BeforeAll
    static void startServer() {
        server = FlagServer.start(ServerConfig.local().withLatency(Latency.parse("200ms")));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static long millisToDownload(String strategy, int maxWorkers) {
        try (var fetcher = new HttpFlagFetcher(server.baseUrl(), Duration.ofSeconds(10))) {
            long start = System.nanoTime();
            Tally tally = Strategies.create(strategy, maxWorkers).downloadMany(POP20, new Downloader(fetcher));
            assertThat(tally.ok()).isEqualTo(20);
            return (System.nanoTime() - start) / 1_000_000;
        }
    }

    @Test
    void sequentialWaitsForEachDownloadInTurn() {
        assertThat(millisToDownload("sequential", 20)).isGreaterThanOrEqualTo(4_000);
    }

    @ParameterizedTest
    @CsvSource({"pool,20", "virtual,20", "bounded,20", "async,20"})
    void twentyWorkersOverlapAllTwentyDownloads(String strategy, int workers) {
        assertThat(millisToDownload(strategy, workers)).isLessThan(2_000);
    }

    @Test
    void fiveWorkersNeedFourRounds() {
        assertThat(millisToDownload("pool", 5)).isGreaterThanOrEqualTo(800);
    }

    @Test
    void boundedWithFiveWorkersAlsoNeedsFourRounds() {
        assertThat(millisToDownload("bounded", 5)).isGreaterThanOrEqualTo(800);
        assertThat(millisToDownload("async", 5)).isGreaterThanOrEqualTo(800);
    }
}
