package flagbench.bench;

import flagbench.catalog.CodeSets;
import flagbench.download.Client;
import flagbench.download.Clients;
import flagbench.download.DownloadTimes;
import flagbench.download.Downloader;
import flagbench.download.Endpoint;
import flagbench.download.FlagFetcher;
import flagbench.download.Protocol;
import flagbench.download.Protocols;
import flagbench.download.SimulatedFlagFetcher;
import flagbench.download.Strategies;
import flagbench.download.Strategy;
import flagbench.download.Tally;
import flagbench.download.Trust;
import flagbench.server.FlagServerClient;
import flagbench.server.ServerConfig;
import flagbench.timing.Downstream;
import flagbench.timing.Durations;
import flagbench.timing.Latency;
import flagbench.timing.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One operation downloads one whole code set once with one strategy, as the book times one call
 * of {@code download_many}. The flag server runs in the JMH runner's JVM (or elsewhere): this fork
 * gets its URL in the {@code flagbench.server} property and sets the trial's latency through
 * the server's admin API.
 */
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = {ProcessCpu.NATIVE_ACCESS, JvmBackground.ADD_EXPORTS}) // CostMeter.JVM_ARGS, for a plain JMH run
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DownloadBenchmark {

    public static final String SERVER_PROPERTY = "flagbench.server";
    /** The server's {@code https://} address, for the protocols over TLS, and the PEM file of the one certificate to trust. */
    public static final String TLS_SERVER_PROPERTY = "flagbench.server.tls";

    public static final String CERTIFICATE_PROPERTY = "flagbench.server.certificate";
    /** A file holding the server's control token: a file, so the token is not in jmh.json's JVM arguments. */
    public static final String TOKEN_FILE_PROPERTY = "flagbench.server.tokenFile";

    /**
     * A registered strategy's name ({@link Strategies}). No values here: the suites pass every
     * registered name, so a new strategy is benchmarked without touching this class.
     */
    @Param({})
    public String strategy;

    /** Server-side latency per request: {@code 100ms}, {@code 500ms..5s}, {@code lognormal:100ms:0.5}, {@code 0}. */
    @Param("100ms")
    public String latency;

    @Param(Strategies.BOOK_MAX_WORKERS)
    public int maxWorkers;

    /**
     * {@code pop20}, {@code all}, {@code every}, a count N cycling through the 194 real flags, or
     * {@code Krounds}: K × maxWorkers downloads, K rounds for every worker count (tune's sweeps).
     */
    @Param("pop20")
    public String codes;

    /**
     * Where a download goes. The constants are in lower case because they are the values JMH
     * writes into jmh.json, where runs made before this enum carry the same words.
     */
    public enum Transport {
        /** To the flag server over loopback HTTP. */
        http,
        /** Sleep the latency, no I/O: what scheduling alone costs. */
        simulated
    }

    @Param("http")
    public Transport transport;

    /**
     * The HTTP client a download goes through ({@link Clients}): {@code jdk}, {@code urlconnection},
     * {@code apache}, {@code apache-async}, {@code reactor}. A strategy runs only on a client that
     * offers its call (blocking or async); the launcher refuses other pairs before any fork.
     */
    @Param(Clients.DEFAULT)
    public String client;

    /**
     * How the client talks to the server ({@link Protocols}): {@code http} (HTTP/1.1 in clear, every row before there were
     * protocols), {@code https} (HTTP/1.1 over TLS 1.3), {@code h2} (HTTP/2 over TLS, by ALPN). A client runs only with
     * the protocols it speaks; the launcher refuses other pairs before any fork.
     */
    @Param(Protocols.DEFAULT)
    public String protocol;

    /** How connections live (lower case for the same reason as {@link Transport}). */
    public enum Connections {
        /** One client per trial: connections are reused from one operation to the next. */
        warm,
        /** A new client per operation, as each run of the book's script starts fresh. */
        cold,
        /**
         * A new connection per download: the server closes each HTTP/1.1 connection after its answer, as the book's
         * {@code flags.py} connects anew for every flag ({@code httpx.get} makes a client per call). HTTP/1.1 only.
         */
        closed
    }

    @Param("warm")
    public Connections connections;

    /**
     * Connect and request timeout per download. The book's 3.1 s suits tens of requests; at
     * thousands in flight on a small machine the queue alone takes longer (the scale suite uses 30s).
     */
    @Param(Durations.BOOK_TIMEOUT)
    public String timeout;

    /**
     * The downstream's limits ({@link Downstream}): {@code none}, or {@code capacity=50}, {@code rate=300/s}, … The latency is
     * then each request's service time, and requests beyond the capacity wait for a place or are refused.
     */
    @Param("none")
    public String downstream;

    /**
     * The network between client and server ({@link Network}): {@code loopback}, or a link such as {@code rtt=50ms},
     * {@code rtt=50ms+bandwidth=20mbit}. The server's link relays the trial's downloads (not its JIT warm-up), so its CPU is
     * the harness's; the latency stays the server's own time.
     */
    @Param("loopback")
    public String network;

    private List<String> codeList;
    private Duration requestTimeout;
    private Strategy scheduler;
    private Client httpClient;
    /** Connections the client's pool allows: the strategy's concurrency, so the pool never limits it. */
    private int connectionCount;

    private FlagServerClient server;
    private FlagFetcher warmFetcher;
    private Endpoint endpoint;
    private SteadyState.Warmup warmup;

    /**
     * Whether the forks measure what each operation costs beyond time (CPU, allocations, threads,
     * memory, each download's wait). On by default; {@code -Dflagbench.metrics=off} in the fork's
     * JVM arguments turns it off, to show that measuring it costs nothing visible.
     */
    static final boolean METRICS = !"off".equals(System.getProperty("flagbench.metrics"));
    /** Where each fork writes its waits (the run folder's {@code waits} directory); set by the launcher. */
    public static final String WAITS_DIR_PROPERTY = "flagbench.waitsDir";

    @Setup(Level.Trial)
    public void startTrial() {
        CostMeter.restartPeakResident(); // the JVM may have measured other rows before this one (SharedForks)
        codeList = CodeSets.named(codes, maxWorkers);
        scheduler = Strategies.named(strategy);
        Strategies.requireWorkers(maxWorkers);
        BenchmarkParameters.checkCombination(BenchmarkParameters.values(this));
        httpClient = Clients.named(client);
        connectionCount = scheduler.concurrency(codeList.size(), maxWorkers);
        Latency parsedLatency = Latency.parse(latency);
        Downstream parsedDownstream = Downstream.parse(downstream);
        Network parsedNetwork = Network.parse(network);
        requestTimeout = Durations.timeout(timeout);
        switch (transport) {
            case simulated -> {
                Warmups.jit(scheduler, maxWorkers, new SimulatedFlagFetcher(Latency.NONE, ServerConfig.DEFAULT_SEED));
                warmFetcher = new SimulatedFlagFetcher(parsedLatency, ServerConfig.DEFAULT_SEED);
            }
            case http -> {
                String serverUrl = System.getProperty(SERVER_PROPERTY);
                if (serverUrl == null) {
                    throw new IllegalStateException("no flag server: run through the launcher, or pass -D"
                            + SERVER_PROPERTY + "=http://127.0.0.1:PORT/flags");
                }
                Protocol parsedProtocol = Protocols.named(protocol);
                endpoint = endpoint(serverUrl, parsedProtocol, System.getProperty(TLS_SERVER_PROPERTY, ""));
                server = new FlagServerClient(serverUrl, controlToken());
                server.latency(Latency.NONE);
                server.downstream(Downstream.NONE); // the JIT warm-up must download every flag, at once, directly
                server.closeEachConnection(false);
                int round = endpoint.http2() ? Warmups.JIT_ROUND_HTTP2 : Warmups.JIT_ROUND;
                int warmupConnections = Math.max(connectionCount, scheduler.concurrency(round, maxWorkers));
                try (var fetcher = httpClient.open(endpoint, Warmups.JIT_TIMEOUT, warmupConnections)) {
                    Warmups.jit(scheduler, maxWorkers, fetcher, round);
                }
                if (!parsedNetwork
                        .loopback()) { // the JIT warm-up above went to the server directly; the trial crosses the link
                    var across = server.network(parsedNetwork);
                    endpoint = endpoint(
                            across.http(), parsedProtocol, across.https().orElse(""));
                }
                server.closeEachConnection(connections == Connections.closed);
                warmFetcher = connections == Connections.cold
                        ? null
                        : httpClient.open(endpoint, requestTimeout, connectionCount);
                if (connections == Connections.warm) {
                    // warm means open: the trial's client makes its connections (and TLS handshakes) in one operation
                    // before
                    // any sample, so that a suite without JMH warm-ups measures warm rows warm too; at a latency that
                    // keeps
                    // every worker's download in flight at once (at zero, a download could end and hand its connection
                    // on
                    // before the last one started: 19 connections, and the first sample opened the 20th)
                    server.latency(Warmups.opening(parsedLatency));
                    scheduler.downloadMany(codeList, new Downloader(warmFetcher), maxWorkers);
                }
                server.latency(parsedLatency);
                server.downstream(parsedDownstream);
            }
        }
        if (SteadyState.wanted() && SteadyState.firstInThisJvm()) {
            warmup = Warmups.steadyState(this::warmUpIteration, server);
        }
        if (server != null && parsedDownstream.ratePerSecond() > 0) {
            Warmups.downstream(() -> downloadAll(null), server, parsedDownstream.ratePerSecond());
        }
        rulerBefore = SpeedRuler.measureNanos(); // last: the machine's speed just before the samples
    }

    private long rulerBefore;

    /** The {@link SpeedRuler} measured at the end of this trial's set-up. */
    long rulerBeforeNanos() {
        return rulerBefore;
    }

    /** Where this trial's protocol reaches the server: its http address, or its https one and the certificate to trust. */
    private static Endpoint endpoint(String serverUrl, Protocol protocol, String tlsUrl) {
        String certificate = System.getProperty(CERTIFICATE_PROPERTY, "");
        if (protocol.tls() && (tlsUrl.isEmpty() || certificate.isEmpty())) {
            throw new IllegalStateException("protocol " + protocol.name()
                    + " needs the server's https address and certificate: pass -D" + TLS_SERVER_PROPERTY
                    + "=https://127.0.0.1:PORT/flags and -D" + CERTIFICATE_PROPERTY + "=FILE.pem");
        }
        return Endpoint.of(protocol, serverUrl, tlsUrl, () -> Trust.read(Path.of(certificate)));
    }

    private static String controlToken() {
        String file = System.getProperty(TOKEN_FILE_PROPERTY);
        if (file == null) {
            throw new IllegalStateException(
                    "no control token: run through the launcher, or pass -D" + TOKEN_FILE_PROPERTY + "=FILE");
        }
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the control token from " + file + ": " + e.getMessage());
        }
    }

    /**
     * One warm-up iteration as JMH would run it: the counters' set-up, the operation, their tear-down.
     * The set-up and tear-down (CPU and thread counters, the server's meter over HTTP) are code the JIT
     * must compile too, and it compiles in the background while the next operation runs: warmed with the
     * operation alone, a fork's first JMH iterations were 20-40 % slower than the ones after them.
     */
    private void warmUpIteration() {
        var counts = new Counts();
        counts.start(this, false);
        downloadMany(counts);
        counts.stop();
    }

    /** The flag server's control client, null for the simulated transport: the counters read its meter. */
    FlagServerClient server() {
        return server;
    }

    /** How many downloads the trial's strategy runs at once: what the client's pool is sized to. */
    int concurrency() {
        return connectionCount;
    }

    /** How the fork warmed up to steady state, null without it. */
    SteadyState.Warmup warmup() {
        return warmup;
    }

    @Benchmark
    public Tally downloadMany(Counts counts) {
        DownloadTimes times = METRICS ? new DownloadTimes() : null;
        Tally tally = downloadAll(times);
        counts.add(tally, times);
        return tally;
    }

    /** The operation: the whole code set once, with a new client per operation when connections are cold. */
    private Tally downloadAll(DownloadTimes times) {
        Tally tally;
        if (warmFetcher == null) {
            // cold: as each run of the book's script, a new client, new connections, closed at the end
            try (var fetcher = httpClient.open(endpoint, requestTimeout, connectionCount)) {
                tally = scheduler.downloadMany(codeList, downloader(fetcher, times), maxWorkers);
            }
        } else {
            tally = scheduler.downloadMany(codeList, downloader(warmFetcher, times), maxWorkers);
        }
        if (tally.ok() + tally.notFound() == 0) {
            throw new IllegalStateException("all " + tally.total() + " downloads failed: " + tally.errorReasons());
        }
        return tally;
    }

    private static Downloader downloader(FlagFetcher fetcher, DownloadTimes times) {
        return times == null ? new Downloader(fetcher) : new Downloader(fetcher, times);
    }

    @TearDown(Level.Trial)
    public void endTrial() {
        if (warmFetcher != null) {
            warmFetcher.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
