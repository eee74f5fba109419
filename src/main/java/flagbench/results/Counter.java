package flagbench.results;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The benchmark's own counters, as jmh.json names them: each fork's {@code Counts} has one public field per constant (a
 * test holds the two together), and the report shows them through its metrics rather than again as a profiler's. In lower
 * case because they are the names JMH writes, which runs made before this enum carry too.
 */
public enum Counter {
    ok,
    notFound,
    error,
    downloads,
    timeouts,
    connectFailures,
    refused,
    brokenAnswers,
    peakInFlight,
    peakQueued,
    clientCpuNanos,
    downloadCpuNanos,
    backgroundCpuNanos,
    allocatedBytes,
    peakThreads,
    virtualThreads,
    peakRssBytes,
    serverCpuNanos,
    serverRequests,
    warmupMillis,
    warmupBusy,
    pinnedEvents,
    pinnedNanos,
    rulerBeforeNanos,
    rulerAfterNanos,
    rulerNanos,
    concurrency,
    serverConnections,
    tlsHandshakes,
    tlsResumed;

    /**
     * The largest value a fork can honestly report: the speed ruler is a sort of about a millisecond, so a minute is a
     * damaged file; every other counter stays below 10^15 (11 days of CPU in ns, a petabyte, a count no run reaches). A value
     * above it would be summed or divided into every figure of its row, and the CI gate would read the result.
     */
    public double ceiling() {
        return this == rulerBeforeNanos || this == rulerAfterNanos || this == rulerNanos ? 60e9 : 1e15;
    }

    /** Every counter's name. */
    public static final Set<String> NAMES =
            Arrays.stream(values()).map(Counter::name).collect(Collectors.toUnmodifiableSet());
}
