package flagbench.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import flagbench.bench.Lab;
import flagbench.download.Strategies;
import flagbench.report.Tuning;
import flagbench.results.ResultRow;
import flagbench.timing.Latency;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.Options;

/** The tune plan against a made-up machine whose curve, costs and clock are known. */
class TunePlanTest {

    private static TunePlan plan(String latency, List<Integer> workers, Duration budget) {
        return new TunePlan(
                Strategies.named("pool"),
                Latency.parse(latency),
                4,
                null,
                workers,
                budget,
                0.05,
                "30s",
                TunePlan.DEFAULT_FORKS);
    }

    /**
     * A machine on a fake clock: a fork costs {@code forkSeconds} before its first run, a run one second beyond
     * its operations, and an operation at W workers takes {@code millisAt(W)} (the ceiling: 2,000 downloads at
     * X_max), its samples ±2 % about it. It records what each fork ran.
     */
    private static final class MadeUpLab implements Lab {
        final IntToDoubleFunction millisAt;
        final double xMax;
        final double forkSeconds;
        final List<List<Integer>> forks = new ArrayList<>(); // worker counts each fork ran, the ceiling as 0
        final Map<Integer, Integer> warmupsAt = new HashMap<>();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        long now;

        MadeUpLab(double xMax, IntToDoubleFunction millisAt, double forkSeconds) {
            this.xMax = xMax;
            this.millisAt = millisAt;
            this.forkSeconds = forkSeconds;
        }

        double seconds() {
            return now / 1e9;
        }

        @Override
        public int forks(Options part) {
            throw new AssertionError("tune measures in JVMs of its own, not in JMH's forks");
        }

        @Override
        public void runFork(Options part) {
            throw new AssertionError("tune measures in JVMs of its own, not in JMH's forks");
        }

        @Override
        public Jvm start(List<String> jvmArgs) {
            assertThat(jvmArgs).contains(Lab.STEADY_STATE);
            List<Integer> ran = new ArrayList<>();
            forks.add(ran);
            return new Jvm() {
                @Override
                public List<ResultRow> run(List<String> args) {
                    var params = new TreeMap<String, String>();
                    int warmups = 0;
                    int samples = 0;
                    for (int i = 0; i < args.size(); i += 2) {
                        switch (args.get(i)) {
                            case "-p" ->
                                params.put(
                                        args.get(i + 1).split("=")[0],
                                        args.get(i + 1).split("=")[1]);
                            case "-wi" -> warmups = Integer.parseInt(args.get(i + 1));
                            case "-i" -> samples = Integer.parseInt(args.get(i + 1));
                            default -> throw new AssertionError("unexpected option " + args.get(i));
                        }
                    }
                    int w = Integer.parseInt(params.get("maxWorkers"));
                    boolean ceiling = params.get("latency").equals("0");
                    double millis = ceiling ? TunePlan.CEILING_DOWNLOADS / xMax * 1000 : millisAt.applyAsDouble(w);
                    ran.add(ceiling ? 0 : w);
                    if (!ceiling) {
                        warmupsAt.put(w, warmups);
                    }
                    now += (long)
                            (((ran.size() == 1 ? forkSeconds : 0) + 1 + (warmups + samples) * millis / 1000) * 1e9);
                    double[] times = new double[samples];
                    for (int s = 0; s < samples; s++) {
                        times[s] = millis * (ceiling ? 1 : 1 + 0.02 * (s % 3 - 1)); // ±2 %, the mean exact
                    }
                    return List.of(
                            new ResultRow("downloadMany", params, "ms/op", new double[][] {times}, 0, 0, 0, 0, 0));
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public PrintStream console() {
            return new PrintStream(out, true, StandardCharsets.UTF_8);
        }

        final List<TuneEvent> events = new ArrayList<>();

        TuneEvent.Finished finished() {
            return (TuneEvent.Finished) events.getLast();
        }

        String said() {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /** Measures {@code plan} in {@code lab}, which records the plan's events and, in words, its console. */
    private static void measure(TunePlan plan, MadeUpLab lab) {
        var narration = new TuneNarration(lab.console(), plan);
        new TuneSweep(lab, plan, e -> {
                    lab.events.add(e);
                    narration.accept(e);
                })
                .measure();
    }

    /** X_max 3,000/s, so W* = 300 at 100 ms; the curve: 4 rounds of 100 ms below its knee at 300, 3,000/s above. */
    private static MadeUpLab kneeAt300() {
        return new MadeUpLab(3_000, w -> Math.max(400, 4.0 * w / 3.0), 20);
    }

    @Test
    void theCoarseGridSpansAnEighthToFourTimesTheKneeInStepsOfTwo() {
        assertThat(TuneGrid.coarseGrid(300)).containsExactly(38, 75, 150, 300, 600, 1200);
        assertThat(TuneGrid.coarseGrid(2)).containsExactly(1, 2, 4, 8); // no zero, no repeats
    }

    @Test
    void theFineGridFillsTheStepBelowTheRecommendationWithStepsOfAboutNineteenPercent() {
        List<Integer> fine = TuneGrid.fineGrid(List.of(38, 75, 150, 300, 600, 1200), 300);
        assertThat(fine).containsExactly(178, 212, 252);
        var all = new ArrayList<>(fine);
        all.add(0, 150);
        all.add(300);
        for (int i = 1; i < all.size(); i++) {
            assertThat((double) all.get(i) / all.get(i - 1))
                    .isLessThanOrEqualTo(1.2); // 19 % before rounding to whole workers
        }
        assertThat(TuneGrid.fineGrid(List.of(38, 75), 38)).isEmpty(); // nothing measured below it
    }

    /** A rate limit of 300/s at 100 ms: W / 0.105 downloads/s up to 31 workers, 429s from 32 on. */
    private static Tuning.Point rateLimited(int workers) {
        double x = workers / 0.105;
        long downloads = 40L * workers;
        long refused = workers <= 31 ? 0 : downloads / 2;
        return new Tuning.Point(
                workers, 4, x, x * 0.99, x * 1.01, Math.min(workers * 10.0, 300), 0.95, downloads, refused, 0, 0);
    }

    @Test
    void whereRefusalsCutTheCurveOffTheEdgeIsNarrowedToSixPercent() {
        var measured = new java.util.TreeSet<>(List.of(4, 8, 15, 30, 60, 120));
        List<Integer> steps = new ArrayList<>();
        while (true) {
            var sofar = Tuning.of(
                    "pool",
                    "",
                    100,
                    measured.stream().map(TunePlanTest::rateLimited).toList(),
                    0.05,
                    5_000);
            var next = TuneGrid.edgeStep(sofar);
            if (next.isEmpty()) {
                break;
            }
            steps.add(next.get());
            measured.add(next.get());
        }
        // 30 and 32 (failing) are 6.7 % apart, more than 6 %: one more step finds 31, the last without refusals
        assertThat(steps).containsExactly(42, 35, 32, 31);
        // a curve whose point above the best does not fail has no edge to narrow
        var level = Tuning.of("pool", "", 100, List.of(rateLimited(15), rateLimited(30), rateLimited(31)), 0.05, 5_000);
        assertThat(TuneGrid.edgeStep(level)).isEmpty();
    }

    @Test
    void everyForkStartsWithTheCeilingTheFirstSweepsUpAndRefinesTheSecondMeasuresTheContendersGoingDown() {
        MadeUpLab lab = kneeAt300();
        plan("100ms", List.of(), Duration.ofMinutes(5)).measure(lab);
        assertThat(lab.forks).hasSize(2);
        // the coarse sweep around W* = 300, then the step below the recommendation 300 filled
        assertThat(lab.forks.get(0)).containsExactly(0, 38, 75, 150, 300, 600, 1200, 178, 212, 252);
        // the second measures again what may be on the plateau (300 and up) and the point below it, going down
        assertThat(lab.forks.get(1)).containsExactly(0, 1200, 600, 300, 252);
        // JMH's warm-up of a point lasts about WARMUP_SECONDS: 4 rounds of 100 ms at 38 workers, 0.4 s an operation
        assertThat(lab.warmupsAt.get(38)).isEqualTo((int) Math.ceil(TuneRuns.WARMUP_SECONDS / 0.4));
        assertThat(lab.seconds()).isLessThanOrEqualTo(300);
        assertThat(lab.said())
                .contains("W* = X_max · L ≈ 300 workers")
                .contains("tune: 9 points in")
                .contains("(4 with 2 forks, 5 with 1 fork)")
                .doesNotContain("ran out");
    }

    @Test
    void theCoarseSweepStopsGoingUpOnceTheCurveHasSurelyFallen() {
        // the knee at 300 (3,000/s), then a third less per doubling: 2,000/s at 600, so 1,200 is not measured
        MadeUpLab lab = new MadeUpLab(
                3_000, w -> w <= 300 ? 400 : 4.0 * w / 3.0 * Math.pow(1.5, Math.log(w / 300.0) / Math.log(2)), 20);
        measure(plan("100ms", List.of(), Duration.ofMinutes(5)), lab);
        assertThat(lab.forks.get(0)).containsExactly(0, 38, 75, 150, 300, 600, 178, 212, 252);
        assertThat(lab.forks.get(1)).doesNotContain(1200);
        assertThat(lab.events).contains(new TuneEvent.Fallen(600));
    }

    @Test
    void aLevelCurveIsNotFollowedUpToAPointThatWouldCostSeveralVisits() {
        // 16 rounds: 1.6 s an operation below the knee at 300, 6.4 s at 1,200 on the plateau, where a visit would
        // cost its minimum of 7 operations, 45 s, against ~7 s planned
        MadeUpLab lab = new MadeUpLab(3_000, w -> Math.max(1_600, 16.0 * w / 3.0), 20);
        measure(
                new TunePlan(
                        Strategies.named("pool"),
                        Latency.parse("100ms"),
                        16,
                        null,
                        List.of(),
                        Duration.ofMinutes(3),
                        0.05,
                        "30s",
                        2),
                lab);
        assertThat(lab.forks.get(0)).startsWith(0, 38, 75, 150, 300, 600).doesNotContain(1200);
        assertThat(lab.events)
                .filteredOn(TuneEvent.StoppedRising.class::isInstance)
                .map(e -> ((TuneEvent.StoppedRising) e).workers())
                .containsExactly(1200);
    }

    @Test
    void aCurveStillRisingAtItsLargestCountIsExtendedBeforeItIsRefined() {
        // W* = 300, but the real knee is at 2400 (24,000/s), far beyond X_max · L
        MadeUpLab lab = new MadeUpLab(3_000, w -> Math.max(400, 4.0 * w / 24.0), 20);
        measure(plan("100ms", List.of(), Duration.ofMinutes(15)), lab);
        assertThat(lab.forks.get(0)).containsExactly(0, 38, 75, 150, 300, 600, 1200, 2400, 4800, 1427, 1697, 2018);
        assertThat(lab.forks.get(1)).containsExactly(0, 4800, 2400, 2018);
    }

    @Test
    void theBudgetHoldsWhenForksAndOperationsCostMoreThanGuessed() {
        for (int minutes : new int[] {2, 5, 15}) {
            for (double forkSeconds : new double[] {5, 45}) {
                // a slow machine: X_max 1,500/s, and forks dearer than the plan's first guess
                var lab = new MadeUpLab(1_500, w -> Math.max(400, 4.0 * w / 1.5) * (1 + w % 7 / 20.0), forkSeconds);
                measure(plan("100ms", List.of(), Duration.ofMinutes(minutes)), lab);
                assertThat(lab.seconds())
                        .as(minutes + " min, forks of " + forkSeconds + " s")
                        .isLessThanOrEqualTo(minutes * 60 - TuneSweep.RESERVE_SECONDS + 1);
                assertThat(lab.forks.get(0).size())
                        .as("the ceiling and points, " + minutes + " min")
                        .isGreaterThanOrEqualTo(3);
            }
        }
    }

    @Test
    void aBudgetTooShortForTheFirstForkStillMeasuresTwoPointsAndSaysItRanOver() {
        var lab = new MadeUpLab(3_000, w -> Math.max(400, 4.0 * w / 3.0), 80);
        measure(plan("100ms", List.of(), Duration.ofMinutes(1)), lab);
        assertThat(lab.forks).containsExactly(List.of(0, 38, 75)); // the least a curve needs
        assertThat(lab.finished().over()).isTrue();
    }

    @Test
    void aShortBudgetMeasuresFewerForksAndSaysSo() {
        var lab = new MadeUpLab(3_000, w -> Math.max(400, 4.0 * w / 3.0), 40);
        measure(plan("100ms", List.of(), Duration.ofSeconds(90)), lab);
        assertThat(lab.forks).hasSize(1);
        assertThat(lab.events).hasAtLeastOneElementOfType(TuneEvent.NoTimeForPoint.class);
        assertThat(lab.finished().ranOut()).isTrue();
    }

    @Test
    void anExplicitWorkerListIsMeasuredAsItIsInEveryForkWithoutRefinement() {
        MadeUpLab lab = new MadeUpLab(4_000, w -> 100, 10);
        measure(plan("20ms", List.of(64, 48, 56), Duration.ofMinutes(3)), lab);
        assertThat(lab.forks).containsExactly(List.of(0, 48, 56, 64), List.of(0, 64, 56, 48));
    }

    @Test
    void anOperationsLengthComesFromTheNearestMeasuredPointElseFromTheRoofline() {
        TunePlan plan = plan("200ms", List.of(), Duration.ofMinutes(5));
        // X_max 3000/s: 4 rounds take 0.8 s at 150 workers (latency-bound), 3.2 s at 2400 (CPU-bound)
        assertThat(new TuneRuns(plan).operationSeconds(150, List.of(), 3_000)).isCloseTo(0.8, within(1e-9));
        assertThat(new TuneRuns(plan).operationSeconds(2400, List.of(), 3_000)).isCloseTo(3.2, within(1e-9));
        // once a neighbour is measured its throughput is used: 1200 measured at 1500/s (3.2 s), so 2400 takes 6.4 s,
        // 600 3.2 s
        var params = new TreeMap<>(Map.of(
                "strategy",
                "pool",
                "latency",
                "200ms",
                "maxWorkers",
                "1200",
                "codes",
                "4rounds",
                "transport",
                "http",
                "connections",
                "warm",
                "timeout",
                "30s"));
        List<ResultRow> measured =
                List.of(new ResultRow("downloadMany", params, "ms/op", new double[][] {{3_200, 3_200}}, 0, 0, 0, 0, 0));
        assertThat(new TuneRuns(plan).operationSeconds(2400, measured, 3_000)).isCloseTo(6.4, within(0.1));
        assertThat(new TuneRuns(plan).operationSeconds(600, measured, 3_000)).isCloseTo(3.2, within(0.1));
    }

    @Test
    void refusesWhatCannotBeTuned() {
        assertThatThrownBy(() -> new TunePlan(
                        Strategies.named("virtual"),
                        Latency.parse("100ms"),
                        4,
                        null,
                        List.of(),
                        Duration.ofMinutes(5),
                        0.05,
                        "30s",
                        TunePlan.DEFAULT_FORKS))
                .hasMessageContaining("does not use maxWorkers");
        assertThatThrownBy(() -> plan("0", List.of(), Duration.ofMinutes(5)))
                .hasMessageContaining("latency above zero");
        assertThatThrownBy(() -> plan("100ms", List.of(0, 4), Duration.ofMinutes(5)))
                .hasMessageContaining("--workers must each be from 1 to 100000");
        // bounds before any measurement: a count or rounds that would run for hours, a single count that is no curve
        assertThatThrownBy(() -> plan("100ms", List.of(4, 10_000_000), Duration.ofMinutes(5)))
                .hasMessageContaining("from 1 to 100000");
        assertThatThrownBy(() -> plan("100ms", List.of(64), Duration.ofMinutes(5)))
                .hasMessage("--workers 64: a curve needs at least two worker counts, e.g. --workers 64,128");
        assertThatThrownBy(() -> new TunePlan(
                        Strategies.named("pool"),
                        Latency.parse("100ms"),
                        1_000_000,
                        null,
                        List.of(),
                        Duration.ofMinutes(5),
                        0.05,
                        "30s",
                        TunePlan.DEFAULT_FORKS))
                .hasMessage("--rounds must be from 1 to 100, got 1000000");
        assertThatThrownBy(() -> plan("100ms", List.of(), Duration.ofSeconds(30)))
                .hasMessageContaining("--budget 30s: tune needs at least 45s");
        assertThatThrownBy(() -> new TunePlan(
                        Strategies.named("pool"),
                        Latency.parse("100ms"),
                        4,
                        "pop21",
                        List.of(),
                        Duration.ofMinutes(5),
                        0.05,
                        "30s",
                        TunePlan.DEFAULT_FORKS))
                .hasMessageContaining("-p codes=pop21");
        assertThatThrownBy(() -> new TunePlan(
                        Strategies.named("pool"),
                        Latency.parse("100ms"),
                        4,
                        null,
                        List.of(),
                        Duration.ofMinutes(5),
                        0.05,
                        "30s",
                        0))
                .hasMessageContaining("--forks must be at least 1");
    }

    @Test
    void aBudgetCountedFromAnEarlierStartLeavesWhatIsLeftAndNeverLessThanTheLeast() {
        assertThat(TunePlan.DEFAULTS.afterSpending(Duration.ofSeconds(40)).budget())
                .isEqualTo(Duration.ofSeconds(260));
        assertThat(TunePlan.DEFAULTS.afterSpending(Duration.ofMinutes(10)).budget())
                .isEqualTo(TunePlan.MIN_BUDGET);
        assertThat(TunePlan.DEFAULTS.afterSpending(Duration.ofSeconds(-5)).budget())
                .isEqualTo(TunePlan.DEFAULTS.budget()); // a clock set back
        assertThat(TunePlan.DEFAULTS.afterSpending(Duration.ofSeconds(40)))
                .usingRecursiveComparison()
                .ignoringFields("budget")
                .isEqualTo(TunePlan.DEFAULTS);
    }
}
