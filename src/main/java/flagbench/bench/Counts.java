package flagbench.bench;

import flagbench.download.DownloadTimes;
import flagbench.download.Outcome;
import flagbench.download.Tally;
import flagbench.results.Waits;
import flagbench.server.FlagServerClient;
import flagbench.server.InFlightMeter;
import java.nio.file.Path;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * What each iteration downloaded and what it cost, reported beside the time (JMH sums events
 * over iterations; the report divides each iteration's cost by its own downloads). A single-shot
 * iteration is one operation, so what is measured between this state's iteration set-up and
 * tear-down is that operation.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class Counts {
    public long ok;
    public long notFound;
    public long error;
    public long downloads;
    /** Of the errors: requests that timed out, and downloads that got no connection (what limits a sweep). */
    public long timeouts;

    public long connectFailures;
    /** Of the errors: the downstream's refusals, 429 or 503 (its overload or rate-limit answer). */
    public long refused;
    /**
     * Of the errors: broken answers (a reset, an early close, a malformed answer, and HTTP/2 streams the client or the
     * server refused, such as java.net.http's "too many concurrent streams").
     */
    public long brokenAnswers;
    /** The server's peak of requests in flight during the iteration (take the maximum, not the sum). */
    public long peakInFlight;
    /** Of those, the most waiting for a place in the downstream's capacity at once (a maximum too). */
    public long peakQueued;
    /** This fork's CPU time over the operation, all threads: the client's cost (see {@link CostMeter}). */
    public long clientCpuNanos;
    /**
     * Of it, the downloads' work and the JVM's background (JIT compilers, GC, VM threads); both 0 where the fork could
     * not tell them apart (see {@link CostMeter}): a download's work is never 0 ns.
     */
    public long downloadCpuNanos;

    public long backgroundCpuNanos;
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
     * The TCP connections the server accepted during the operation, and the TLS handshakes it completed (of those, the
     * ones that resumed an earlier session): what a cold client, TLS or HTTP/2's multiplexing cost beyond requests.
     */
    public long serverConnections;

    public long tlsHandshakes;
    public long tlsResumed;
    /**
     * How long the fork warmed up to steady state before JMH's iterations ({@link SteadyState}; 0 without it),
     * and 1 if it stopped at the limit with the compilers still busy: the same in every iteration (take the maximum).
     */
    public long warmupMillis;

    public long warmupBusy;
    /** JFR's jdk.VirtualThreadPinned events during the operation (threshold zero), and their total duration. */
    public long pinnedEvents;

    public long pinnedNanos;
    /**
     * The {@link SpeedRuler} in ns, measured once at the end of the trial's set-up (the same in every iteration) and once
     * after its last measured iteration (0 in the others): take the maximum of each.
     */
    public long rulerBeforeNanos;

    public long rulerAfterNanos;
    /**
     * A short {@link SpeedRuler} reading in ns after each measured iteration, outside its timed region and its costs (0
     * after a warm-up): many readings through the trial, where the two above are one each.
     */
    public long rulerNanos;
    /**
     * How many downloads the strategy runs at once in this trial, as it said when the run was made (the same in every
     * iteration: take the maximum), so that an old run's ideal does not change when a strategy's does.
     */
    public long concurrency;

    private FlagServerClient server;
    private CostMeter costs;
    private PinningMeter pinning;
    private InFlightMeter.Snapshot serverAtStart;
    private boolean measured;
    private SteadyState.Warmup warmup;
    private final Waits waits = Waits.empty();
    /** The measured operation's download times, merged into {@link #waits} in the tear-down, outside the timed region. */
    private DownloadTimes pending;

    private DownloadBenchmark trial;
    /** The trial this iteration belongs to, for what it says of itself. */
    private DownloadBenchmark source;

    private int measuredSoFar;
    private boolean lastMeasured;

    @Setup(Level.Iteration)
    public void start(DownloadBenchmark benchmark, IterationParams iteration) {
        boolean measurement = iteration.getType() == IterationType.MEASUREMENT;
        if (benchmark != trial) { // a new trial: count its measured iterations afresh
            trial = benchmark;
            measuredSoFar = 0;
        }
        lastMeasured = measurement && ++measuredSoFar == iteration.getCount();
        start(benchmark, measurement);
    }

    void start(DownloadBenchmark benchmark, boolean measured) {
        ok = notFound = error =
                downloads = timeouts = connectFailures = refused = brokenAnswers = peakInFlight = peakQueued = 0;
        clientCpuNanos = downloadCpuNanos = backgroundCpuNanos = 0;
        allocatedBytes = peakThreads = virtualThreads = peakRssBytes = serverCpuNanos = serverRequests = 0;
        serverConnections = tlsHandshakes = tlsResumed = 0;
        pinnedEvents = pinnedNanos = rulerBeforeNanos = rulerAfterNanos = rulerNanos = concurrency = 0;
        source = benchmark;
        server = benchmark.server();
        this.measured = measured;
        warmup = benchmark.warmup();
        // the meter's peak restarts here; its running totals at this moment are the iteration's start
        InFlightMeter.Snapshot reset = server == null ? null : server.resetMeter();
        if (DownloadBenchmark.METRICS) {
            serverAtStart = reset;
            pinning = PinningMeter.WANTED ? PinningMeter.start() : null;
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
            downloadCpuNanos = spent.downloadCpuNanos().orElse(0);
            backgroundCpuNanos = spent.backgroundCpuNanos().orElse(0);
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
        if (source != null) {
            concurrency = source.concurrency();
        }
        if (trial != null) {
            rulerBeforeNanos = trial.rulerBeforeNanos();
            rulerAfterNanos = lastMeasured ? SpeedRuler.measureNanos() : 0;
        }
        if (server != null) {
            InFlightMeter.Snapshot now = server.stopMeter();
            peakInFlight = now.peak();
            peakQueued = now.peakQueued();
            if (serverAtStart != null) {
                serverCpuNanos = now.cpuNanos() - serverAtStart.cpuNanos();
                serverRequests = now.requests() - serverAtStart.requests();
                serverConnections = now.connections() - serverAtStart.connections();
                tlsHandshakes = now.handshakes() - serverAtStart.handshakes();
                tlsResumed = now.resumedHandshakes() - serverAtStart.resumedHandshakes();
            }
        }
        if (measured && trial != null) {
            rulerNanos = SpeedRuler.measureShortNanos(); // last: after every meter has stopped
        }
    }

    /** The fork's waits of its measured operations, for the launcher to merge per row. */
    @TearDown(Level.Trial)
    public void writeWaits(BenchmarkParams params) {
        String dir = System.getProperty(DownloadBenchmark.WAITS_DIR_PROPERTY);
        if (DownloadBenchmark.METRICS && dir != null && waits.withQueue().getTotalCount() > 0) {
            waits.writeFork(Path.of(dir), ForkResults.key(params));
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
            } else if (reason.startsWith(Outcome.REFUSED)) {
                refused += count;
            } else if (reason.startsWith(Outcome.BROKEN)) {
                brokenAnswers += count;
            }
        });
        if (times != null) {
            virtualThreads += times.virtualThreads();
            if (measured) {
                mergePending(); // only where an iteration has several operations (not single-shot, tune's and the
                // suites' mode)
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
