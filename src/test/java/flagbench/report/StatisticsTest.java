package flagbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StatisticsTest {

    private static final double[] A = {101.2, 99.8, 100.5, 102.3, 98.9, 100.1, 101.7, 99.4, 100.9, 100.3};
    private static final double[] B = {104.1, 103.2, 105.7, 102.9, 106.3, 104.8, 103.5, 105.1, 102.6, 104.4};
    private static final double[] C = {100.4, 101.6, 99.1, 100.8, 102.0, 98.7, 101.1, 99.9, 100.6, 101.4};

    /**
     * Reference p-values from SciPy 1.17.1: {@code scipy.stats.mannwhitneyu(a, b, alternative='two-sided',
     * method='asymptotic', use_continuity=False)} (commons-math3 uses the same normal approximation; no ties here).
     */
    @Test
    void mannWhitneyMatchesScipy() {
        assertThat(Statistics.mannWhitneyP(A, B)).isCloseTo(0.00015705228423075119, within(1e-9));
        assertThat(Statistics.mannWhitneyP(A, C)).isCloseTo(0.8205958397554409, within(1e-9));
    }

    /**
     * The exact binomial ranks of a 95 % interval for the median, as tabulated in Conover,
     * Practical Nonparametric Statistics (and checked with scipy.stats.binom): n = 10 gives
     * x(2)..x(9), n = 16 x(4)..x(13), n = 20 x(6)..x(15); below n = 6 no pair reaches 95 %.
     */
    @Test
    void medianIntervalUsesTheBinomialOrderStatistics() {
        assertThat(Statistics.medianInterval(ranks(10), 0.95)).isEqualTo(new Statistics.Interval(2, 9));
        assertThat(Statistics.medianInterval(ranks(16), 0.95)).isEqualTo(new Statistics.Interval(4, 13));
        assertThat(Statistics.medianInterval(ranks(20), 0.95)).isEqualTo(new Statistics.Interval(6, 15));
        assertThat(Statistics.medianInterval(ranks(5), 0.95)).isEqualTo(new Statistics.Interval(1, 5));
        assertThat(Statistics.median(ranks(10))).isEqualTo(5.5);
    }

    @Test
    void geometricMeanOfRatios() {
        assertThat(Statistics.geometricMean(new double[] {2, 8})).isCloseTo(4, within(1e-12));
    }

    /** 1..n in a shuffled order, so sorting is part of what is tested. */
    private static double[] ranks(int n) {
        return IntStream.range(0, n).mapToDouble(i -> (i * 7 % n) + 1).toArray();
    }
}
