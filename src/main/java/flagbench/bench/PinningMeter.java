package flagbench.bench;

import flagbench.server.TempFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Counts the times a virtual thread was pinned to its carrier while it blocked: JFR's
 * {@code jdk.VirtualThreadPinned} events, with the threshold at zero (JFR's default, 20 ms, would
 * hide the short pins that add up). Since JDK 24 {@code synchronized} no longer pins; what still
 * does is blocking in native frames or in a class initializer, which is what a client library can
 * do without its users knowing.
 *
 * <p>Contract: {@link #stop()} returns every such event between {@link #start()} and it. The
 * recording lives in memory and is read only when it has stopped, so that while the operation
 * runs JFR does nothing but record the pins: a recording stream, read as it goes, cost each
 * POP20 operation 10-20 % more client CPU and 25 KB more allocation a download (its reader
 * thread parses every flush). Starting and reading a recording takes milliseconds: the benchmark
 * does both in the iteration's set-up and tear-down, outside the timed operation and its costs.
 */
final class PinningMeter {

    static final String EVENT = "jdk.VirtualThreadPinned";
    /** On unless {@code -Dflagbench.pinning=off} in the forks' JVM arguments (to measure what it costs). */
    static final boolean WANTED = !"off".equals(System.getProperty("flagbench.pinning"));

    /** How many pins, and their total duration. */
    record Pinning(long events, long nanos) {}

    private final Recording recording = new Recording();

    private PinningMeter() {
        recording.enable(EVENT).withThreshold(Duration.ZERO).withoutStackTrace();
        recording.setToDisk(false);
    }

    static PinningMeter start() {
        var meter = new PinningMeter();
        meter.recording.start();
        return meter;
    }

    Pinning stop() {
        Path dump = null;
        try (recording) {
            dump = TempFiles.create("pins", ".jfr"); // a fork killed while it reads is cleaned by the next bench
            recording.dump(dump); // while it runs: an in-memory recording has nothing to dump once stopped
            recording.stop();
            long events = 0;
            long nanos = 0;
            for (RecordedEvent event : RecordingFile.readAllEvents(dump)) {
                if (event.getEventType().getName().equals(EVENT)) {
                    events++;
                    nanos += event.getDuration().toNanos();
                }
            }
            return new Pinning(events, nanos);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pinning recording: " + e.getMessage(), e);
        } finally {
            if (dump != null) {
                try {
                    Files.deleteIfExists(dump);
                } catch (IOException ignored) {
                    // a temporary file in the temp directory: nothing to do about it here
                }
            }
        }
    }
}
