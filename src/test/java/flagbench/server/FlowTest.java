package flagbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import flagbench.timing.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The link's model on synthetic sends, whose arrivals are known: nanoseconds from 0, no sockets. */
class FlowTest {

    private static final long MS = 1_000_000;

    private static Flow flow(String network, long notBefore) {
        Network n = Network.parse(network);
        return new Flow(n, new Flow.Wire(n.bitsPerSecond()), notBefore, new SplittableRandom(1));
    }

    @Test
    void bytesArriveHalfARoundTripAfterTheyAreSentAndNotBeforeTheSynsRoundTrip() {
        Flow f = flow("rtt=100ms", 100 * MS);
        assertThat(f.send(0, 500)).containsExactly(new Flow.Piece(150 * MS, 500));
        assertThat(f.send(300 * MS, 500)).containsExactly(new Flow.Piece(350 * MS, 500));
        // a close crosses too: half a round trip on, and not before the bytes sent before it
        assertThat(f.closeArrival(320 * MS)).isEqualTo(370 * MS);
        assertThat(f.closeArrival(200 * MS)).isEqualTo(350 * MS);
    }

    @Test
    void slowStartSendsTheInitialWindowThenDoublesEachRoundTrip() {
        Flow f = flow("rtt=100ms", 0);
        List<Flow.Piece> pieces = f.send(0, 60_000);
        // 14,600 at once, 29,200 when they are acknowledged one round trip later, the remaining 16,200 a round trip
        // after that
        assertThat(pieces)
                .containsExactly(
                        new Flow.Piece(50 * MS, 14_600),
                        new Flow.Piece(150 * MS, 29_200),
                        new Flow.Piece(250 * MS, 16_200));
        assertThat(f.window())
                .isEqualTo(14_600 + 14_600 + 29_200); // grown by every byte acknowledged before the last piece left
    }

    @Test
    void theWirePacesEveryConnectionAtItsBandwidthTogether() {
        Network n = Network.parse("rtt=10ms+bandwidth=8mbit"); // a byte a microsecond
        var wire = new Flow.Wire(n.bitsPerSecond());
        Flow a = new Flow(n, wire, 0, new SplittableRandom(1));
        Flow b = new Flow(n, wire, 0, new SplittableRandom(2));
        assertThat(a.send(0, 1_000))
                .containsExactly(new Flow.Piece(6 * MS, 1_000)); // 1 ms on the wire, then 5 ms across
        assertThat(b.send(0, 1_000)).containsExactly(new Flow.Piece(7 * MS, 1_000)); // behind a's bytes on the one wire
    }

    @Test
    void jitterNeverReordersAConnectionsBytes() {
        Flow f = flow("rtt=20ms+jitter=10ms", 0);
        var arrivals = new ArrayList<Long>();
        var delays = new ArrayList<Long>();
        for (int i = 0; i < 1_000; i++) {
            long now = i * MS; // 100 KB/s: within the window, so that only the jitter and the order delay a byte
            for (Flow.Piece p : f.send(now, 100)) {
                arrivals.add(p.arrivalNanos());
                delays.add(p.arrivalNanos() - now);
            }
        }
        assertThat(arrivals).isSorted();
        assertThat(delays.stream().mapToLong(Long::longValue).min().orElseThrow())
                .isGreaterThanOrEqualTo(0);
        assertThat(delays.stream().mapToLong(Long::longValue).max().orElseThrow())
                .isLessThanOrEqualTo(20 * MS);
        assertThat(delays.stream().distinct().count()).as("the delays vary").isGreaterThan(100);
    }
}
