package flagbench.report;

import java.util.Arrays;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

/** The statistics of a comparison, on JMH's raw samples: medians, their confidence intervals, a rank test. */
public final class Statistics {

    private Statistics() {
    }

    public record Interval(double low, double high) {
    }

    public static double median(double[] samples) {
        return new Median().evaluate(samples);
    }

    /**
     * A distribution-free confidence interval of the median: the order statistics x(j) and x(n-j+1)
     * with the largest j such that P(Binomial(n, 1/2) &lt; j) &le; (1 - level) / 2. With too few
     * samples for the level it is the whole range.
     */
    public static Interval medianInterval(double[] samples, double level) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        if (n == 0) {
            return new Interval(Double.NaN, Double.NaN);
        }
        var binomial = new BinomialDistribution(null, n, 0.5);
        double tail = (1 - level) / 2;
        int j = 1;
        while (j < n / 2 && binomial.cumulativeProbability(j) <= tail) {
            j++;
        }
        // j is 1-based: x(j) is sorted[j - 1]
        return new Interval(sorted[j - 1], sorted[n - j]);
    }

    /** Two-sided p-value of the Mann–Whitney U test (normal approximation, as commons-math3 computes it). */
    public static double mannWhitneyP(double[] a, double[] b) {
        return new MannWhitneyUTest().mannWhitneyUTest(a, b);
    }

    /** Geometric mean of positive ratios. */
    public static double geometricMean(double[] ratios) {
        return new org.apache.commons.math3.stat.descriptive.moment.GeometricMean().evaluate(ratios);
    }
}
