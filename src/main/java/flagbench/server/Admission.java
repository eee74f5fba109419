package flagbench.server;

import flagbench.timing.Downstream;
import java.util.ArrayDeque;
import java.util.PriorityQueue;

/**
 * A {@link Downstream}'s capacity, queue and rate limit, decided for each request as it arrives, in
 * virtual time: no thread is held while a request waits or is served. The server keeps, for each of
 * its C places, the time it next falls free; an arriving request takes the place that frees first,
 * starts when it does (now, if one is free), and ends a service time later. Its answer is delayed by
 * the wait plus the service, which is exactly what C workers serving a FIFO queue would give it, at
 * the cost of a heap operation. Requests that would start later than now are the ones waiting: past
 * {@code queue} of them, or with no token left in the bucket, the request is refused at once.
 *
 * <p>Deterministic: the same arrival times and service times give the same waits and refusals.
 * Thread-safe: requests are admitted one at a time, in arrival order, which is what makes it FIFO.
 */
final class Admission {

    /** The decision for one request: how long it waits before its service starts, or why it was refused. */
    record Decision(long waitNanos, Refusal refusal, long retryAfterSeconds) {
        static Decision admitted(long waitNanos) {
            return new Decision(waitNanos, null, 0);
        }

        boolean refused() {
            return refusal != null;
        }
    }

    enum Refusal {
        /** Beyond the queue: the downstream's overload answer. */
        OVERLOADED,
        /** No token in the bucket: 429. */
        RATE_LIMITED
    }

    private final Downstream downstream;
    /** When each place falls free, earliest first; empty without a capacity. */
    private final PriorityQueue<Long> freeAt = new PriorityQueue<>();
    /** Start times of the admitted requests not yet started, in order (FIFO starts never go backwards). */
    private final ArrayDeque<Long> waitingStarts = new ArrayDeque<>();

    private double tokens;
    private long refilledAt;
    private boolean started;
    private long lastArrival = Long.MIN_VALUE;
    /** When the bucket's clock was paused; MIN_VALUE while it runs. */
    private long pausedAt = Long.MIN_VALUE;

    Admission(Downstream downstream) {
        this.downstream = downstream;
        for (int i = 0; i < downstream.capacity(); i++) {
            freeAt.add(Long.MIN_VALUE);
        }
        tokens = downstream.ratePerSecond(); // a full bucket: a burst of R
    }

    Downstream downstream() {
        return downstream;
    }

    /**
     * Admits a request arriving at {@code arrivalNanos} whose service takes {@code serviceNanos}, or refuses it.
     * An arrival timed just before the one admitted last (two threads read the clock, then queue here) counts
     * as arriving with it: time in here never goes backwards.
     */
    synchronized Decision admit(long arrivalNanos, long serviceNanos) {
        long nowNanos = Math.max(arrivalNanos, lastArrival);
        lastArrival = nowNanos;
        resume(nowNanos); // a request is traffic: the bucket's clock runs
        if (!started) {
            refilledAt = nowNanos;
            started = true;
        }
        if (downstream.ratePerSecond() > 0) {
            tokens = tokensAt(nowNanos);
            refilledAt = nowNanos;
            if (tokens < 1) {
                return new Decision(0, Refusal.RATE_LIMITED, seconds((1 - tokens) / downstream.ratePerSecond() * 1e9));
            }
        }
        if (downstream.capacity() == 0) {
            tokens -= 1;
            return Decision.admitted(0);
        }
        while (!waitingStarts.isEmpty() && waitingStarts.peekFirst() <= nowNanos) {
            waitingStarts.pollFirst();
        }
        long free = freeAt.peek();
        if (free > nowNanos && downstream.queue() >= 0 && waitingStarts.size() >= downstream.queue()) {
            // the next place to open is the one the first in the queue will take
            long opens = waitingStarts.isEmpty() ? free : waitingStarts.peekFirst();
            return new Decision(0, Refusal.OVERLOADED, seconds(opens - nowNanos));
        }
        tokens -= 1;
        freeAt.poll();
        long start = Math.max(nowNanos, free);
        freeAt.add(start + serviceNanos);
        if (start > nowNanos) {
            waitingStarts.addLast(start);
        }
        return Decision.admitted(start - nowNanos);
    }

    /**
     * Stops the bucket's refill until {@link #resume} or the next request: between a benchmark's timed operations the
     * harness sets up and reads its counters (about 50 ms an iteration here), and a bucket refilling meanwhile let a
     * sweep through 10 % above the rate with no refusal. A client in steady state has no such pauses.
     */
    synchronized void pause(long nowNanos) {
        if (pausedAt == Long.MIN_VALUE) {
            pausedAt = nowNanos;
        }
    }

    /** Lets the bucket refill again from now, as if the pause had not happened. */
    synchronized void resume(long nowNanos) {
        if (pausedAt != Long.MIN_VALUE) {
            if (started) {
                refilledAt += Math.max(0, nowNanos - pausedAt);
            }
            pausedAt = Long.MIN_VALUE;
        }
    }

    /** The tokens in the bucket now (as the next request would find them); NaN without a rate limit. */
    synchronized double tokens(long nowNanos) {
        if (downstream.ratePerSecond() == 0) {
            return Double.NaN;
        }
        return tokensAt(pausedAt != Long.MIN_VALUE ? pausedAt : nowNanos);
    }

    /** The bucket as refilled from its last refill until {@code untilNanos}, never above its burst. */
    private double tokensAt(long untilNanos) {
        double rate = downstream.ratePerSecond();
        return started ? Math.min(rate, tokens + (untilNanos - refilledAt) / 1e9 * rate) : tokens;
    }

    /** Retry-After is whole seconds, at least one. */
    private static long seconds(double nanos) {
        return Math.max(1, (long) Math.ceil(nanos / 1e9));
    }
}
