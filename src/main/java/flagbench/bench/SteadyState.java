package flagbench.bench;

import flagbench.timing.Durations;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * A trial is warm when the JIT compilers have gone quiet: this warm-up repeats the trial's own
 * operation until, over the last {@code window}, the compilers of the client and of the server
 * together spent less than {@code share} of the time.
 *
 * <p>Why not a fixed number of warm-up iterations: on a small machine the compilers compete with
 * the measured work for the same cores, and C2 keeps compiling HttpClient's, Jetty's and
 * WireMock's hot paths for 10–30 s of downloads. Measured on the 2-core reference machine
 * (bounded at 20 ms, 1,000 workers, {@code -prof comp}): throughput climbed from 2,200 to 11,000
 * downloads/s over the first 25 operations while the client's compilers spent 18 s, and the
 * server's CPU per request fell sevenfold. A count of iterations is a different warm-up for every
 * operation length: a sweep's short points (few workers) ended their warm-up long before the
 * compilers did and its long points after, so throughput seemed to rise with the workers.
 *
 * <p>What is repeated must be all the fork will do, not only the timed part: warmed with the bare
 * operation, the iteration's set-up and tear-down were compiled during the first measured samples
 * (10-40 % slow on two cores).
 */
final class SteadyState {

    /** The fork property that asks for it (tune sets it): {@code -Dflagbench.steadyState=on}. */
    static final String PROPERTY = "flagbench.steadyState";

    static final Duration WINDOW = Duration.ofSeconds(4);
    /** At steady state the compilers still recompile now and then (measured: 1–5 % of the time). */
    static final double QUIET_SHARE = 0.05;
    /**
     * Measure anyway after this long, and say so: a warm-up must end. {@code -Dflagbench.steadyState.limit=8s} in
     * the runner's JVM arguments (which its forks inherit) shortens it where only the mechanics are tested.
     */
    static final Duration LIMIT = Durations.timeout(System.getProperty(PROPERTY + ".limit", "90s"));

    /** How the warm-up went: operations run, how long, whether the compilers went quiet before the limit. */
    record Warmup(int operations, Duration elapsed, boolean quiet) {
        String describe() {
            return String.format(
                    Locale.ROOT,
                    "flagbench: warm-up %s after %d operations, %.1f s",
                    quiet
                            ? "reached steady state (JIT compilers quiet)"
                            : "stopped at the limit with the JIT compilers still busy: the first samples may be slower",
                    operations,
                    elapsed.toMillis() / 1000.0);
        }
    }

    private SteadyState() {}

    static boolean wanted() {
        return "on".equals(System.getProperty(PROPERTY));
    }

    private static final AtomicBoolean WARMED = new AtomicBoolean();

    /**
     * Whether this trial is the JVM's first to ask, and so warms up: a {@link MeasuringJvm} measures several
     * trials one after another, and those after the first start with the JIT compilers already quiet (each still
     * has JMH's own warm-up iterations at its own parameters).
     */
    static boolean firstInThisJvm() {
        return WARMED.compareAndSet(false, true);
    }

    /**
     * Runs {@code operation} until the compilers are quiet or {@code limit} has passed.
     *
     * @param compileMillis the compilers' total time so far (client and server together), in ms
     * @param nanoTime      the clock, as {@link System#nanoTime}
     */
    static Warmup warmUp(
            Runnable operation,
            LongSupplier compileMillis,
            LongSupplier nanoTime,
            Duration window,
            double share,
            Duration limit) {
        long start = nanoTime.getAsLong();
        var marks = new ArrayDeque<long[]>(); // {time, compile ms}, oldest first
        marks.add(new long[] {start, compileMillis.getAsLong()});
        for (int operations = 1; ; operations++) {
            operation.run();
            long now = nanoTime.getAsLong();
            long compiled = compileMillis.getAsLong();
            marks.add(new long[] {now, compiled});
            // keep the latest mark at least a window old: the span measured is the shortest that covers the window
            while (marks.size() > 2 && now - secondOf(marks)[0] >= window.toNanos()) {
                marks.removeFirst();
            }
            long[] from = marks.getFirst();
            long span = now - from[0];
            if (operations >= 2 && span >= window.toNanos() && (compiled - from[1]) * 1_000_000.0 <= share * span) {
                return new Warmup(operations, Duration.ofNanos(now - start), true);
            }
            if (now - start >= limit.toNanos()) {
                return new Warmup(operations, Duration.ofNanos(now - start), false);
            }
        }
    }

    private static long[] secondOf(ArrayDeque<long[]> marks) {
        var it = marks.iterator();
        it.next();
        return it.next();
    }
}
