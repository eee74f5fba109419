package flagbench.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A machine's speed, measured the same way in every fork: the time to sort a fixed, seeded array of
 * {@value #LENGTH} ints {@value #SORTS} times, the median of {@value #TIMED} such samples after {@value #UNTIMED} untimed. The first measurement in
 * a JVM first sorts {@value #JIT_SORTS} times untimed, so that the JIT's C2 has compiled the sort: with three
 * untimed sorts only, a default run's rulers read 56 % faster after each trial's samples than before them
 * (20261202-061850-vm), the compiler's work, not the machine's.
 *
 * <p>Why a sort: it is deterministic (the same array, the same comparisons every time), it does no I/O,
 * allocates one array a sort, and it is bound by what the rows' CPU-bound part is bound by: the core's speed, its
 * caches, and the share of the core the benchmark gets, so a busy neighbour on the same core slows it as it
 * slows the rows. It is short (a sample took 0.9–2.5 ms on the 2-core machines of the reference runs, a measurement twelve
 * samples, the JIT's sorts 0.03–0.2 s once a JVM), so a trial's two measurements, one before its samples and one after,
 * cost well under a second, and the median of nine ignores one
 * preempted sample. Not a benchmark of the strategies: a ruler to tell a slower machine from slower code.
 */
final class SpeedRuler {

    static final int LENGTH = 20_000;
    static final int UNTIMED = 3;
    static final int TIMED = 9;
    static final int SORTS = 10;
    static final int JIT_SORTS = 300;
    private static boolean compiled;
    /** What one measurement is, in machine.json: two runs' rulers compare only when they measured the same thing. */
    static final String DEFINITION = "sort " + LENGTH + " seeded ints x" + SORTS + ", median of " + TIMED + " after "
            + UNTIMED + ", after " + JIT_SORTS + " once a JVM";

    /**
     * The short measurement taken after every measured iteration ({@link #measureShortNanos}): a reading's own noise, not
     * the machine, made most of the before-and-after rulers' spread (a run's readings varied by 30-40 % while a trial's
     * before and after hardly agreed, correlation 0.03-0.22 in the A/A pair of 2026-12-08), so many short readings through
     * a trial measure its machine better than two long ones.
     */
    static final int SHORT_TIMED = 3;

    static final String SHORT_DEFINITION = "sort " + LENGTH + " seeded ints x" + SORTS + ", median of " + SHORT_TIMED
            + " after 1, after each measured iteration";

    private static final int[] INPUT =
            new SplittableRandom(20261202).ints(LENGTH).toArray();

    private SpeedRuler() {}

    /** One measurement: the median time of a sort, in nanoseconds. */
    static long measureNanos() {
        return measureNanos(UNTIMED, TIMED);
    }

    /** A short measurement ({@link #SHORT_DEFINITION}), in nanoseconds: about a third of {@link #measureNanos}'s time. */
    static long measureShortNanos() {
        return measureNanos(1, SHORT_TIMED);
    }

    private static synchronized long measureNanos(int untimed, int timed) {
        long[] times = new long[timed];
        long check = 0;
        if (!compiled) {
            for (int i = 0; i < JIT_SORTS; i++) {
                int[] copy = INPUT.clone();
                Arrays.sort(copy);
                check += copy[i % LENGTH];
            }
            compiled = true;
        }
        for (int i = 0; i < untimed + timed; i++) {
            long start = System.nanoTime();
            for (int k = 0; k < SORTS; k++) {
                int[] copy = INPUT.clone();
                Arrays.sort(copy);
                check += copy[(i + k) % LENGTH]; // the sorted array is used, so no sort can be left out
            }
            long took = System.nanoTime() - start;
            if (i >= untimed) {
                times[i - untimed] = took;
            }
        }
        if (check == Long.MIN_VALUE) {
            throw new AssertionError(); // never: keeps check alive
        }
        Arrays.sort(times);
        return times[timed / 2];
    }
}
