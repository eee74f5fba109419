package flagbench.timing;

import java.util.SplittableRandom;

/**
 * Seeded random draws that do not depend on thread scheduling: the n-th request of a seeded run
 * gets the same latency, error and fault draws whatever order the threads run in, so a run can
 * be repeated. Used by the server and by the simulated fetcher alike.
 */
public final class Draws {

    private Draws() {}

    /** The random source of the n-th draw of the run seeded with {@code seed}. */
    public static SplittableRandom nth(long seed, long n) {
        return new SplittableRandom(seed + n * 0x9E3779B97F4A7C15L);
    }
}
