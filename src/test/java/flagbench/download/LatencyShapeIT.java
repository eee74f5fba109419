package flagbench.download;

import static org.assertj.core.api.Assertions.assertThat;

import flagbench.catalog.CodeSets;
import flagbench.server.FlagServer;
import flagbench.server.ServerConfig;
import flagbench.timing.Latency;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shape Little's law predicts at 200 ms and POP20: the server's peak in flight is the
 * strategy's own concurrency, and the time at least ceil(N / concurrency) latencies, with an upper
 * margin wide enough for a busy 2-core machine. A check that scheduling works, not a benchmark.
 */
class LatencyShapeIT {

    private static final List<String> POP20 = CodeSets.named("pop20");
    private static final long LATENCY_MILLIS = 200;
    private static FlagServer server;

    @BeforeAll
    static void startServer() {
        server = FlagServer.start(ServerConfig.local().withLatency(new Latency.Fixed(LATENCY_MILLIS)));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    static Stream<Arguments> strategiesAndWorkers() {
        return Strategies.all().stream()
                .flatMap(s -> (s.usesMaxWorkers() ? Stream.of(5, 20) : Stream.of(20))
                        .map(workers -> Arguments.of(s.name(), workers)));
    }

    @ParameterizedTest(name = "{0} with {1} workers")
    @MethodSource("strategiesAndWorkers")
    void theServerSeesAsManyRequestsAtOnceAsTheStrategySaysAndLittlesLawHolds(String name, int workers) {
        Strategy strategy = Strategies.named(name);
        int concurrency = strategy.concurrency(POP20.size(), workers);
        int rounds = (POP20.size() + concurrency - 1) / concurrency;
        server.meter().reset();
        try (var fetcher = new HttpFlagFetcher(Endpoint.plain(server.baseUrl()), Duration.ofSeconds(10))) {
            long start = System.nanoTime();
            Tally tally = strategy.downloadMany(POP20, new Downloader(fetcher), workers);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(tally.ok()).isEqualTo(20);
            assertThat(server.meter().snapshot().peak()).as("peak in flight").isEqualTo(concurrency);
            // no faster than the latency allows; the upper margin is wide for a busy 2-core machine
            assertThat(millis).isBetween(rounds * LATENCY_MILLIS, rounds * LATENCY_MILLIS + 2_000);
        }
    }
}
