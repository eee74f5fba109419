package flagbench.download;

import static org.assertj.core.api.Assertions.assertThat;

import flagbench.catalog.Catalog;
import flagbench.catalog.CodeSets;
import flagbench.server.FaultKind;
import flagbench.server.FlagServer;
import flagbench.server.ServerConfig;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every strategy on the default client against a real flag server on 127.0.0.1 and a dynamic port
 * (every strategy on every other client: {@link ClientsIT}).
 */
class StrategiesIT {

    private static final Duration TIMEOUT = HttpFlagFetcher.DEFAULT_TIMEOUT;
    private static FlagServer local;

    @BeforeAll
    static void startServer() {
        local = FlagServer.start(ServerConfig.local());
    }

    @AfterAll
    static void stopServer() {
        local.close();
    }

    static List<String> strategies() {
        return Strategies.names();
    }

    private static Tally run(FlagServer server, String strategy, int maxWorkers, List<String> codes) {
        try (var fetcher = new HttpFlagFetcher(Endpoint.plain(server.baseUrl()), TIMEOUT)) {
            return Strategies.named(strategy).downloadMany(codes, new Downloader(fetcher), maxWorkers);
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void everyCodeFinds194FlagsAnd482Misses(String strategy) {
        Tally tally = run(local, strategy, 20, CodeSets.every());
        assertThat(tally.ok()).isEqualTo(194);
        assertThat(tally.notFound()).isEqualTo(482);
        assertThat(tally.error()).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void aQuarterOfRequestsFailAndTheTotalsAddUp(long seed) {
        try (var server =
                FlagServer.start(ServerConfig.local().withErrors(0.25, 418).withSeed(seed))) {
            Tally tally = run(server, "pool", 20, CodeSets.all());
            assertThat(tally.total()).isEqualTo(194);
            // binomial(194, 0.25): mean 48.5, sd 6.0; 25..72 is about +-4 sd
            assertThat(tally.error()).isBetween(25, 72);
            assertThat(tally.errorReasons()).containsOnlyKeys("HTTP 418");
            assertThat(tally.ok()).isEqualTo(194 - tally.error());
            assertThat(server.meter().snapshot().error()).isEqualTo(tally.error());
        }
    }

    static Stream<Arguments> faultsAndStrategies() {
        return Stream.of(FaultKind.values())
                .flatMap(fault -> Strategies.names().stream().map(strategy -> Arguments.of(fault, strategy)));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("faultsAndStrategies")
    void faultsEndAsErrorsAndNothingIsLost(FaultKind fault, String strategy) {
        var config = ServerConfig.local().withFaults(0.7, List.of(fault)).withSeed(5);
        try (var server = FlagServer.start(config)) {
            long start = System.nanoTime();
            Tally tally = run(server, strategy, 20, CodeSets.named("pop20"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(tally.total()).isEqualTo(20);
            // HttpClient retries a GET once when a kept-alive connection closes before any answer,
            // so the client can see fewer errors than the server sent faults, never more
            assertThat(tally.error()).isPositive().isLessThanOrEqualTo((int)
                    server.meter().snapshot().fault());
            assertThat(tally.ok()).isEqualTo(20 - tally.error());
            assertThat(tally.notFound()).isZero();
            // at worst every download waits its full timeout, one after another
            assertThat(millis).isLessThan(20 * TIMEOUT.toMillis() + 5_000);
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aThrottledServerStillDeliversWholeFlags(String strategy) {
        try (var server = FlagServer.start(ServerConfig.local().withBandwidth(1_000_000))) {
            Tally tally = run(server, strategy, 20, List.of("BR", "CN", "US"));
            assertThat(tally.ok()).isEqualTo(3);
            long brazil = Catalog.get().find("BR").orElseThrow().gifBytes();
            assertThat(tally.bytes()).isEqualTo(brazil + 11_925 + 26_972);
        }
    }
}
