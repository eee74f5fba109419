package flagbench.bench;

import flagbench.catalog.CodeSets;
import flagbench.download.Client;
import flagbench.download.Clients;
import flagbench.download.DownloadTimes;
import flagbench.download.Downloader;
import flagbench.download.FlagFetcher;
import flagbench.download.Outcome;
import flagbench.download.SimulatedFlagFetcher;
import flagbench.download.Strategies;
import flagbench.download.Strategy;
import flagbench.download.Tally;
import flagbench.report.ResultRow;
import flagbench.report.Waits;
import flagbench.server.FlagServerClient;
import flagbench.server.InFlightMeter;
import flagbench.server.ServerConfig;
import flagbench.timing.Durations;
import flagbench.timing.Latency;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

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

    @Param("20")
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
    @Param("3.1s")
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
    /** Where each fork writes its waits (the run folder's {@link Waits#FORK_DIR}); set by the launcher. */
    public static final String WAITS_DIR_PROPERTY = "flagbench.waitsDir";

    /**
     * What each iteration downloaded and what it cost, reported beside the time (JMH sums events
     * over iterations; the report divides each iteration's cost by its own downloads). A single-shot
     * iteration is one operation, so what is measured between this state's iteration set-up and
     * tear-down is that operation.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counts {
        public long ok;
        public long notFound;
        public long error;
        public long downloads;
        /** Of the errors: requests that timed out, and downloads that got no connection (what limits a sweep). */
        public long timeouts;
        public long connectFailures;
        /** The server's peak of requests in flight during the iteration (take the maximum, not the sum). */
        public long peakInFlight;
        /** This fork's CPU time over the operation, all threads: the client's cost (see {@link CostMeter}). */
        public long clientCpuNanos;
        /** Bytes allocated by every thread of the fork, virtual threads' included (on their carriers). */
        public long allocatedBytes;
        /** The most platform threads alive at once during the operation. */
        public long peakThreads;
        /** Distinct virtual threads that ran a download. */
        public long virtualThreads;
        /** The fork's peak resident memory so far (VmHWM), a maximum. */
        public long peakRssBytes;
        /** The server JVM's CPU time over the iteration, and the flag requests it served meanwhile. */
        public long serverCpuNanos;
        public long serverRequests;
        /**
         * How long the fork warmed up to steady state before JMH's iterations ({@link SteadyState}; 0 without it),
         * and 1 if it stopped at the limit with the compilers still busy: the same in every iteration (take the maximum).
         */
        public long warmupMillis;
        public long warmupBusy;
        /** JFR's jdk.VirtualThreadPinned events during the operation (threshold zero), and their total duration. */
        public long pinnedEvents;
        public long pinnedNanos;

        private FlagServerClient server;
        private CostMeter costs;
        private PinningMeter pinning;
        private InFlightMeter.Snapshot serverAtStart;
        private boolean measured;
        private SteadyState.Warmup warmup;
        private final Waits waits = Waits.empty();
        /** The measured operation's download times, merged into {@link #waits} in the tear-down, outside the timed region. */
        private DownloadTimes pending;

        @Setup(Level.Iteration)
        public void start(DownloadBenchmark benchmark, IterationParams iteration) {
            start(benchmark, iteration.getType() == IterationType.MEASUREMENT);
        }

        void start(DownloadBenchmark benchmark, boolean measured) {
            ok = notFound = error = downloads = timeouts = connectFailures = peakInFlight = 0;
            clientCpuNanos = allocatedBytes = peakThreads = virtualThreads = peakRssBytes = serverCpuNanos = serverRequests = 0;
            pinnedEvents = pinnedNanos = 0;
            server = benchmark.server;
            this.measured = measured;
            warmup = benchmark.warmup;
            // the meter's peak restarts here; its running totals at this moment are the iteration's start
            InFlightMeter.Snapshot reset = server == null ? null : server.resetMeter();
            if (METRICS) {
                serverAtStart = reset;
                pinning = PinningMeter.start();
                costs = CostMeter.start(); // last: nothing of the set-up is counted
            }
        }

        @TearDown(Level.Iteration)
        public void stop() {
            // here, not in the set-up: JMH zeroes the counters after the set-up of a single-shot iteration
            if (warmup != null) {
                warmupMillis = warmup.elapsed().toMillis();
                warmupBusy = warmup.quiet() ? 0 : 1;
            }
            if (costs != null) {
                CostMeter.Costs spent = costs.stop(); // first: nothing of the tear-down is counted
                clientCpuNanos = spent.cpuNanos();
                allocatedBytes = spent.allocatedBytes();
                peakThreads = spent.peakThreads();
                peakRssBytes = CostMeter.peakResidentBytes();
            }
            if (pinning != null) {
                PinningMeter.Pinning pins = pinning.stop();
                pinning = null;
                pinnedEvents = pins.events();
                pinnedNanos = pins.nanos();
            }
            mergePending();
            if (server != null) {
                InFlightMeter.Snapshot now = server.meter();
                peakInFlight = now.peak();
                if (serverAtStart != null) {
                    serverCpuNanos = now.cpuNanos() - serverAtStart.cpuNanos();
                    serverRequests = now.requests() - serverAtStart.requests();
                }
            }
        }

        /** The fork's waits of its measured operations, for the launcher to merge per row. */
        @TearDown(Level.Trial)
        public void writeWaits(BenchmarkParams params) {
            String dir = System.getProperty(WAITS_DIR_PROPERTY);
            if (METRICS && dir != null && waits.withQueue().getTotalCount() > 0) {
                var values = new java.util.TreeMap<String, String>();
                params.getParamsKeys().forEach(k -> values.put(k, params.getParam(k)));
                String benchmark = params.getBenchmark();
                waits.writeFork(Path.of(dir), ResultRow.key(benchmark.substring(benchmark.lastIndexOf('.') + 1), values));
            }
        }

        void add(Tally tally, DownloadTimes times) {
            ok += tally.ok();
            notFound += tally.notFound();
            error += tally.error();
            downloads += tally.total();
            tally.errorReasons().forEach((reason, count) -> {
                if (reason.startsWith(Outcome.TIMEOUT)) {
                    timeouts += count;
                } else if (reason.startsWith(Outcome.CANNOT_CONNECT)) {
                    connectFailures += count;
                }
            });
            if (times != null) {
                virtualThreads += times.virtualThreads();
                if (measured) {
                    mergePending(); // only where an iteration has several operations (not single-shot, tune's and the suites' mode)
                    pending = times;
                }
            }
        }

        /**
         * Histograms merged in the operation were timed with it: a fork's first measured sample paid for their
         * first, interpreted, merge (20-40 % slower than the warm-up iterations before it).
         */
        private void mergePending() {
            if (pending != null) {
                waits.add(pending.withQueue(), pending.withoutQueue());
                pending = null;
            }
        }
    }

    /** The parameters above, by name. */
    static final List<String> PARAMETERS = List.of("strategy", "latency", "maxWorkers", "codes", "transport", "client", "connections", "timeout");

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
        requestTimeout = Durations.timeout(timeout);
        switch (transport) {
            case simulated -> {
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
                int warmupConnections = Math.max(connectionCount, scheduler.concurrency(JIT_WARMUP_ROUND, maxWorkers));
                try (var fetcher = httpClient.open(serverUrl, JIT_WARMUP_TIMEOUT, warmupConnections)) {
                    warmUpJit(fetcher);
                }
                server.latency(parsedLatency);
                warmFetcher = connections == Connections.cold ? null : httpClient.open(serverUrl, requestTimeout, connectionCount);
            }
        }
        if (SteadyState.wanted()) {
            warmUpToSteadyState();
        }
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
