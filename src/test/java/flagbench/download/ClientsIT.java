package flagbench.download;

import static org.assertj.core.api.Assertions.assertThat;

import flagbench.catalog.CodeSets;
import flagbench.server.FaultKind;
import flagbench.server.FlagServer;
import flagbench.server.ServerCertificate;
import flagbench.server.ServerConfig;
import flagbench.timing.Latency;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every client, with every strategy that can run on it and every protocol it speaks, against a real flag server on
 * 127.0.0.1 and a dynamic port (with its own certificate for the protocols over TLS): whole flags, the same outcome
 * for the same fault whatever the library, and the strategy contract (every code counted, nothing after return)
 * when interrupted.
 */
class ClientsIT {

    private static final Duration TIMEOUT = HttpFlagFetcher.DEFAULT_TIMEOUT;
    private static FlagServer local;

    @TempDir
    Path dest;

    @BeforeAll
    static void startServer() {
        local = FlagServer.start(ServerConfig.local().withTls(true));
    }

    /** A server per fault kind, and a slow one: shared by every client and protocol, as they start with TLS. */
    private static final Map<FaultKind, FlagServer> FAULTY = new EnumMap<>(FaultKind.class);

    private static FlagServer slow;

    private static synchronized FlagServer faulty(FaultKind fault) {
        return FAULTY.computeIfAbsent(
                fault,
                f -> FlagServer.start(ServerConfig.local()
                        .withFaults(0.7, List.of(f))
                        .withSeed(5)
                        .withTls(true)));
    }

    private static synchronized FlagServer slow() {
        if (slow == null) {
            slow = FlagServer.start(
                    ServerConfig.local().withLatency(Latency.parse("2s")).withTls(true));
        }
        return slow;
    }

    @AfterAll
    static void stopServer() {
        local.close();
        FAULTY.values().forEach(FlagServer::close);
        if (slow != null) {
            slow.close();
        }
    }

    /** Where a server answers a protocol: its http address, or its https one trusting its own certificate. */
    static Endpoint endpoint(FlagServer server, String protocol) {
        return Endpoint.of(
                Protocols.named(protocol),
                server.baseUrl(),
                server.tlsBaseUrl().orElse(null),
                () -> new Trust(server.certificate().orElseThrow().certificate()));
    }

    private static Stream<String> protocolsOf(Client client) {
        return Protocols.spokenBy(client).stream();
    }

    /** Every strategy × client × protocol that can exist. */
    static Stream<Arguments> pairs() {
        return Strategies.all().stream()
                .flatMap(strategy -> Clients.offering(strategy.call()).stream()
                        .flatMap(client -> protocolsOf(client)
                                .map(protocol -> Arguments.of(strategy.name(), client.name(), protocol))));
    }

    /**
     * Each client with two strategies: for a blocking client one on platform threads (whose socket
     * reads an interrupt cannot stop) and one on virtual threads (whose reads it closes); for an
     * async one the unbounded and the reactive one.
     */
    static Stream<Arguments> interruptPairs() {
        return Clients.all().stream()
                .flatMap(client -> (client.calls().contains(Client.Call.BLOCKING)
                                ? Stream.of("pool", "virtual")
                                : Stream.of("async", "reactive"))
                        // over TLS, one of the two on the last protocol it speaks (h2 where it does): its socket is the
                        // same library's
                        .flatMap(s -> protocolsOf(client)
                                .filter(p -> p.equals(Protocols.DEFAULT)
                                        || (s.equals("virtual") || s.equals("async"))
                                                && p.equals(protocolsOf(client)
                                                        .reduce((x, y) -> y)
                                                        .orElseThrow()))
                                .map(p -> Arguments.of(s, client.name(), p))));
    }

    /** Each client with each protocol it speaks, with a strategy that uses its call. */
    static Stream<Arguments> clients() {
        return Clients.all().stream()
                .flatMap(client -> protocolsOf(client)
                        .map(protocol -> Arguments.of(
                                client.calls().contains(Client.Call.BLOCKING) ? "pool" : "async-limited",
                                client.name(),
                                protocol)));
    }

    private static Tally run(FlagServer server, String strategy, String client, String protocol, List<String> codes) {
        Strategy s = Strategies.named(strategy);
        int maxWorkers = 20;
        try (var fetcher = Clients.named(client)
                .open(endpoint(server, protocol), TIMEOUT, s.concurrency(codes.size(), maxWorkers))) {
            return s.downloadMany(codes, new Downloader(fetcher), maxWorkers);
        }
    }

    @ParameterizedTest(name = "{0} on {1}, {2}")
    @MethodSource("pairs")
    void pop20DownloadsEveryFlagWithItsRealSize(String strategy, String client, String protocol) {
        Tally tally = run(local, strategy, client, protocol, CodeSets.named("pop20"));
        assertThat(tally.ok()).as(tally.errorReasons().toString()).isEqualTo(20);
        assertThat(tally.bytes()).isEqualTo(267_092); // the real sizes in countries.tsv
    }

    @ParameterizedTest(name = "{0} on {1}, {2}")
    @MethodSource("clients")
    void everyCodeFinds194FlagsAnd482Misses(String strategy, String client, String protocol) {
        Tally tally = run(local, strategy, client, protocol, CodeSets.every());
        assertThat(tally.ok()).isEqualTo(194);
        assertThat(tally.notFound()).isEqualTo(482);
        assertThat(tally.error()).isZero();
    }

    static Stream<Arguments> faultsAndClients() {
        return Stream.of(FaultKind.values())
                .flatMap(fault -> clients().map(a -> Arguments.of(fault, a.get()[0], a.get()[1], a.get()[2])));
    }

    @ParameterizedTest(name = "{0}: {1} on {2}, {3}")
    @MethodSource("faultsAndClients")
    void faultsEndAsErrorsAndNothingIsLost(FaultKind fault, String strategy, String client, String protocol) {
        FlagServer server = faulty(fault);
        long faultsBefore = server.meter().snapshot().fault();
        {
            Tally tally = run(server, strategy, client, protocol, CodeSets.named("pop20"));
            assertThat(tally.total()).isEqualTo(20);
            assertThat(tally.ok()).isEqualTo(20 - tally.error());
            if (Protocols.named(protocol).version() == Protocol.Version.HTTP_2) {
                // a fault breaks the one connection that every stream in flight shares: they all fail with it; and a
                // fault
                // WireMock cannot inject into an HTTP/2 stream (garbage) comes out as its own 500
                assertThat(tally.error()).isPositive();
                // (a broken stream whose exception has no message is the bare kind)
                assertThat(tally.errorReasons().keySet())
                        .as("reasons")
                        .allMatch(r ->
                                r.equals(Outcome.BROKEN) || r.startsWith(Outcome.BROKEN + ":") || r.equals("HTTP 500"));
                return;
            }
            // clients retry a GET when a kept-alive connection closes before any answer: fewer errors than faults,
            // never more
            assertThat(tally.error()).isPositive().isLessThanOrEqualTo((int)
                    (server.meter().snapshot().fault() - faultsBefore));
            // each library words it its own way; what it is, is the same
            assertThat(tally.errorReasons().keySet()).as("reasons").allMatch(r -> r.startsWith(Outcome.BROKEN + ":"));
        }
    }

    @ParameterizedTest(name = "{0} on {1}, {2}")
    @MethodSource("clients")
    void aSlowAnswerTimesOut(String strategy, String client, String protocol) {
        {
            FlagServer server = slow();
            Strategy s = Strategies.named(strategy);
            List<String> codes = List.of("BR", "CN", "US");
            try (var fetcher = Clients.named(client).open(endpoint(server, protocol), Duration.ofMillis(300), 3)) {
                Tally tally = s.downloadMany(codes, new Downloader(fetcher), 3);
                assertThat(tally.error()).isEqualTo(3);
                assertThat(tally.errorReasons().keySet()).as("reasons").allMatch(r -> r.startsWith(Outcome.TIMEOUT));
            }
        }
    }

    @ParameterizedTest(name = "{0} on {1}, {2}")
    @MethodSource("interruptPairs")
    void anInterruptedCallCountsEveryCodeAndNothingOfItHappensAfterwards(
            String strategy, String client, String protocol) throws Exception {
        List<String> codes = CodeSets.named("all");
        try (var server = FlagServer.start(
                ServerConfig.local().withLatency(Latency.parse("400ms")).withTls(true))) {
            var returned = new AtomicBoolean();
            var reportedAfterReturn = new AtomicInteger();
            Progress progress = outcome -> {
                if (returned.get()) {
                    reportedAfterReturn.incrementAndGet();
                }
            };
            var result = new AtomicReference<Tally>();
            Strategy s = Strategies.named(strategy);
            try (var fetcher =
                    Clients.named(client).open(endpoint(server, protocol), TIMEOUT, s.concurrency(codes.size(), 4))) {
                var downloader = new Downloader(fetcher, new FlagSaver(dest), progress);
                var caller = new Thread(() -> {
                    result.set(s.downloadMany(codes, downloader, 4));
                    returned.set(true);
                });
                caller.start();
                Thread.sleep(200);
                long start = System.nanoTime();
                caller.interrupt();
                caller.join(TIMEOUT.toMillis() + 5_000);
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertThat(caller.isAlive()).as("returned after the interrupt").isFalse();
                // a platform thread blocked in a socket read cannot be interrupted: at worst it waits for its answer
                assertThat(millis).isLessThan(TIMEOUT.toMillis() + 1_500);
            }
            Tally tally = result.get();
            assertThat(tally.total()).isEqualTo(194);
            assertThat(tally.error()).isGreaterThan(150);
            assertThat(ThreadDumps.all())
                    .as("no thread is still in a download")
                    .doesNotContain("flagbench.download.Downloader.");
            Thread.sleep(600); // whatever was still in flight (400 ms answers) would have ended by now
            assertThat(reportedAfterReturn).as("progress reported after return").hasValue(0);
            try (var files = Files.list(dest)) {
                assertThat(files).as("files in dest").hasSize(tally.ok());
            }
        }
    }

    /** A certificate that names another host, trusted as such, is refused by every client (host names are verified). */
    @ParameterizedTest(name = "{0} on {1}, {2}")
    @MethodSource("clients")
    void aCertificateForAnotherHostIsRefused(String strategy, String client, String protocol) {
        Protocol p = Protocols.named(protocol);
        if (!p.tls()) {
            return;
        }
        var stranger = ServerCertificate.forHosts(List.of("flags.example.invalid"));
        try (var server = FlagServer.start(ServerConfig.local(), stranger);
                var fetcher = Clients.named(client).open(endpoint(server, protocol), TIMEOUT, 2)) {
            Tally tally = Strategies.named(strategy).downloadMany(List.of("BR", "CN"), new Downloader(fetcher), 2);
            assertThat(tally.ok()).isZero();
            assertThat(tally.error()).isEqualTo(2);
            assertThat(tally.errorReasons().keySet())
                    .as("reasons")
                    .allSatisfy(r -> assertThat(r).doesNotContain("\n"));
            assertThat(server.meter().snapshot().requests())
                    .as("requests that got past the handshake")
                    .isZero();
        }
    }

    @Test
    void everyStrategyRunsOnAtLeastOneClientAndTheDefaultClientRunsThemAll() {
        for (Strategy strategy : Strategies.all()) {
            assertThat(Clients.offering(strategy.call())).as(strategy.name()).isNotEmpty();
            Clients.requireCompatible(strategy, Clients.named(Clients.DEFAULT));
        }
    }
}
