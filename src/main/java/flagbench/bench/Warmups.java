package flagbench.bench;

import flagbench.catalog.CodeSets;
import flagbench.download.Downloader;
import flagbench.download.FlagFetcher;
import flagbench.download.Strategy;
import flagbench.download.Tally;
import flagbench.server.FlagServerClient;
import flagbench.server.ServerConfig;
import flagbench.timing.Latency;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What a {@link DownloadBenchmark} trial runs before JMH's own warm-up, each for its own reason: the JIT at zero latency,
 * the fork's steady state, and a rate limit's bucket. None of it is timed.
 */
final class Warmups {

    private Warmups() {}

    /**
     * Downloads done at zero latency before a trial's JMH warm-up, so that client and server code
     * are compiled before the first timed operation without waiting out thousands of delays.
     */
    static final int JIT_DOWNLOADS = 1_000;

    static final int JIT_ROUND = 200;
    /**
     * Over HTTP/2 a round stays below the server's stream limit (Jetty's 128, {@link ServerConfig#DEFAULT_MAX_STREAMS}):
     * past it some clients fail requests by design (java.net.http's "too many concurrent streams"), which the measured
     * operation may show but the preparation must not.
     */
    static final int JIT_ROUND_HTTP2 = 100;
    /** The most a warm row's opening operation waits per download: enough for every worker's download to be in flight at once. */
    static final Latency OPENING_LATENCY = Latency.parse("20ms");

    /**
     * The latency of a warm row's opening operation (the one that makes its connections): the row's own, at most
     * {@link #OPENING_LATENCY}, so that each worker holds its connection long enough for every other to need one of its own,
     * without waiting out the row's whole latency (1,000 downloads at 100 ms in rounds of 100 would cost a second a trial).
     */
    static Latency opening(Latency rowLatency) {
        return rowLatency.meanMillis() > OPENING_LATENCY.meanMillis() ? OPENING_LATENCY : rowLatency;
    }

    /** The JIT warm-up's request timeout: generous, as the harness must not fail where the measured operation would not. */
    static final Duration JIT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * The JIT warm-up runs the trial's own strategy, in rounds of {@value #JIT_ROUND} so that an unbounded strategy cannot
     * put 2,000 requests in flight at once on a small machine: the harness must not fail in its own preparation where the
     * measured operation would succeed.
     */
    static void jit(Strategy strategy, int maxWorkers, FlagFetcher fetcher) {
        jit(strategy, maxWorkers, fetcher, JIT_ROUND);
    }

    /** The JIT warm-up in rounds of {@code roundSize} downloads. */
    static void jit(Strategy strategy, int maxWorkers, FlagFetcher fetcher, int roundSize) {
        List<String> codes = CodeSets.named(String.valueOf(JIT_DOWNLOADS));
        for (int from = 0; from < codes.size(); from += roundSize) {
            List<String> round = codes.subList(from, Math.min(codes.size(), from + roundSize));
            Tally tally = strategy.downloadMany(round, new Downloader(fetcher), maxWorkers);
            if (tally.ok() != round.size()) {
                throw new IllegalStateException("the JIT warm-up at zero latency did not download every flag: "
                        + tally.error() + " errors " + tally.errorReasons());
            }
        }
    }

    /**
     * With {@code -Dflagbench.steadyState=on}: the trial's own iterations (operation and counters), at its own latency,
     * until the JIT compilers of this fork and of the server ({@code server}, null without one) are quiet ({@link SteadyState}).
     */
    static SteadyState.Warmup steadyState(Runnable iteration, FlagServerClient server) {
        var compiler = ManagementFactory.getCompilationMXBean();
        LongSupplier compileMillis =
                () -> (compiler.isCompilationTimeMonitoringSupported() ? compiler.getTotalCompilationTime() : 0)
                        + (server == null ? 0 : server.meter().compileMillis());
        var warmup = SteadyState.warmUp(
                iteration,
                compileMillis,
                System::nanoTime,
                SteadyState.WINDOW,
                SteadyState.QUIET_SHARE,
                SteadyState.LIMIT);
        System.out.println(warmup.describe());
        return warmup;
    }

    /** The longest a trial waits for a rate limit's bucket to settle: at 1.05 R and above, a burst of R is spent by then. */
    static final Duration DOWNSTREAM_LIMIT = Duration.ofSeconds(20);

    /**
     * Against a rate limit R, operations until its bucket is in the trial's steady state: empty (the rate binds, and the
     * refusals from now on are the steady state's), or still full after two operations (the demand is below the rate).
     * A burst of R tokens lasts R / (D - R) seconds at a demand D above the rate, nine at 1.1 R: measured while it
     * lasted, points just above the rate read up to 10 % above it without a refusal.
     */
    static void downstream(Runnable operation, FlagServerClient server, double rate) {
        long deadline = System.nanoTime() + DOWNSTREAM_LIMIT.toNanos();
        server.resetMeter(); // the bucket refills while operations run, and pauses when they stop
        for (int done = 1; System.nanoTime() < deadline; done++) {
            operation.run();
            double tokens = server.meter().tokens();
            if (tokens < 1 || (done >= 2 && tokens >= rate - 1)) {
                break;
            }
        }
        server.stopMeter();
    }
}
