package flagbench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Where a series of results changed: E-divisive (Matteson and James, 2014, as MongoDB's CI and Apache Otava use it),
 * the series cut at the point that most separates the two sides by their energy distance, the cut kept when a
 * permutation test finds it significant, and each side cut again the same way until no cut is.
 *
 * <p>The energy statistic of a cut at τ in n values is (τ(n−τ)/n)·(2·mean|x_i − x_j| between the sides − mean|x_i − x_k|
 * within the left − mean within the right): a difference in where the two sides lie, in any moment, not only in the
 * mean, with no assumption of a distribution. Its significance: the share of {@link #PERMUTATIONS} random orders of
 * the same values whose best cut is as strong, which for a series of noise alone is uniform, so a level of
 * {@link #LEVEL} keeps false alarms to about one series in a hundred. Each side must keep {@link #MIN_SIZE} values: a
 * change point needs runs on both sides to stand on.
 *
 * <p>Deterministic: the permutations come from a generator seeded by the caller. Stateless.
 */
public final class ChangePoints {

    /** Random orders per test: enough to tell p below {@value #LEVEL} from above it. */
    static final int PERMUTATIONS = 199;

    /** The significance a cut must reach to be kept. */
    static final double LEVEL = 0.01;

    /** The fewest values on each side of a cut. */
    static final int MIN_SIZE = 4;

    private ChangePoints() {}

    /**
     * The change points of {@code series}, in order: each the index of the first value after a change. The same series
     * and key give the same answer each time.
     *
     * @param key seeds the permutations (a row's key)
     */
    public static List<Integer> of(double[] series, String key) {
        return of(series, Statistics.random(Comparison.SEED, "change points " + key));
    }

    /**
     * The change points of {@code series}, with the permutations from {@code random}.
     *
     * @param random the permutations' generator
     */
    static List<Integer> of(double[] series, UniformRandomProvider random) {
        var found = new ArrayList<Integer>();
        cut(series, 0, series.length, random, found);
        found.sort(null);
        return found;
    }

    private static void cut(double[] series, int from, int to, UniformRandomProvider random, List<Integer> found) {
        if (to - from < 2 * MIN_SIZE) {
            return;
        }
        double[] part = Arrays.copyOfRange(series, from, to);
        Cut best = best(part);
        if (pValue(part, best.strength(), random) >= LEVEL) {
            return;
        }
        found.add(from + best.at());
        cut(series, from, from + best.at(), random, found);
        cut(series, from + best.at(), to, random, found);
    }

    /** A cut before index {@code at}, and its energy statistic. */
    record Cut(int at, double strength) {}

    /** The strongest cut of {@code x}, each side at least {@link #MIN_SIZE} long. */
    static Cut best(double[] x) {
        int n = x.length;
        // the sums of |x_i - x_j| between the sides and within each, moved along as the cut moves right by one value
        double left = 0;
        double right = 0;
        for (int j = 0; j < n; j++) {
            for (int k = j + 1; k < n; k++) {
                right += Math.abs(x[j] - x[k]);
            }
        }
        double between = 0;
        Cut best = new Cut(-1, Double.NEGATIVE_INFINITY);
        for (int tau = 1; tau <= n - MIN_SIZE; tau++) {
            int moved = tau - 1; // x[moved] crosses from the right side to the left
            double toLeft = 0;
            double toRight = 0;
            for (int i = 0; i < moved; i++) {
                toLeft += Math.abs(x[i] - x[moved]);
            }
            for (int j = moved + 1; j < n; j++) {
                toRight += Math.abs(x[moved] - x[j]);
            }
            left += toLeft;
            right -= toRight;
            between += toRight - toLeft;
            if (tau < MIN_SIZE) {
                continue;
            }
            int m = n - tau;
            double energy =
                    2 * between / ((double) tau * m) - left / (tau * (tau - 1) / 2.0) - right / (m * (m - 1) / 2.0);
            double strength = (double) tau * m / n * energy;
            if (strength > best.strength()) {
                best = new Cut(tau, strength);
            }
        }
        return best;
    }

    /** The share of random orders of {@code x} whose strongest cut is at least {@code strength}, the observed counted in. */
    static double pValue(double[] x, double strength, UniformRandomProvider random) {
        double[] shuffled = x.clone();
        int asStrong = 0;
        for (int p = 0; p < PERMUTATIONS; p++) {
            for (int i = shuffled.length - 1; i > 0; i--) { // Fisher-Yates: every order equally likely
                int j = random.nextInt(i + 1);
                double swap = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = swap;
            }
            if (best(shuffled).strength() >= strength) {
                asStrong++;
            }
        }
        return (asStrong + 1.0) / (PERMUTATIONS + 1);
    }
}
