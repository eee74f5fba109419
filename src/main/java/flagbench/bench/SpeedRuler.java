package flagbench.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A machine's speed, measured the same way in every fork: the time to sort a fixed, seeded array of
 * {@value #LENGTH} ints, the median of {@value #TIMED} sorts after {@value #UNTIMED} that let the JIT compile it.
 *
 * <p>Why a sort: it is deterministic (the same array, the same comparisons every time), it does no I/O and
 * allocates one array, and it is bound by what the rows' CPU-bound part is bound by: the core's speed, its
 * caches, and the share of the core the benchmark gets, so a busy neighbour on the same core slows it as it
 * slows the rows. It is short (about 3 ms a sort here, 40 ms a measurement), so a fork's two measurements, one
 * before its samples and one after, cost well under a second, and the median of nine ignores one
 * preempted sort. Not a benchmark of the strategies: a ruler to tell a slower machine from slower code.
 */
final class SpeedRuler {

    static final int LENGTH = 50_000;
    static final int UNTIMED = 3;
    static final int TIMED = 9;
    private static final int[] INPUT = new SplittableRandom(20261202).ints(LENGTH).toArray();

    private SpeedRuler() {
    }

    /** One measurement: the median time of a sort, in nanoseconds. */
    static long measureNanos() {
        long[] times = new long[TIMED];
        long check = 0;
        for (int i = 0; i < UNTIMED + TIMED; i++) {
            int[] copy = INPUT.clone();
            long start = System.nanoTime();
            Arrays.sort(copy);
            long took = System.nanoTime() - start;
            check += copy[i]; // the sorted array is used, so no sort can be left out
            if (i >= UNTIMED) {
                times[i - UNTIMED] = took;
            }
        }
        if (check == Long.MIN_VALUE) {
            throw new AssertionError(); // never: keeps check alive
        }
        Arrays.sort(times);
        return times[TIMED / 2];
    }
}
