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
        return new TunePlan(Strategies.named("pool"), Latency.parse(latency), 4, null, workers, Duration.ofMinutes(5), 0.05, "30s", TunePlan.DEFAULT_FORKS);
    }

    private static ResultRow row(String latency, String workers, String codes, double millis) {
        return row(latency, workers, codes, millis, 1);
    }

    /** A row of {@code forks} forks of three samples each, about {@code millis}. */
    private static ResultRow row(String latency, String workers, String codes, double millis, int forks) {
        var params = new TreeMap<String, String>();
        params.putAll(java.util.Map.of("strategy", "pool", "latency", latency, "maxWorkers", workers, "codes", codes,
                "transport", "http", "connections", "warm", "timeout", "30s"));
        return new ResultRow("downloadMany", params, "ms/op", java.util.stream.IntStream.range(0, forks)
                .mapToObj(f -> new double[] {millis, millis * 1.01, millis * 0.99}).toArray(double[][]::new), 0, 0, 0, 0, 0);
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

    /**
     * Runs the plan against a made-up machine: answers each part with a row of its forks from {@code millisAt}
     * (workers, and how many forks of that count came before), returns the worker counts of the sweep's runs
     * (those of the plan's forks); the confirmation's runs (one fork each) go to {@code confirmed}.
     */
    private static List<Integer> drive(TunePlan plan, java.util.function.IntBinaryOperator millisAt, List<List<ResultRow>> done,
                                       List<Integer> confirmed) {
        var asked = new java.util.ArrayList<Integer>();
        var forksOf = new java.util.HashMap<Integer, Integer>();
        for (var next = plan.next(done); next.isPresent(); next = plan.next(done)) {
            List<String> w = List.copyOf(next.get().getParameter("maxWorkers").get());
            assertThat(w).hasSize(1); // one worker count per JMH run
            int workers = Integer.parseInt(w.get(0));
            int forks = next.get().getForkCount().get();
            assertThat(forks).isIn(plan.forks(), 1);
            (forks == plan.forks() && confirmed.isEmpty() ? asked : confirmed).add(workers);
            int before = forksOf.merge(workers, forks, Integer::sum) - forks;
            done.add(List.of(row(next.get().getParameter("latency").get().iterator().next(), w.get(0),
                    next.get().getParameter("codes").get().iterator().next(), millisAt.applyAsInt(workers, before), forks)));
        }
        return asked;
    }

    private static List<Integer> drive(TunePlan plan, java.util.function.IntToDoubleFunction millisAt, List<List<ResultRow>> done) {
        return drive(plan, (w, before) -> (int) Math.round(millisAt.applyAsDouble(w)), done, new java.util.ArrayList<>());
    }

    @Test
    void thePlanMeasuresTheCeilingThenSweepsAroundXmaxTimesLOnePointAtATime() {
        TunePlan plan = plan("100ms", List.of());
        var ceiling = plan.next(List.of()).orElseThrow();
        assertThat(ceiling.getParameter("latency").get()).containsExactly("0");
        assertThat(ceiling.getParameter("maxWorkers").get()).containsExactly("" + TunePlan.CEILING_WORKERS);
        assertThat(ceiling.getForkCount().get()).isEqualTo(1); // a starting point for the grid, not a point of the curve
        assertThat(ceiling.getJvmArgsAppend().get()).contains("-D" + SteadyState.PROPERTY + "=on");
        // 2000 downloads in 666.7 ms: X_max = 3000/s, so W* = 300 at 100 ms
        var done = new java.util.ArrayList<List<ResultRow>>(List.of(List.of(row("0", "64", "2000", 2000 / 3.0))));
        // a curve with its knee at 300: 4 rounds of 100 ms below, 3000 downloads/s above
        List<Integer> asked = drive(plan, w -> Math.max(400, 4.0 * w / 3.0), done);
        assertThat(asked).startsWith(38, 75, 150, 300, 600, 1200); // the coarse sweep
        assertThat(asked.subList(6, asked.size())).containsExactlyInAnyOrder(178, 212, 252); // then the step below 300, filled
        var first = plan.next(done.subList(0, 1)).orElseThrow();
        // JMH's warm-up after the steady state lasts about WARMUP_SECONDS: 4 rounds of 100 ms at 38 workers, 0.4 s an operation
        assertThat(first.getWarmupIterations().get()).isEqualTo((int) Math.ceil(TunePlan.WARMUP_SECONDS / 0.4));
        assertThat(first.getParameter("codes").get()).containsExactly("4rounds");
        assertThat(first.getParameter("latency").get()).containsExactly("100ms");
        assertThat(first.getJvmArgsAppend().get()).contains("-D" + SteadyState.PROPERTY + "=on");
    }

    @Test
    void aCurveStillRisingAtItsLargestCountIsExtendedBeforeItIsRefined() {
        TunePlan plan = plan("100ms", List.of());
        var done = new java.util.ArrayList<List<ResultRow>>(List.of(List.of(row("0", "64", "2000", 2000 / 3.0)))); // W* = 300
        // the real knee is at 2400 (24,000/s), far beyond X_max · L
        List<Integer> asked = drive(plan, w -> Math.max(400, 4.0 * w / 24.0), done);
        assertThat(asked).startsWith(38, 75, 150, 300, 600, 1200, 2400, 4800);
        assertThat(asked.subList(8, asked.size())).containsExactlyInAnyOrder(1427, 1697, 2018);
    }

    @Test
    void theRecommendationThePointsBesideItAndTheBestGetAsManyFreshForksAgainTakingTurns() {
        TunePlan plan = plan("100ms", List.of());
        var done = new java.util.ArrayList<List<ResultRow>>(List.of(List.of(row("0", "64", "2000", 2000 / 3.0)))); // W* = 300
        var confirmed = new java.util.ArrayList<Integer>();
        // knee at 300 (3000/s), flat above; 600's first forks are lucky (3050/s), later ones are not
        List<Integer> asked = drive(plan, (w, before) -> (int) Math.round(w == 600 && before < plan.forks() ? 2400 / 3.05
                : Math.max(400, 4.0 * w / 3.0)), done, confirmed);
        assertThat(asked).containsExactlyInAnyOrder(38, 75, 150, 300, 600, 1200, 178, 212, 252);
        // the recommendation 300 (nothing lower is within 5 % of 3050/s), beside it 252 and 600, the best 600:
        // each to four forks, in turns (fewest forks first), one fork a run
        assertThat(confirmed).containsExactly(252, 300, 600, 252, 300, 600);
        var rows = forksPerWorkers(done);
        assertThat(rows.get(252)).isEqualTo(2 * plan.forks());
        assertThat(rows.get(38)).isEqualTo(plan.forks());
    }

    /** Forks per worker count of the rows measured at a latency above zero. */
    private static java.util.Map<Integer, Integer> forksPerWorkers(List<List<ResultRow>> done) {
        var forks = new java.util.TreeMap<Integer, Integer>();
        done.stream().skip(1).flatMap(List::stream)
                .forEach(r -> forks.merge(Integer.parseInt(r.param("maxWorkers")), r.forks().length, Integer::sum));
        return forks;
    }

    @Test
    void theConfirmationEndsAfterItsLimitEvenWhenTheRecommendationKeepsMoving() {
        TunePlan plan = plan("100ms", List.of());
        var done = new java.util.ArrayList<List<ResultRow>>(List.of(List.of(row("0", "64", "2000", 2000 / 3.0))));
        var confirmed = new java.util.ArrayList<Integer>();
        // a fresh fork of a point is much slower than its sweep: the best and the recommendation keep moving to points not yet confirmed
        drive(plan, (w, before) -> (int) Math.round(Math.max(400, 4.0 * w / 3.0) * (1 + 2.0 * before)), done, confirmed);
        assertThat(confirmed).hasSize(TunePlan.MAX_CONFIRMATIONS);
    }

    @Test
    void anExplicitWorkerListIsMeasuredAsItIsWithoutRefinement() {
        TunePlan plan = plan("20ms", List.of(64, 48, 56));
        var done = new java.util.ArrayList<List<ResultRow>>(List.of(List.of(row("0", "64", "2000", 500))));
        assertThat(drive(plan, w -> 100, done)).containsExactly(48, 56, 64);
    }

    @Test
    void everyPointGetsAboutTheSameTimeOfSamples() {
        TunePlan plan = new TunePlan(Strategies.named("pool"), Latency.parse("200ms"), 4, null, List.of(), Duration.ofMinutes(15), 0.05, "30s", TunePlan.DEFAULT_FORKS);
        // 15 minutes less the ceiling and every point's forks, shared by ten points
        assertThat(plan.secondsPerPoint(10)).isCloseTo((900 - TunePlan.CEILING_SECONDS - 10 * TunePlan.DEFAULT_FORKS * TunePlan.FORK_SECONDS) / 10,
                org.assertj.core.api.Assertions.within(0.01));
        assertThat(plan.secondsPerPoint(100)).isEqualTo(TunePlan.MIN_SECONDS);
        // X_max 3000/s: 4 rounds take 0.8 s at 150 workers (latency-bound), 3.2 s at 2400 (CPU-bound)
        assertThat(plan.operationSeconds(150, List.of(), 3_000)).isCloseTo(0.8, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(plan.operationSeconds(2400, List.of(), 3_000)).isCloseTo(3.2, org.assertj.core.api.Assertions.within(1e-9));
        // once a neighbour is measured its throughput is used: 1200 measured at 1500/s (3.2 s), so 2400 takes 6.4 s, 600 3.2 s
        List<ResultRow> measured = List.of(row("200ms", "1200", "4rounds", 3_200));
        assertThat(plan.operationSeconds(2400, measured, 3_000)).isCloseTo(6.4, org.assertj.core.api.Assertions.within(0.1));
        assertThat(plan.operationSeconds(600, measured, 3_000)).isCloseTo(3.2, org.assertj.core.api.Assertions.within(0.1));
    }

    @Test
    void refusesWhatCannotBeTuned() {
        assertThatThrownBy(() -> new TunePlan(Strategies.named("virtual"), Latency.parse("100ms"), 4, null, List.of(),
                Duration.ofMinutes(5), 0.05, "30s", TunePlan.DEFAULT_FORKS)).hasMessageContaining("does not use maxWorkers");
        assertThatThrownBy(() -> plan("0", List.of())).hasMessageContaining("latency above zero");
        assertThatThrownBy(() -> plan("100ms", List.of(0, 4))).hasMessageContaining("--workers must all be at least 1");
        assertThatThrownBy(() -> new TunePlan(Strategies.named("pool"), Latency.parse("100ms"), 4, "pop21", List.of(),
                Duration.ofMinutes(5), 0.05, "30s", TunePlan.DEFAULT_FORKS)).hasMessageContaining("-p codes=pop21");
        assertThatThrownBy(() -> new TunePlan(Strategies.named("pool"), Latency.parse("100ms"), 4, null, List.of(),
                Duration.ofMinutes(5), 0.05, "30s", 0)).hasMessageContaining("--forks must be at least 1");
    }
}
