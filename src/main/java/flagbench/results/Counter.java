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
    ok, notFound, error, downloads, timeouts, connectFailures, refused, brokenAnswers, peakInFlight, peakQueued, clientCpuNanos, allocatedBytes,
    peakThreads, virtualThreads, peakRssBytes, serverCpuNanos, serverRequests, warmupMillis, warmupBusy, pinnedEvents, pinnedNanos,
    rulerBeforeNanos, rulerAfterNanos, concurrency, serverConnections, tlsHandshakes, tlsResumed;

    /** Every counter's name. */
    public static final Set<String> NAMES = Arrays.stream(values()).map(Counter::name).collect(Collectors.toUnmodifiableSet());
}
