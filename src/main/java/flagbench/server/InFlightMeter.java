package flagbench.server;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Requests in flight now, the peak since the last reset, and counts by outcome.
 *
 * <p>A request is in flight from its arrival until both WireMock has finished with it and its
 * delay has run out. Both are needed: with asynchronous responses WireMock reports a delayed
 * request complete <em>before</em> it sends the delayed bytes, so completion alone undercounts.
 * Of those in flight, the ones a downstream's capacity keeps waiting for a place are
 * <em>queued</em> until their service starts; the others are in service.
 *
 * <p>Thread-safe: WireMock's request threads record arrivals and completions while the control route reads snapshots;
 * every method holds the meter's monitor, so a snapshot's counts are of one moment and add up.
 */
public final class InFlightMeter {

    /** REFUSED: the downstream's overload or rate-limit answer, given at once. */
    public enum Outcome {
        OK,
        NOT_FOUND,
        ERROR,
        FAULT,
        REFUSED
    }

    /**
     * @param requests flag requests since the server started (never reset: a client takes differences)
     * @param cpuNanos the server process's CPU time so far, for the CPU per request of an iteration
     * @param compileMillis the time the server JVM's JIT compilers have spent so far: a client warming
     *                      up waits until it stops growing, as the server's code is compiled too
     * @param queued of those in flight, the ones waiting for a place in the downstream's capacity
     * @param peakQueued the most queued at once since the last reset
     * @param tokens the tokens in the downstream's rate-limit bucket, -1 without one
     * @param connections TCP connections accepted since the server started ({@link ConnectionMeter}, never reset)
     * @param handshakes TLS handshakes completed since it started, and of those the ones that resumed a session
     */
    public record Snapshot(
            int inFlight,
            int peak,
            long ok,
            long notFound,
            long error,
            long fault,
            long requests,
            long cpuNanos,
            long compileMillis,
            int queued,
            int peakQueued,
            long refused,
            double tokens,
            long connections,
            long handshakes,
            long resumedHandshakes) {
        public long total() {
            return ok + notFound + error + fault + refused;
        }

        /** In flight and not queued. */
        public int inService() {
            return inFlight - queued;
        }
    }

    private final LongSupplier nanoTime;
    private final LongSupplier cpuNanos;
    private final LongSupplier compileMillis;
    private long requests;
    private final Map<UUID, Long> deadlines = new HashMap<>();
    private final PriorityQueue<Long> delayedEnds = new PriorityQueue<>();
    private final PriorityQueue<Long> queuedStarts = new PriorityQueue<>();
    private final long[] counts = new long[Outcome.values().length];
    private int peak;
    private int peakQueued;
    private DoubleSupplier tokenSource = () -> -1;
    private ConnectionMeter connectionSource = new ConnectionMeter();

    public InFlightMeter() {
        this(
                System::nanoTime,
                ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())::getProcessCpuTime,
                ManagementFactory.getCompilationMXBean()::getTotalCompilationTime);
    }

    /**
     * @param nanoTime the clock, as {@link System#nanoTime}: a test can step it instead of sleeping
     * @param cpuNanos the process's CPU time (the server's cost is the JVM's it runs in)
     * @param compileMillis the JVM's total JIT compilation time
     */
    InFlightMeter(LongSupplier nanoTime, LongSupplier cpuNanos, LongSupplier compileMillis) {
        this.nanoTime = nanoTime;
        this.cpuNanos = cpuNanos;
        this.compileMillis = compileMillis;
    }

    /** Where the snapshot reads the downstream's tokens from (the responder, which holds the bucket). */
    synchronized void tokens(DoubleSupplier source) {
        tokenSource = () -> {
            double tokens = source.getAsDouble();
            return Double.isNaN(tokens) ? -1 : tokens;
        };
    }

    /** Where the snapshot reads the connections and handshakes from (the server's connectors count them). */
    synchronized void connections(ConnectionMeter source) {
        connectionSource = source;
    }

    /** A request arrived and will be answered after {@code delayMillis}, with no wait for a place. */
    synchronized void arrived(UUID id, long delayMillis, Outcome outcome) {
        arrived(id, 0, delayMillis, outcome);
    }

    /** A request arrived now, will wait {@code waitNanos} for a place, and be answered {@code delayMillis} after it arrived. */
    synchronized void arrived(UUID id, long waitNanos, long delayMillis, Outcome outcome) {
        arrivedAt(id, nanoTime.getAsLong(), waitNanos, delayMillis, outcome);
    }

    /**
     * A request that arrived at {@code arrivalNanos} (this meter's clock): its place and its answer are counted from
     * then, not from the moment it is recorded. Why: the responder admits a request, then builds its answer, then
     * records it; on a busy machine that can take milliseconds, and a wait counted from the recording ended late, so
     * that a worker's next request could find one more "queued" than the capacity allows (DownstreamIT saw 16 of 15).
     */
    synchronized void arrivedAt(UUID id, long arrivalNanos, long waitNanos, long delayMillis, Outcome outcome) {
        deadlines.put(id, arrivalNanos + delayMillis * 1_000_000);
        if (waitNanos > 0) {
            queuedStarts.add(arrivalNanos + waitNanos);
        }
        counts[outcome.ordinal()]++;
        requests++;
        peak = Math.max(peak, inFlight());
        peakQueued = Math.max(peakQueued, queued());
    }

    /** WireMock is done with the request (possibly before its delayed answer has been sent). */
    synchronized void completed(UUID id) {
        Long deadline = deadlines.remove(id);
        if (deadline != null && deadline > nanoTime.getAsLong()) {
            delayedEnds.add(deadline);
        }
    }

    public synchronized int inFlight() {
        long now = nanoTime.getAsLong();
        while (!delayedEnds.isEmpty() && delayedEnds.peek() <= now) {
            delayedEnds.poll();
        }
        return deadlines.size() + delayedEnds.size();
    }

    /** Requests in flight whose service has not started yet. */
    public synchronized int queued() {
        long now = nanoTime.getAsLong();
        while (!queuedStarts.isEmpty() && queuedStarts.peek() <= now) {
            queuedStarts.poll();
        }
        return queuedStarts.size();
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(
                inFlight(),
                peak,
                counts[0],
                counts[1],
                counts[2],
                counts[3],
                requests,
                cpuNanos.getAsLong(),
                compileMillis.getAsLong(),
                queued(),
                peakQueued,
                counts[4],
                tokenSource.getAsDouble(),
                connectionSource.connections(),
                connectionSource.handshakes(),
                connectionSource.resumedHandshakes());
    }

    /**
     * Forgets the requests in flight: the server's latency or downstream changed, so a new trial begins, and the
     * previous trial's delayed answers (a client may long have given up on them) are not this trial's in flight.
     */
    synchronized void forgetInFlight() {
        deadlines.clear();
        delayedEnds.clear();
        queuedStarts.clear();
    }

    /** Starts a new measurement: the peak restarts from what is in flight now, counts from zero. */
    public synchronized void reset() {
        peak = inFlight();
        peakQueued = queued();
        Arrays.fill(counts, 0);
    }
}
