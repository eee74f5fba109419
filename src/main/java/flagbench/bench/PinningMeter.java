package flagbench.bench;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import jdk.jfr.consumer.RecordingStream;

/**
 * Counts the times a virtual thread was pinned to its carrier while it blocked: JFR's
 * {@code jdk.VirtualThreadPinned} events, with the threshold at zero (JFR's default, 20 ms, would
 * hide the short pins that add up). Since JDK 24 {@code synchronized} no longer pins; what still
 * does is blocking in native frames or in a class initializer, which is what a client library can
 * do without its users knowing.
 *
 * <p>Contract: {@link #stop()} returns every event that ended between {@link #start()} and it,
 * because stopping a recording stream waits until it has consumed all of them. One meter is
 * one JFR recording; starting it costs milliseconds, so the benchmark starts it in the iteration's
 * set-up, outside the timed operation.
 */
final class PinningMeter {

    static final String EVENT = "jdk.VirtualThreadPinned";

    /** How many pins, and their total duration. */
    record Pinning(long events, long nanos) {
    }

    private final RecordingStream stream = new RecordingStream();
    private final LongAdder events = new LongAdder();
    private final LongAdder nanos = new LongAdder();

    private PinningMeter() {
        stream.enable(EVENT).withThreshold(Duration.ZERO).withoutStackTrace();
        stream.onEvent(EVENT, event -> {
            events.increment();
            nanos.add(event.getDuration().toNanos());
        });
    }

    static PinningMeter start() {
        var meter = new PinningMeter();
        meter.stream.startAsync();
        return meter;
    }

    Pinning stop() {
        stream.stop();
        stream.close();
        return new Pinning(events.sum(), nanos.sum());
    }
}
