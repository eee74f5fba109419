package flagbench.server;

import flagbench.timing.Network;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One direction of one connection across a {@link Network}: when each byte its sender hands over reaches the receiver. A
 * discrete-event model computed as the bytes arrive, not a timer per packet: the sender may have at most its window
 * unacknowledged; the window starts at {@link Network#INITIAL_WINDOW_BYTES} and grows by every byte acknowledged (slow
 * start, with no loss to end it); bytes leave when the shared {@link Wire} is free and take its bandwidth's time; they
 * arrive half a round trip (with jitter) after leaving, never before the bytes sent before them (TCP delivers in order); and
 * their acknowledgement is back half a round trip after that.
 *
 * <p>Times are {@link System#nanoTime} readings. Not thread-safe: a link's flows live on its one event loop.
 */
final class Flow {

    /** Bytes that reach the receiver together, at {@code arrivalNanos}. */
    record Piece(long arrivalNanos, int bytes) {}

    private final long halfRttNanos;
    private final long jitterNanos;
    private final Wire wire;
    private final SplittableRandom random;
    /** The earliest the next byte may leave: after the bytes before it, and for a new connection after its SYN's round trip. */
    private long cursor;

    private long window = Network.INITIAL_WINDOW_BYTES;
    private long unacknowledged;
    /** Sent pieces not yet acknowledged: {ackNanos, bytes}, in the order they were sent. */
    private final ArrayDeque<long[]> inFlight = new ArrayDeque<>();

    private long lastArrival = Long.MIN_VALUE;

    /**
     * @param network   the link's round trip and jitter
     * @param wire      this direction's access link, shared by every connection of the link
     * @param notBefore when the first byte may leave: a new connection's client waits one round trip for the SYN's answer
     * @param random    the jitter's draws
     */
    Flow(Network network, Wire wire, long notBefore, SplittableRandom random) {
        this.halfRttNanos = Math.round(network.oneWayMillis() * 1e6);
        this.jitterNanos = Math.round(network.jitterMillis() * 1e6);
        this.wire = wire;
        this.cursor = notBefore;
        this.random = random;
    }

    /** The sender hands over {@code bytes} at {@code now}: when which of them arrive, in order. */
    List<Piece> send(long now, int bytes) {
        var pieces = new ArrayList<Piece>(1);
        long t = Math.max(now, cursor);
        int remaining = bytes;
        while (remaining > 0) {
            acknowledgeUntil(t);
            long room = window - unacknowledged;
            if (room <= 0) {
                t = Math.max(t, inFlight.peekFirst()[0]); // wait for the next acknowledgement
                continue;
            }
            int chunk = (int) Math.min(room, remaining);
            long left = wire.transmit(t, chunk);
            long delay = halfRttNanos + (jitterNanos == 0 ? 0 : random.nextLong(-jitterNanos, jitterNanos + 1));
            long arrival = Math.max(left + delay, lastArrival);
            lastArrival = arrival;
            inFlight.addLast(new long[] {arrival + halfRttNanos, chunk});
            unacknowledged += chunk;
            pieces.add(new Piece(arrival, chunk));
            remaining -= chunk;
            t = left;
        }
        cursor = t;
        return pieces;
    }

    private void acknowledgeUntil(long t) {
        while (!inFlight.isEmpty() && inFlight.peekFirst()[0] <= t) {
            long acked = inFlight.removeFirst()[1];
            unacknowledged -= acked;
            window += acked; // slow start: the window grows by what was acknowledged, doubling each round trip
        }
    }

    /** When a close the sender makes at {@code now} arrives: half a round trip on, and never before the bytes sent before it. */
    long closeArrival(long now) {
        return Math.max(lastArrival, now + halfRttNanos);
    }

    /** The window now, in bytes: what may be unacknowledged at once. */
    long window() {
        return window;
    }

    /** One direction of a link's access line: bytes leave one after another at its bandwidth, whichever connection sent them. */
    static final class Wire {
        private final long bitsPerSecond;
        private long freeAt = Long.MIN_VALUE;

        Wire(long bitsPerSecond) {
            this.bitsPerSecond = bitsPerSecond;
        }

        /** Puts {@code bytes} ready at {@code ready} on the line: when their last bit has left. */
        long transmit(long ready, int bytes) {
            if (bitsPerSecond == 0) {
                return ready;
            }
            long start = Math.max(ready, freeAt);
            freeAt = start + Math.round(bytes * 8e9 / bitsPerSecond);
            return freeAt;
        }
    }
}
