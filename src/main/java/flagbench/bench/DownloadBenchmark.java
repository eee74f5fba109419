package flagbench.bench;

import flagbench.catalog.CodeSets;
import flagbench.download.Client;
import flagbench.download.Clients;
import flagbench.download.DownloadTimes;
import flagbench.download.Downloader;
import flagbench.download.FlagFetcher;
import flagbench.download.SimulatedFlagFetcher;
import flagbench.download.Strategies;
import flagbench.download.Strategy;
import flagbench.download.Tally;
import flagbench.server.FlagServerClient;
import flagbench.server.ServerConfig;
import flagbench.timing.Downstream;
import flagbench.timing.Durations;
import flagbench.timing.Latency;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
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
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DownloadBenchmark {

    public static final String SERVER_PROPERTY = "flagbench.server";
    /** A file holding the server's control token: a file, so the token is not in jmh.json's JVM arguments. */
    public static final String TOKEN_FILE_PROPERTY = "flagbench.server.tokenFile";

    /**
     * Downloads done at zero latency before a trial's JMH warm-up, so that client and server code
     * are compiled before the first timed operation without waiting out thousands of delays.
     */
    static final int JIT_WARMUP_DOWNLOADS = 1_000;
    static final int JIT_WARMUP_ROUND = 200;
    private static final Duration JIT_WARMUP_TIMEOUT = Duration.ofSeconds(30);

    /**
     * A registered strategy's name ({@link Strategies}). No values here: the suites pass every
     * registered name, so a new strategy is benchmarked without touching this class.
     */
    @Param({})
    public String strategy;

    /** Server-side latency per request: {@code 100ms}, {@code 500ms..5s}, {@code lognormal:100ms:0.5}, {@code 0}. */
    @Param("100ms")
    public String latency;

    /**
     * The downstream's limits ({@link Downstream}): {@code none}, or {@code capacity=50}, {@code rate=300/s}, … The latency is
     * then each request's service time, and requests beyond the capacity wait for a place or are refused.
     */
    @Param("none")
    public String downstream;

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

    /** How connections live (lower case for the same reason as {@link Transport}). */
    public enum Connections {
        /** One client per trial: connections are reused from one operation to the next. */
        warm,
        /** A new client per operation, as each run of the book's script starts fresh. */
        cold
    }

    @Param("warm")
    public Connections connections;

    /**
     * Connect and request timeout per download. The book's 3.1 s suits tens of requests; at
     * thousands in flight on a small machine the queue alone takes longer (the scale suite uses 30s).
     */
    @Param(Durations.BOOK_TIMEOUT)
    public String timeout;

    private List<String> codeList;
    private Duration requestTimeout;
    private Strategy scheduler;
    private Client httpClient;
    /** Connections the client's pool allows: the strategy's concurrency, so the pool never limits it. */
    private int connectionCount;
    private FlagServerClient server;
    private FlagFetcher warmFetcher;
    private String serverUrl;
    private SteadyState.Warmup warmup;

    /**
     * Whether the forks measure what each operation costs beyond time (CPU, allocations, threads,
     * memory, each download's wait). On by default; {@code -Dflagbench.metrics=off} in the fork's
     * JVM arguments turns it off, to show that measuring it costs nothing visible.
     */
    static final boolean METRICS = !"off".equals(System.getProperty("flagbench.metrics"));
    /** Where each fork writes its waits (the run folder's {@code waits} directory); set by the launcher. */
    public static final String WAITS_DIR_PROPERTY = "flagbench.waitsDir";

    /** The parameters above, by name. */
    static final List<String> PARAMETERS = List.of("strategy", "latency", "maxWorkers", "codes", "transport", "client", "connections", "timeout", "downstream");

    /**
     * Checks one parameter value with the parser the trial will use, so that the launcher can
     * refuse a bad {@code -p} in one line before any JVM is forked.
     *
     * @throws IllegalArgumentException naming the parameter and what it takes
     */
    static void checkParameter(String name, String value) {
        try {
            switch (name) {
                case "strategy" -> Strategies.named(value);
                case "latency" -> Latency.parse(value);
                case "downstream" -> Downstream.parse(value);
                case "maxWorkers" -> Strategies.requireWorkers(Integer.parseInt(value.trim()));
                case "codes" -> CodeSets.named(value, 1);
                case "transport" -> Transport.valueOf(value);
                case "client" -> Clients.named(value);
                case "connections" -> Connections.valueOf(value);
                case "timeout" -> Durations.timeout(value);
                default -> throw new IllegalArgumentException("no such parameter: use one of " + String.join(", ", PARAMETERS));
            }
        } catch (IllegalArgumentException e) { // NumberFormatException and valueOf's too
            String detail = e instanceof NumberFormatException ? "not a whole number"
                    : name.equals("transport") ? "use http or simulated"
                    : name.equals("connections") ? "use warm or cold" : e.getMessage();
            throw new IllegalArgumentException("-p " + name + "=" + value + ": " + detail);
        }
    }

    /**
     * Refuses a pair of parameter values that cannot be measured together: a strategy on a client
     * without its call, or a cold start on a client whose connections belong to the JVM.
     *
     * @throws IllegalArgumentException saying what to use instead
     */
    static void checkCombination(String strategy, String client, String connections) {
        Client c = Clients.named(client);
        Clients.requireCompatible(Strategies.named(strategy), c);
        if (Connections.valueOf(connections) == Connections.cold && !c.startsCold()) {
            throw new IllegalArgumentException("-p client=" + client + " with connections=cold: " + client
                    + " keeps one connection cache per JVM, so a new client cannot start cold; use connections=warm");
        }
    }

    @Setup(Level.Trial)
    public void startTrial() {
        codeList = CodeSets.named(codes, maxWorkers);
        scheduler = Strategies.named(strategy);
        Strategies.requireWorkers(maxWorkers);
        checkCombination(strategy, client, connections.name());
        httpClient = Clients.named(client);
        connectionCount = scheduler.concurrency(codeList.size(), maxWorkers);
        Latency parsedLatency = Latency.parse(latency);
        Downstream parsedDownstream = Downstream.parse(downstream);
        requestTimeout = Durations.timeout(timeout);
        switch (transport) {
            case simulated -> {
                if (parsedDownstream.limited()) {
                    throw new IllegalArgumentException("-p downstream=" + downstream + ": the simulated transport has no server to"
                            + " give limits to; use transport=http");
                }
                warmUpJit(new SimulatedFlagFetcher(Latency.NONE, ServerConfig.DEFAULT_SEED));
                warmFetcher = new SimulatedFlagFetcher(parsedLatency, ServerConfig.DEFAULT_SEED);
            }
            case http -> {
                serverUrl = System.getProperty(SERVER_PROPERTY);
                if (serverUrl == null) {
                    throw new IllegalStateException("no flag server: run through the launcher, or pass -D"
                            + SERVER_PROPERTY + "=http://127.0.0.1:PORT/flags");
                }
                server = new FlagServerClient(serverUrl, controlToken());
                server.latency(Latency.NONE);
                server.downstream(Downstream.NONE); // the JIT warm-up must download every flag, at once
                int warmupConnections = Math.max(connectionCount, scheduler.concurrency(JIT_WARMUP_ROUND, maxWorkers));
                try (var fetcher = httpClient.open(serverUrl, JIT_WARMUP_TIMEOUT, warmupConnections)) {
                    warmUpJit(fetcher);
                }
                server.latency(parsedLatency);
                server.downstream(parsedDownstream);
                warmFetcher = connections == Connections.cold ? null : httpClient.open(serverUrl, requestTimeout, connectionCount);
            }
        }
        if (SteadyState.wanted() && SteadyState.firstInThisJvm()) {
            warmUpToSteadyState();
        }
        if (server != null && parsedDownstream.ratePerSecond() > 0) {
            warmUpDownstream(parsedDownstream.ratePerSecond());
        }
    }

    /** The longest a trial waits for a rate limit's bucket to settle: at 1.05 R and above, a burst of R is spent by then. */
    static final Duration DOWNSTREAM_WARMUP_LIMIT = Duration.ofSeconds(20);

    /**
     * Against a rate limit R, operations until its bucket is in the trial's steady state: empty (the rate binds, and the
     * refusals from now on are the steady state's), or still full after two operations (the demand is below the rate).
     * A burst of R tokens lasts R / (D - R) seconds at a demand D above the rate, nine at 1.1 R: measured while it
     * lasted, points just above the rate read up to 10 % above it without a refusal.
     */
    private void warmUpDownstream(double rate) {
        long deadline = System.nanoTime() + DOWNSTREAM_WARMUP_LIMIT.toNanos();
        server.resetMeter(); // the bucket refills while operations run, and pauses when they stop
        for (int operation = 1; System.nanoTime() < deadline; operation++) {
            downloadAll(null);
            double tokens = server.meter().tokens();
            if (tokens < 1 || (operation >= 2 && tokens >= rate - 1)) {
                break;
            }
        }
        server.stopMeter();
    }

    private static String controlToken() {
        String file = System.getProperty(TOKEN_FILE_PROPERTY);
        if (file == null) {
            throw new IllegalStateException("no control token: run through the launcher, or pass -D" + TOKEN_FILE_PROPERTY + "=FILE");
        }
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the control token from " + file + ": " + e.getMessage());
        }
    }

    /**
     * The warm-up runs the trial's own strategy, in rounds of {@value #JIT_WARMUP_ROUND} so that an
     * unbounded strategy cannot put 2,000 requests in flight at once on a small machine: the
     * harness must not fail in its own preparation where the measured operation would succeed.
     * Its fetcher has a generous timeout for the same reason.
     */
    private void warmUpJit(FlagFetcher fetcher) {
        List<String> warmupCodes = CodeSets.named(String.valueOf(JIT_WARMUP_DOWNLOADS));
        for (int from = 0; from < warmupCodes.size(); from += JIT_WARMUP_ROUND) {
            List<String> round = warmupCodes.subList(from, Math.min(warmupCodes.size(), from + JIT_WARMUP_ROUND));
            Tally tally = scheduler.downloadMany(round, new Downloader(fetcher), maxWorkers);
            if (tally.ok() != round.size()) {
                throw new IllegalStateException("the JIT warm-up at zero latency did not download every flag: "
                        + tally.error() + " errors " + tally.errorReasons());
            }
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
            try (var fetcher = httpClient.open(serverUrl, requestTimeout, connectionCount)) {
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

    /**
     * With {@code -Dflagbench.steadyState=on}: the trial's own iterations (operation and counters), at its own
     * latency, until the JIT compilers of this fork and of the server are quiet ({@link SteadyState}).
     */
    private void warmUpToSteadyState() {
        var compiler = java.lang.management.ManagementFactory.getCompilationMXBean();
        java.util.function.LongSupplier compileMillis = () -> (compiler.isCompilationTimeMonitoringSupported()
                ? compiler.getTotalCompilationTime() : 0) + (server == null ? 0 : server.meter().compileMillis());
        warmup = SteadyState.warmUp(this::warmUpIteration, compileMillis, System::nanoTime,
                SteadyState.WINDOW, SteadyState.QUIET_SHARE, SteadyState.LIMIT);
        System.out.println(warmup.describe());
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
