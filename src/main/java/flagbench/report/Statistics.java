package flagbench.report;

import flagbench.results.ResultRow;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.moment.GeometricMean;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The statistics of a run and of a comparison, with the fork as the independent unit (Kalibera &amp;
 * Jones, "Quantifying Performance Changes with Effect Size Confidence Intervals"): iterations of
 * one fork share its JIT decisions, memory layout and moment, so they are not independent
 * observations. Intervals come from a two-level bootstrap: forks drawn with replacement, then
 * iterations with replacement within each drawn fork. Seeded, so one input prints one output.
 *
 * <p>With the handful of forks a benchmark can afford, a plain percentile interval is too narrow
 * (resampling n units sees (n-1)/n of their variance, and uses normal quantiles where the spread
 * itself is estimated from n units). The intervals here are Hesterberg's <em>expanded</em>
 * percentile intervals ("What Teachers Should Know About the Bootstrap", 2015): the percentiles
 * are taken at the tail whose normal quantile is sqrt(n/(n-1)) times Student's t with the forks'
 * degrees of freedom. The seeded simulations in StatisticsTest check the coverage this gives.
 */
public final class Statistics {

    /** Resamples per interval: the expanded tails sit near 0.5 %, so thousands are needed; cheap at tens of samples. */
    static final int RESAMPLES = 10_000;

    private Statistics() {}

    public record Interval(double low, double high) {
        public boolean contains(double x) {
            return low <= x && x <= high;
        }
    }

    /** The power at which {@link #minimumDetectableEffect} is stated: a change that large is flagged four times in five. */
    public static final double POWER = 0.8;

    /**
     * The smallest true change, in percent either way, that a verdict flags with {@link #POWER}, given the interval of a
     * change measured at {@code level} and the {@code threshold} a flagged change must also pass. The interval's
     * half-width h is z·SE (z = z_{1-α/2}); a change is flagged when it is measured beyond max(threshold, h), and a true
     * change δ is measured there with probability {@link #POWER} when δ = max(threshold, h) + z_power·SE. So "no change"
     * on a row is "no change of this size or more", four times in five. NaN without a finite interval.
     */
    public static double minimumDetectableEffect(Interval change, double level, double threshold) {
        double half = (change.high() - change.low()) / 2;
        if (!Double.isFinite(half) || half < 0) {
            return Double.NaN;
        }
        var normal = new NormalDistribution(null, 0, 1);
        double se = half / normal.inverseCumulativeProbability(1 - (1 - level) / 2);
        return Math.max(threshold, half) + normal.inverseCumulativeProbability(POWER) * se;
    }

    /** The 95 % interval of a row's mean in ms, from the seeded two-level bootstrap (forks, then iterations). */
    public static Interval meanIntervalMillis(ResultRow row) {
        return meanInterval(row.forkMillis(), row.key());
    }

    /** The 95 % interval of the mean of {@code forks}, from the two-level bootstrap seeded by {@code key}. */
    public static Interval meanInterval(double[][] forks, String key) {
        return meanInterval(forks, 0.95, random(Comparison.SEED, key));
    }

    /** The 95 % interval of a row's throughput, downloads per second: its mean time's interval turned over. */
    public static Interval throughputInterval(ResultRow row) {
        var millis = meanIntervalMillis(row);
        return new Interval(row.codeCount() * 1000.0 / millis.high(), row.codeCount() * 1000.0 / millis.low());
    }

    /** A seeded source for one row, so that rows do not share (and correlate through) one stream. */
    static UniformRandomProvider random(long seed, String key) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {seed, key.hashCode()});
    }

    /** Every sample, fork after fork. */
    public static double[] samples(double[][] forks) {
        return ResultRow.flat(forks);
    }

    /** The mean of every sample, each fork weighted by its iterations. */
    public static double mean(double[][] forks) {
        return Arrays.stream(samples(forks)).average().orElse(Double.NaN);
    }

    /** The means of {@code resamples} two-level bootstrap resamples of one run's forks. */
    static double[] bootstrapMeans(double[][] forks, int resamples, UniformRandomProvider random) {
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            int count = 0;
            for (int f = 0; f < forks.length; f++) {
                double[] fork = forks[random.nextInt(forks.length)];
                for (int i = 0; i < fork.length; i++) {
                    sum += fork[random.nextInt(fork.length)];
                }
                count += fork.length;
            }
            means[r] = sum / count;
        }
        return means;
    }

    /**
     * The expanded percentile interval of a bootstrap distribution: {@code units} independent
     * units (forks) behind it, {@code degreesOfFreedom} for Student's t.
     */
    static Interval percentileInterval(double[] draws, double level, int units, int degreesOfFreedom) {
        double tail = (1 - level) / 2;
        if (units >= 2 && degreesOfFreedom >= 1) {
            double t = new TDistribution(null, degreesOfFreedom).inverseCumulativeProbability(1 - tail);
            tail = new NormalDistribution(null, 0, 1).cumulativeProbability(-Math.sqrt(units / (units - 1.0)) * t);
        }
        var percentile = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        percentile.setData(draws);
        return new Interval(percentile.evaluate(tail * 100), percentile.evaluate(100 - tail * 100));
    }

    /** An interval for one run's mean. */
    public static Interval meanInterval(double[][] forks, double level, UniformRandomProvider random) {
        return percentileInterval(bootstrapMeans(forks, RESAMPLES, random), level, forks.length, forks.length - 1);
    }

    /**
     * An interval for the change of B's mean against A's, in percent (+10 = B takes 10 % longer):
     * the ratio of independently resampled means.
     */
    public static Interval changeInterval(double[][] a, double[][] b, double level, UniformRandomProvider random) {
        double[] meansA = bootstrapMeans(a, RESAMPLES, random);
        double[] meansB = bootstrapMeans(b, RESAMPLES, random);
        double[] changes = new double[RESAMPLES];
        for (int r = 0; r < RESAMPLES; r++) {
            changes[r] = (meansB[r] / meansA[r] - 1) * 100;
        }
        int units = Math.min(a.length, b.length);
        return percentileInterval(changes, level, units, a.length + b.length - 2);
    }

    /** Each fork's mean. */
    static double[] forkMeans(double[][] forks) {
        return Arrays.stream(forks)
                .mapToDouble(f -> Arrays.stream(f).average().orElse(Double.NaN))
                .toArray();
    }

    /** Standard deviation over mean of all samples. */
    static double coefficientOfVariation(double[][] forks) {
        double[] all = samples(forks);
        double mean = Arrays.stream(all).average().orElse(Double.NaN);
        double variance = Arrays.stream(all).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, all.length - 1);
        return Math.sqrt(variance) / mean;
    }

    /**
     * The forks unlike their siblings: a mean further from the median of fork means than four
     * median absolute deviations, than four standard errors of a fork mean (what its own
     * iterations' spread allows) and than 2 % of the median. Needs at least four forks.
     */
    static int[] outlierForks(double[][] forks) {
        if (forks.length < 4) {
            return new int[0];
        }
        double[] means = forkMeans(forks);
        double median = median(means);
        double mad = median(Arrays.stream(means).map(m -> Math.abs(m - median)).toArray());
        double iterations =
                Arrays.stream(forks).mapToInt(f -> f.length).average().orElse(1);
        double standardError = Math.sqrt(decompose(forks).withinForks() / iterations);
        double limit = Math.max(Math.max(4 * mad, 4 * standardError), 0.02 * Math.abs(median));
        return IntStream.range(0, means.length)
                .filter(i -> Math.abs(means[i] - median) > limit)
                .toArray();
    }

    /**
     * The variance decomposition of one run (Kalibera &amp; Jones): the variance between fork means
     * beyond what the iterations alone would give, and the variance within forks.
     */
    public record Decomposition(double betweenForks, double withinForks) {}

    public static Decomposition decompose(double[][] forks) {
        int n = forks.length;
        double[] means = forkMeans(forks);
        double grand = Arrays.stream(means).average().orElse(Double.NaN);
        double within = 0;
        int withinDf = 0;
        double iterations = 0;
        for (int f = 0; f < n; f++) {
            for (double x : forks[f]) {
                within += (x - means[f]) * (x - means[f]);
            }
            withinDf += forks[f].length - 1;
            iterations += forks[f].length;
        }
        within = withinDf > 0 ? within / withinDf : 0;
        double ofMeans =
                n > 1 ? Arrays.stream(means).map(m -> (m - grand) * (m - grand)).sum() / (n - 1) : 0;
        double between = Math.max(0, ofMeans - within / (iterations / n));
        return new Decomposition(between, within);
    }

    public static double median(double[] samples) {
        return new Median().evaluate(samples);
    }

    /** Geometric mean of positive ratios. */
    public static double geometricMean(double[] ratios) {
        return new GeometricMean().evaluate(ratios);
    }
}
