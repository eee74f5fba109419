package flagbench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import flagbench.download.Strategies;
import flagbench.report.ResultRow;
import flagbench.timing.Latency;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TunePlanTest {

    private static TunePlan plan(String latency, List<Integer> workers) {
        return new TunePlan(Strategies.named("pool"), Latency.parse(latency), 4, null, workers, Duration.ofMinutes(5), 0.05, "30s");
    }

    private static ResultRow row(String latency, String workers, String codes, double millis) {
        var params = new TreeMap<String, String>();
        params.putAll(java.util.Map.of("strategy", "pool", "latency", latency, "maxWorkers", workers, "codes", codes,
                "transport", "http", "connections", "warm", "timeout", "30s"));
        return new ResultRow("downloadMany", params, "ms/op", new double[][] {{millis, millis * 1.01, millis * 0.99}}, 0, 0, 0, 0, 0);
    }

    @Test
    void theCoarseGridSpansAnEighthToFourTimesTheKneeInStepsOfTwo() {
        assertThat(TunePlan.coarseGrid(300)).containsExactly(38, 75, 150, 300, 600, 1200);
        assertThat(TunePlan.coarseGrid(2)).containsExactly(1, 2, 4, 8); // no zero, no repeats
    }

    @Test
    void theFineGridFillsTheStepBelowTheRecommendationWithStepsOfAboutNineteenPercent() {
        List<Integer> fine = TunePlan.fineGrid(List.of(38, 75, 150, 300, 600, 1200), 300);
        assertThat(fine).containsExactly(178, 212, 252);
        var all = new java.util.ArrayList<>(fine);
        all.add(0, 150);
        all.add(300);
        for (int i = 1; i < all.size(); i++) {
            assertThat((double) all.get(i) / all.get(i - 1)).isLessThanOrEqualTo(1.2); // 19 % before rounding to whole workers
        }
        assertThat(TunePlan.fineGrid(List.of(38, 75), 38)).isEmpty(); // nothing measured below it
    }

    @Test
    void thePlanMeasuresTheCeilingThenSweepsAroundXmaxTimesL() {
        TunePlan plan = plan("100ms", List.of());
        var ceiling = plan.next(List.of()).orElseThrow();
        assertThat(ceiling.getParameter("latency").get()).containsExactly("0");
        assertThat(ceiling.getParameter("maxWorkers").get()).containsExactly("" + TunePlan.CEILING_WORKERS);
        // 2000 downloads in 666.7 ms: X_max = 3000/s, so W* = 300 at 100 ms
        List<ResultRow> zero = List.of(row("0", "64", "2000", 2000 / 3.0));
        var coarse = plan.next(List.of(zero)).orElseThrow();
        assertThat(coarse.getParameter("maxWorkers").get()).containsExactly("38", "75", "150", "300", "600", "1200");
        assertThat(coarse.getParameter("codes").get()).containsExactly("4rounds");
        assertThat(coarse.getParameter("latency").get()).containsExactly("100ms");
        assertThat(coarse.getMeasurementIterations().get()).isBetween(TunePlan.MIN_SAMPLES, TunePlan.MAX_SAMPLES);
        // the coarse curve: 4 rounds of 100 ms below the knee, the ceiling above it; 300 is within 5 % of the best
        List<ResultRow> sweep = List.of(row("100ms", "38", "4rounds", 400), row("100ms", "75", "4rounds", 400),
                row("100ms", "150", "4rounds", 410), row("100ms", "300", "4rounds", 420), row("100ms", "600", "4rounds", 810),
                row("100ms", "1200", "4rounds", 1700));
        var fine = plan.next(List.of(zero, sweep)).orElseThrow();
        assertThat(fine.getParameter("maxWorkers").get()).containsExactly("178", "212", "252");
        // once the step below 300 is filled, nothing is left to refine
        List<ResultRow> filled = List.of(row("100ms", "178", "4rounds", 420), row("100ms", "212", "4rounds", 420),
                row("100ms", "252", "4rounds", 420));
        assertThat(plan.next(List.of(zero, sweep, filled))).isEmpty();
    }

    @Test
    void aCurveStillRisingAtItsLargestCountIsExtendedBeforeItIsRefined() {
        TunePlan plan = plan("100ms", List.of());
        List<ResultRow> zero = List.of(row("0", "64", "2000", 2000 / 3.0)); // W* = 300
        List<ResultRow> rising = List.of(row("100ms", "300", "4rounds", 800), row("100ms", "600", "4rounds", 1000),
                row("100ms", "1200", "4rounds", 1500));
        var extension = plan.next(List.of(zero, rising)).orElseThrow();
        assertThat(extension.getParameter("maxWorkers").get()).containsExactly("2400", "4800");
        // 4800 is no better than 2400, and 2400 is within 5 %: refine between 1200 and 2400
        List<ResultRow> level = List.of(row("100ms", "2400", "4rounds", 2000), row("100ms", "4800", "4rounds", 4100));
        var fine = plan.next(List.of(zero, rising, level)).orElseThrow();
        assertThat(fine.getParameter("maxWorkers").get()).containsExactly("1427", "1697", "2018");
        assertThat(plan.next(List.of(zero, rising, level, List.of(), List.of()))).isEmpty(); // at most MAX_PARTS runs
    }

    @Test
    void anExplicitWorkerListIsMeasuredAsItIsWithoutRefinement() {
        TunePlan plan = plan("20ms", List.of(64, 48, 56));
        List<ResultRow> zero = List.of(row("0", "64", "2000", 500));
        assertThat(plan.next(List.of(zero)).orElseThrow().getParameter("maxWorkers").get()).containsExactly("48", "56", "64");
        assertThat(plan.next(List.of(zero, List.of()))).isEmpty();
    }

    @Test
    void samplesShrinkToFitTheBudgetButNotBelowThree() {
        TunePlan plan = plan("200ms", List.of());
        // X_max 3000/s: W* 600; 4 rounds take 0.8 s below the knee, 3.2 s at 2400 workers
        List<Integer> grid = TunePlan.coarseGrid(600);
        int roomy = plan.samples(grid, 3_000, 3_600, 3);
        int tight = plan.samples(grid, 3_000, 60, 3);
        assertThat(roomy).isEqualTo(TunePlan.MAX_SAMPLES);
        assertThat(tight).isEqualTo(TunePlan.MIN_SAMPLES);
        int middle = plan.samples(grid, 3_000, 150, 3);
        assertThat(plan.estimateSeconds(grid, 3_000, middle)).isLessThanOrEqualTo(150);
        var withRefinement = new java.util.ArrayList<>(grid);
        withRefinement.addAll(List.of(600, 600, 600)); // the three refinement points it reserves room for
        assertThat(middle).isBetween(TunePlan.MIN_SAMPLES + 1, TunePlan.MAX_SAMPLES - 1);
        assertThat(plan.estimateSeconds(withRefinement, 3_000, middle)).isLessThanOrEqualTo(150);
        assertThat(plan.estimateSeconds(withRefinement, 3_000, middle + 1)).isGreaterThan(150); // the most that fit
    }

    @Test
    void refusesWhatCannotBeTuned() {
        assertThatThrownBy(() -> new TunePlan(Strategies.named("virtual"), Latency.parse("100ms"), 4, null, List.of(),
                Duration.ofMinutes(5), 0.05, "30s")).hasMessageContaining("does not use maxWorkers");
        assertThatThrownBy(() -> plan("0", List.of())).hasMessageContaining("latency above zero");
        assertThatThrownBy(() -> plan("100ms", List.of(0, 4))).hasMessageContaining("--workers must all be at least 1");
        assertThatThrownBy(() -> new TunePlan(Strategies.named("pool"), Latency.parse("100ms"), 4, "pop21", List.of(),
                Duration.ofMinutes(5), 0.05, "30s")).hasMessageContaining("-p codes=pop21");
    }
}
