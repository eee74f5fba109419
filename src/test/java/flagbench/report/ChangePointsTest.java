package flagbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * E-divisive on seeded series of 40 runs whose truth is known: 3 % noise around 100, then a step of 10 % at run 20,
 * a drift of 10 % over the 40 runs, or nothing.
 */
class ChangePointsTest {

    private static final int SERIES = 200;
    private static final int RUNS = 40;

    private interface Truth {
        double at(int run);
    }

    private static double[] series(SplittableRandom random, Truth truth) {
        double[] x = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            x[i] = truth.at(i) * (1 + 0.03 * random.nextGaussian());
        }
        return x;
    }

    private static List<List<Integer>> found(long seed, Truth truth) {
        var random = new SplittableRandom(seed);
        var permutations = Statistics.random(seed, "change points");
        return java.util.stream.IntStream.range(0, SERIES)
                .mapToObj(s -> ChangePoints.of(series(random, truth), permutations))
                .toList();
    }

    @Test
    void aTenPercentStepIsFoundWithinOneRunOfWhereItHappened() {
        var found = found(1, run -> run < 20 ? 100 : 110);
        long near = found.stream()
                .filter(points -> points.stream().anyMatch(p -> Math.abs(p - 20) <= 1))
                .count();
        long extra = found.stream()
                .filter(points -> points.stream().anyMatch(p -> Math.abs(p - 20) > 1))
                .count();
        System.out.printf(
                "ChangePointsTest step: %d of %d found within one run of 20, %d with a change elsewhere too%n",
                near, SERIES, extra);
        assertThat(near).isGreaterThanOrEqualTo(SERIES * 95 / 100);
        assertThat(extra).isLessThanOrEqualTo(SERIES * 10 / 100);
    }

    @Test
    void noiseAloneRaisesAFalseAlarmInAtMostOneSeriesInTwenty() {
        var found = found(2, run -> 100);
        long alarms = found.stream().filter(points -> !points.isEmpty()).count();
        System.out.printf("ChangePointsTest noise: %d of %d series with a change point%n", alarms, SERIES);
        assertThat(alarms).isLessThanOrEqualTo(SERIES * 5 / 100);
    }

    @Test
    void aDriftIsAChangeFoundSomewhereInItsMiddle() {
        var found = found(3, run -> 100 * (1 + 0.10 * run / (RUNS - 1)));
        long changed = found.stream().filter(points -> !points.isEmpty()).count();
        System.out.printf("ChangePointsTest drift: %d of %d series with a change point%n", changed, SERIES);
        assertThat(changed).isGreaterThanOrEqualTo(SERIES * 80 / 100);
        assertThat(found.stream().flatMap(List::stream))
                .allMatch(p -> p >= ChangePoints.MIN_SIZE && p <= RUNS - ChangePoints.MIN_SIZE);
    }

    @Test
    void theStrongestCutOfAStepIsAtTheStepAndTheSameSeriesGivesTheSameAnswer() {
        double[] step = {1, 1, 1, 1, 1, 1, 5, 5, 5, 5, 5, 5};
        assertThat(ChangePoints.best(step).at()).isEqualTo(6);
        var random = new SplittableRandom(4);
        double[] x = series(random, run -> run < 20 ? 100 : 110);
        assertThat(ChangePoints.of(x, Statistics.random(9, "same")))
                .isEqualTo(ChangePoints.of(x, Statistics.random(9, "same")));
    }
}
