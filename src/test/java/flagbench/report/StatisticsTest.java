package flagbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import flagbench.bench.Suite;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/**
 * The statistics on seeded synthetic runs whose truth is known: each fork of a run is offset from
 * the true mean by a random factor (sd 3 %), each iteration around its fork by another (sd 2 %),
 * with the default suite's forks and iterations.
 */
class StatisticsTest {

    private static final int FORKS = Suite.DEFAULT_FORKS;
    private static final int ITERATIONS = Suite.DEFAULT_ITERATIONS;
    private static final int PAIRS = 1_000;

    private static double[][] run(SplittableRandom random, double trueMean) {
        double[][] forks = new double[FORKS][ITERATIONS];
        for (double[] fork : forks) {
            double forkMean = trueMean * (1 + 0.03 * random.nextGaussian());
            for (int i = 0; i < fork.length; i++) {
                fork[i] = forkMean * (1 + 0.02 * random.nextGaussian());
            }
        }
        return forks;
    }

    /** How many of {@link #PAIRS} pairs (A at 100, B at 100·(1 + change)) are flagged, and how often the interval covers the truth. */
    private record Trial(double flagged, double covered) {}

    private static Trial simulate(double truePercent, double threshold, long seed) {
        return simulate(truePercent, threshold, seed, PAIRS);
    }

    private static Trial simulate(double truePercent, double threshold, long seed, int pairs) {
        var random = new SplittableRandom(seed);
        UniformRandomProvider resampling = Statistics.random(seed, "simulation");
        int flagged = 0;
        int covered = 0;
        for (int pair = 0; pair < pairs; pair++) {
            double[][] a = run(random, 100);
            double[][] b = run(random, 100 * (1 + truePercent / 100));
            double change = (Statistics.mean(b) / Statistics.mean(a) - 1) * 100;
            var interval = Statistics.changeInterval(a, b, 0.95, resampling);
            var verdict = Comparison.verdict(change, interval, threshold, FORKS);
            if (verdict == Comparison.Verdict.SLOWER || verdict == Comparison.Verdict.FASTER) {
                flagged++;
            }
            if (interval.contains(truePercent)) {
                covered++;
            }
        }
        return new Trial(flagged / (double) pairs, covered / (double) pairs);
    }

    @Test
    void aaPairsAreRarelyFlagged() {
        Trial withThreshold = simulate(0, ComparisonOptions.DEFAULT_THRESHOLD, 1);
        System.out.printf(
                "StatisticsTest A/A: %.1f %% flagged with the %.1f %% threshold%n",
                withThreshold.flagged() * 100, ComparisonOptions.DEFAULT_THRESHOLD);
        assertThat(withThreshold.flagged())
                .as("A/A pairs flagged with the default threshold")
                .isLessThanOrEqualTo(0.05);
    }

    @Test
    void theIntervalAloneIsCalibrated() {
        Trial noThreshold = simulate(0, 0, 2);
        System.out.printf(
                "StatisticsTest A/A, no threshold: %.1f %% flagged, interval covers 0 in %.1f %%%n",
                noThreshold.flagged() * 100, noThreshold.covered() * 100);
        // a 95 % interval that left out a true zero far more often than 5 % would be too narrow
        assertThat(noThreshold.flagged()).isBetween(0.02, 0.08);
    }

    @Test
    void aTenPercentChangeIsFoundAndItsIntervalCoversIt() {
        Trial slower = simulate(10, ComparisonOptions.DEFAULT_THRESHOLD, 3);
        System.out.printf(
                "StatisticsTest +10 %%: %.1f %% flagged, interval covers +10 %% in %.1f %%%n",
                slower.flagged() * 100, slower.covered() * 100);
        assertThat(slower.flagged()).as("pairs with a true +10 % flagged").isGreaterThanOrEqualTo(0.95);
        assertThat(slower.covered()).as("intervals that cover the true +10 %").isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void aChangeAsLargeAsTheMinimumDetectableEffectIsFoundFourTimesInFiveAndHalfOfItRarely() {
        // the effect that A/A pairs of these runs state (their median), then pairs whose true change is that large
        var random = new SplittableRandom(5);
        UniformRandomProvider resampling = Statistics.random(5, "detectable");
        double[] stated = new double[101];
        for (int i = 0; i < stated.length; i++) {
            var interval = Statistics.changeInterval(run(random, 100), run(random, 100), 0.95, resampling);
            stated[i] = Statistics.minimumDetectableEffect(interval, 0.95, 0);
        }
        Arrays.sort(stated);
        double detectable = stated[stated.length / 2];
        Trial atIt = simulate(detectable, 0, 6, 400);
        Trial atHalf = simulate(detectable / 2, 0, 7, 400);
        System.out.printf(
                "StatisticsTest detectable %.1f %%: %.1f %% flagged at it, %.1f %% at half of it%n",
                detectable, atIt.flagged() * 100, atHalf.flagged() * 100);
        assertThat(atIt.flagged()).isBetween(0.70, 0.90);
        assertThat(atHalf.flagged()).isLessThan(0.45);
    }

    @Test
    void theMinimumDetectableEffectIsTheIntervalsHalfWidthOrTheThresholdAndThePowersShareOfTheError() {
        // half-width 5 at 95 %: SE = 5 / 1.96 = 2.551, and 80 % power adds 0.8416 SE = 2.147
        var interval = new Statistics.Interval(-3, 7);
        assertThat(Statistics.minimumDetectableEffect(interval, 0.95, 0)).isCloseTo(7.147, within(0.001));
        assertThat(Statistics.minimumDetectableEffect(interval, 0.95, 10)).isCloseTo(12.147, within(0.001));
        assertThat(Statistics.minimumDetectableEffect(new Statistics.Interval(Double.NaN, 1), 0.95, 3))
                .isNaN();
    }

    @Test
    void tooFewForksDecideNothing() {
        var interval = new Statistics.Interval(5, 15);
        assertThat(Comparison.verdict(10, interval, 3, Comparison.MIN_FORKS - 1))
                .isEqualTo(Comparison.Verdict.UNDECIDED);
        assertThat(Comparison.verdict(10, interval, 3, Comparison.MIN_FORKS)).isEqualTo(Comparison.Verdict.SLOWER);
        assertThat(Comparison.verdict(-10, new Statistics.Interval(-15, -5), 3, 5))
                .isEqualTo(Comparison.Verdict.FASTER);
        assertThat(Comparison.verdict(2, new Statistics.Interval(1, 3), 3, 5))
                .as("under the threshold")
                .isEqualTo(Comparison.Verdict.SAME);
        assertThat(Comparison.verdict(8, new Statistics.Interval(-1, 17), 3, 5))
                .as("interval holds 0")
                .isEqualTo(Comparison.Verdict.SAME);
    }

    @Test
    void theSameInputGivesTheSameInterval() {
        double[][] forks = run(new SplittableRandom(9), 50);
        assertThat(Statistics.meanInterval(forks, 0.95, Statistics.random(1, "row")))
                .isEqualTo(Statistics.meanInterval(forks, 0.95, Statistics.random(1, "row")));
    }

    @Test
    void theVarianceDecompositionFindsTheLevels() {
        // many forks, so that the estimates are close: between-fork sd 3, within-fork sd 2 (on a mean of 100)
        var random = new SplittableRandom(4);
        double[][] forks = new double[400][8];
        for (double[] fork : forks) {
            double forkMean = 100 + 3 * random.nextGaussian();
            for (int i = 0; i < fork.length; i++) {
                fork[i] = forkMean + 2 * random.nextGaussian();
            }
        }
        var decomposition = Statistics.decompose(forks);
        assertThat(Math.sqrt(decomposition.betweenForks())).isCloseTo(3, within(0.3));
        assertThat(Math.sqrt(decomposition.withinForks())).isCloseTo(2, within(0.1));
    }

    @Test
    void anOutlierForkIsNamed() {
        double[][] forks = {{100, 101, 99}, {100.5, 100, 101}, {99.5, 100, 100.5}, {120, 121, 119}, {100, 99, 101}};
        assertThat(Statistics.outlierForks(forks)).containsExactly(3);
        assertThat(Statistics.coefficientOfVariation(forks)).isGreaterThan(0.05);
    }

    @Test
    void geometricMeanOfRatios() {
        assertThat(Statistics.geometricMean(new double[] {2, 8})).isCloseTo(4, within(1e-12));
    }
}
