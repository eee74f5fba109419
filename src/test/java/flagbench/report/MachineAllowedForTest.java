package flagbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import flagbench.results.ForkJvms;
import flagbench.results.ResultRow;
import flagbench.results.RunFolder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Changes with the machine allowed for, and strategies relative to a baseline per machine, on seeded synthetic runs whose
 * truth is known: a "slow" machine whose ruler and CPU-bound work both take 10 % longer.
 */
class MachineAllowedForTest {

    private static final double RULER = 2.0;

    /**
     * A row of 5 forks of 10 samples: {@code latencyMillis} of waiting (the row's latency bound) plus {@code cpuMillis} of
     * work, 1 % noise a sample, and a ruler that reads {@code rulerMillis} before and after.
     */
    private static ResultRow row(
            String strategy, String latency, double boundMillis, double cpuMillis, double rulerMillis, long seed) {
        return row(strategy, latency, boundMillis, cpuMillis, rulerMillis, seed, 0.01);
    }

    /** The same with {@code noise} a sample (0.2: a fifth, as the default suite's 0 ms rows vary). */
    private static ResultRow row(
            String strategy,
            String latency,
            double boundMillis,
            double cpuMillis,
            double rulerMillis,
            long seed,
            double noise) {
        return row(strategy, latency, boundMillis, cpuMillis, rulerMillis, seed, noise, 0);
    }

    /** The same with {@code forkNoise} of each fork's own (the part of the noise that forks do not average away). */
    private static ResultRow row(
            String strategy,
            String latency,
            double boundMillis,
            double cpuMillis,
            double rulerMillis,
            long seed,
            double noise,
            double forkNoise) {
        var random = new SplittableRandom(seed);
        double[][] times = new double[5][10], before = new double[5][10], after = new double[5][10];
        for (int f = 0; f < 5; f++) {
            double fork = 1 + forkNoise * random.nextGaussian();
            for (int i = 0; i < 10; i++) {
                times[f][i] = boundMillis + cpuMillis * fork * (1 + noise * random.nextGaussian());
            }
            Arrays.fill(before[f], rulerMillis * 1e6 * (1 + 0.005 * random.nextGaussian()));
            after[f][9] = rulerMillis * 1e6 * (1 + 0.005 * random.nextGaussian());
        }
        var params =
                new TreeMap<>(Map.of("strategy", strategy, "latency", latency, "codes", "pop20", "maxWorkers", "20"));
        return new ResultRow(
                "downloadMany",
                params,
                "ms/op",
                times,
                new TreeMap<>(Map.of("rulerBeforeNanos", before, "rulerAfterNanos", after)));
    }

    private static RunFolder run(String name, int cores, ResultRow... rows) {
        var machine = new ObjectMapper()
                .createObjectNode()
                .put("runId", name)
                .put("host", name)
                .put("logicalCores", cores)
                .put("speedRuler", "sort 20000 seeded ints x10");
        return new RunFolder(Path.of(name), List.of(rows), machine);
    }

    private static Comparison.Cell cell(RunFolder a, RunFolder b) {
        return Comparison.of(List.of(a, b), ComparisonOptions.defaults())
                .rows()
                .get(0)
                .cells()
                .get(1);
    }

    @Test
    void aRowThatVariesByAFifthIsJudgedWithTheMachineAllowedForAndOnlyThen() {
        var a = run("a", 2, row("pool", "0", 0, 20, RULER, 11, 0.2));
        var same = run("same", 2, row("pool", "0", 0, 20, RULER, 12, 0.2));
        var doubled = run("doubled", 2, row("pool", "0", 0, 40, RULER, 13, 0.2));
        assertThat(cell(a, same).verdict()).isEqualTo(Comparison.Verdict.UNDECIDED); // as measured: not judged
        assertThat(cell(a, same).judged()).isEqualTo(Comparison.Verdict.SAME);
        assertThat(cell(a, doubled).judged()).isEqualTo(Comparison.Verdict.SLOWER);
        assertThat(cell(a, doubled).judgedChange()).isBetween(80.0, 120.0);
        // without rulers (runs made before them) nothing allows for the machine: the row stays undecided
        var old = new RunFolder(
                Path.of("old"),
                List.of(new ResultRow(
                        "downloadMany",
                        a.rows().get(0).params(),
                        "ms/op",
                        a.rows().get(0).forks(),
                        new TreeMap<>())),
                new ObjectMapper().createObjectNode().put("runId", "old"));
        var older = new RunFolder(
                Path.of("older"),
                List.of(new ResultRow(
                        "downloadMany",
                        doubled.rows().get(0).params(),
                        "ms/op",
                        doubled.rows().get(0).forks(),
                        new TreeMap<>())),
                new ObjectMapper().createObjectNode().put("runId", "older"));
        assertThat(cell(old, older).judged()).isEqualTo(Comparison.Verdict.UNDECIDED);
    }

    /**
     * A row whose download CPU is {@code cpuMicros} a download (20 downloads an iteration, {@code noise} an iteration) on
     * a machine whose ruler reads {@code rulerMillis}.
     */
    private static ResultRow cpuRow(double cpuMicros, double rulerMillis, long seed, double noise) {
        var timed = row("pool", "100ms", 100, 5, rulerMillis, seed);
        var random = new SplittableRandom(seed + 1);
        double[][] cpu = new double[5][10], downloads = new double[5][10];
        for (int f = 0; f < 5; f++) {
            for (int i = 0; i < 10; i++) {
                downloads[f][i] = 20;
                cpu[f][i] = 20 * cpuMicros * 1e3 * (1 + noise * random.nextGaussian());
            }
        }
        var secondary = new TreeMap<>(timed.secondary());
        secondary.put("downloadCpuNanos", cpu);
        secondary.put("downloads", downloads);
        secondary.put("allocatedBytes", cpu); // any values: what matters is that they are not CPU time
        return new ResultRow(timed.benchmark(), timed.params(), timed.unit(), timed.forks(), secondary);
    }

    private static Comparison.Cell cpuCell(RunFolder a, RunFolder b) {
        return Comparison.of(List.of(a, b), ComparisonOptions.defaults().withMetric(Metric.DOWNLOAD_CPU))
                .rows()
                .get(0)
                .cells()
                .get(1);
    }

    @Test
    void cpuTimeIsJudgedWithTheMachineAllowedForAllOfIt() {
        var a = run("a", 2, cpuRow(300, RULER, 21, 0.02));
        // the same code on a machine 10 % slower: 10 % more CPU time, and its ruler says why
        var slowerMachine = run("slow machine", 2, cpuRow(330, RULER * 1.1, 22, 0.02));
        assertThat(cpuCell(a, slowerMachine).verdict()).isEqualTo(Comparison.Verdict.SLOWER); // as measured
        assertThat(cpuCell(a, slowerMachine).judged()).isEqualTo(Comparison.Verdict.SAME);
        assertThat(cpuCell(a, slowerMachine).judgedChange()).isBetween(-2.0, 2.0);
        // 20 % more CPU on a machine as fast: the code's
        var dearer = run("dearer", 2, cpuRow(360, RULER, 23, 0.02));
        assertThat(cpuCell(a, dearer).judged()).isEqualTo(Comparison.Verdict.SLOWER);
        assertThat(cpuCell(a, dearer).judgedChange()).isBetween(17.0, 23.0);
        // allocations do not scale with a core's speed: no machine allowed for
        var alloc = Comparison.of(
                List.of(a, slowerMachine), ComparisonOptions.defaults().withMetric(Metric.ALLOCATED));
        assertThat(alloc.rows())
                .allSatisfy(r -> assertThat(r.cells().get(1).adjusted()).isNull());
    }

    /**
     * Seven rows that vary by a fifth, most of it each fork's own, in A/A pairs on one machine: at 95 % each, a pair would flag
     * one of them about a third of the time (1 - 0.95^7); judged as a family, about one pair in twenty.
     */
    @Test
    void noisyRowsAreJudgedAsAFamilyHeldTogetherToItsLevel() {
        assertThat(Comparison.familyLevel(0.95, 7)).isEqualTo(1 - 0.05 / 7, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Comparison.familyLevel(0.95, 1)).isEqualTo(0.95);
        String[] strategies = {"sequential", "pool", "virtual", "bounded", "async", "async-limited", "reactive"};
        int pairs = 40;
        int flaggedAsFamily = 0;
        int flaggedOneByOne = 0;
        for (int p = 0; p < pairs; p++) {
            long seed = 1000L * p;
            var a = run(
                    "a",
                    2,
                    Arrays.stream(strategies)
                            .map(s -> row(s, "0", 0, 20, RULER, seed + s.hashCode(), 0.08, 0.16))
                            .toArray(ResultRow[]::new));
            var b = run(
                    "b",
                    2,
                    Arrays.stream(strategies)
                            .map(s -> row(s, "0", 0, 20, RULER, seed + 7 + s.hashCode(), 0.08, 0.16))
                            .toArray(ResultRow[]::new));
            var rows =
                    Comparison.of(List.of(a, b), ComparisonOptions.defaults()).rows();
            long family = rows.stream()
                    .filter(r -> r.cells().get(1).verdict() == Comparison.Verdict.UNDECIDED)
                    .count();
            assertThat(rows)
                    .allSatisfy(r -> assertThat(r.cells().get(1).adjusted().level())
                            .isEqualTo(
                                    r.cells().get(1).verdict() == Comparison.Verdict.UNDECIDED
                                            ? Comparison.familyLevel(0.95, (int) family)
                                            : 0.95));
            flaggedAsFamily +=
                    rows.stream().anyMatch(r -> r.cells().get(1).judged() != Comparison.Verdict.SAME) ? 1 : 0;
            // the same rows at 95 % each: the measured interval, which the ruler (the same in both runs) barely moves
            flaggedOneByOne += rows.stream()
                            .anyMatch(r -> !r.cells().get(1).changeInterval().contains(0)
                                    && Math.abs(r.cells().get(1).change()) >= ComparisonOptions.DEFAULT_THRESHOLD)
                    ? 1
                    : 0;
        }
        System.out.printf(
                "MachineAllowedForTest A/A pairs of 7 noisy rows: %d of %d flagged as a family, %d one by one%n",
                flaggedAsFamily, pairs, flaggedOneByOne);
        assertThat(flaggedAsFamily).isLessThanOrEqualTo(pairs / 8);
        assertThat(flaggedOneByOne).isGreaterThanOrEqualTo(2 * Math.max(flaggedAsFamily, 2));
        // and a row twice as slow among them is still found
        var a = run(
                "a",
                2,
                Arrays.stream(strategies)
                        .map(s -> row(s, "0", 0, 20, RULER, 77 + s.hashCode(), 0.2))
                        .toArray(ResultRow[]::new));
        var b = run(
                "b",
                2,
                Arrays.stream(strategies)
                        .map(s -> row(s, "0", 0, s.equals("pool") ? 40 : 20, RULER, 78 + s.hashCode(), 0.2))
                        .toArray(ResultRow[]::new));
        var pool = Comparison.of(List.of(a, b), ComparisonOptions.defaults()).rows().stream()
                .filter(r -> r.label().contains("pool"))
                .findFirst()
                .orElseThrow();
        assertThat(pool.cells().get(1).judged()).isEqualTo(Comparison.Verdict.SLOWER);
        assertThat(ComparisonFormat.MARKDOWN.render(Comparison.of(List.of(a, b), ComparisonOptions.defaults())))
                .contains("each at the 99.3 % level")
                .contains(" †");
    }

    @Test
    void aSlowerMachineIsNotTheCodes() {
        var quick = run("quick", 2, row("pool", "0", 0, 50, RULER, 1));
        var slow = run("slow", 2, row("pool", "0", 0, 55, RULER * 1.1, 2));
        Comparison.Cell cell = cell(quick, slow);
        assertThat(cell.verdict()).isEqualTo(Comparison.Verdict.SLOWER); // as measured: 10 % slower
        assertThat(cell.change()).isBetween(8.0, 12.0);
        assertThat(cell.adjusted().ruler().point()).isBetween(1.09, 1.11);
        assertThat(cell.adjusted().interval().contains(0)).isTrue();
        assertThat(cell.judged()).isEqualTo(Comparison.Verdict.SAME);
        assertThat(Comparison.of(List.of(quick, slow), ComparisonOptions.defaults())
                        .regressions(5))
                .isEmpty();
    }

    @Test
    void aRealChangeOnASlowerMachineIsStillFlaggedAndTheGateSaysItWasAdjusted() {
        var quick = run("quick", 2, row("pool", "0", 0, 50, RULER, 3));
        var slow =
                run("slow", 2, row("pool", "0", 0, 65, RULER * 1.1, 4)); // 59.1 ms of the quick machine's work: +18 %
        Comparison.Cell cell = cell(quick, slow);
        assertThat(cell.judged()).isEqualTo(Comparison.Verdict.SLOWER);
        assertThat(cell.judgedChange()).isBetween(15.0, 21.0);
        assertThat(cell.adjusted().interval().contains(18.2)).isTrue();
        assertThat(Comparison.of(List.of(quick, slow), ComparisonOptions.defaults())
                        .regressions(5))
                .singleElement()
                .asString()
                .contains("with the machine allowed for")
                .contains("measured +30");
    }

    @Test
    void theLatencyBoundIsNotScaled() {
        // sequential POP20 at 100 ms: 2,000 ms of waiting that no machine shortens, and 40 ms of work
        var quick = run("quick", 2, row("sequential", "100ms", 2000, 40, RULER, 5));
        var slow = run("slow", 2, row("sequential", "100ms", 2000, 44, RULER * 1.1, 6));
        Comparison.Cell cell = cell(quick, slow);
        assertThat(cell.adjusted().change()).isBetween(-0.1, 0.1);
        // had the whole time been scaled, the slow run would read 9 % faster than the quick one
        assertThat(MachineAllowance.scaled(new double[][] {{2044}}, 2000, 1.1)[0][0])
                .isEqualTo(2040.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void withoutTwoRulersOrWithinOneRunNothingIsAdjusted() {
        var noRuler = new RunFolder(
                Path.of("old"),
                List.of(new ResultRow(
                        "downloadMany",
                        new TreeMap<>(Map.of("strategy", "pool", "latency", "0", "codes", "pop20", "maxWorkers", "20")),
                        "ms/op",
                        row("pool", "0", 0, 50, RULER, 7).forks(),
                        20,
                        0,
                        0,
                        20,
                        20)),
                new ObjectMapper().createObjectNode().put("runId", "old"));
        var slow = run("slow", 2, row("pool", "0", 0, 55, RULER * 1.1, 8));
        assertThat(cell(noRuler, slow).adjusted()).isNull();
        assertThat(cell(noRuler, slow).judged()).isEqualTo(cell(noRuler, slow).verdict());
        var both = run("both", 2, row("pool", "0", 0, 50, RULER, 9), row("virtual", "0", 0, 40, RULER, 10));
        var byStrategy = Comparison.of(
                List.of(both), new ComparisonOptions(0.95, 3, "strategy", null, java.util.Set.of(), Map.of()));
        assertThat(byStrategy.rows())
                .allSatisfy(r -> assertThat(r.cells().get(1).adjusted()).isNull());
    }

    @Test
    void machinesThatDifferSayHow() {
        var two = run("two", 2, row("pool", "0", 0, 50, RULER, 11));
        var one = run("one", 1, row("pool", "0", 0, 90, RULER * 1.8, 12));
        var comparison = Comparison.of(
                List.of(two, one), new ComparisonOptions(0.95, 3, "host", null, java.util.Set.of(), Map.of()));
        assertThat(comparison.warnings())
                .anySatisfy(w -> assertThat(w)
                        .extracting(Warning::kind, x -> x.list("differences"))
                        .containsExactly(
                                Warning.Kind.MACHINES_DIFFER, List.of("logicalCores (2, 1)", "host (two, one)")));
        assertThat(ComparisonFormat.MARKDOWN.render(comparison))
                .contains("2 cores")
                .contains("1 core,")
                .contains("speed ruler 2.00 ms")
                .containsPattern("speed ruler 3\\.[56]\\d ms");
    }

    @Test
    void runsWhoseForksHadTheirJvmsInOtherWaysSaySo() {
        var perFork = run("old", 2, row("pool", "0", 0, 50, RULER, 17)); // made before forks shared JVMs: no forkJvms
        var shared = run("new", 2, row("pool", "0", 0, 30, RULER, 18));
        ((com.fasterxml.jackson.databind.node.ObjectNode) shared.machine())
                .put("forkJvms", "a JVM per turn and client");
        assertThat(Comparison.of(List.of(perFork, shared), ComparisonOptions.defaults())
                        .warnings())
                .anySatisfy(w -> assertThat(w)
                        .extracting(Warning::kind, x -> x.list("sentences"))
                        .containsExactly(
                                Warning.Kind.FORK_JVMS_DIFFER,
                                List.of(ForkJvms.OWN.sentence(), ForkJvms.SHARED.sentence())));
        assertThat(Comparison.of(List.of(perFork, perFork), ComparisonOptions.defaults())
                        .warnings())
                .noneMatch(w -> w.kind() == Warning.Kind.FORK_JVMS_DIFFER);
    }

    @Test
    void eachStrategyAgainstTheBaselineOnItsOwnMachine() {
        // virtual takes 80 % of pool's time on both machines, though the slow one takes twice as long for everything
        var quick = run("quick", 2, row("pool", "0", 0, 50, RULER, 13), row("virtual", "0", 0, 40, RULER, 14));
        var slow = run("slow", 1, row("pool", "0", 0, 100, RULER * 2, 15), row("virtual", "0", 0, 80, RULER * 2, 16));
        Relative relative = Relative.of(List.of(quick, slow), "pool", 0.95);
        assertThat(relative.lines()).singleElement().satisfies(line -> {
            assertThat(line.strategy()).isEqualTo("virtual");
            assertThat(line.cells()).hasSize(2).allSatisfy(c -> {
                assertThat(c.change()).isBetween(-21.0, -19.0);
                assertThat(c.interval().contains(-20)).isTrue();
            });
        });
        assertThat(relative.markdown())
                .contains("vs pool on A")
                .contains("vs pool on B")
                .contains("| virtual |");
        assertThatThrownBy(() -> Relative.of(List.of(quick), "bounded", 0.95))
                .hasMessageContaining("no run has a row with strategy=bounded");
    }

    @Test
    void aPairThatOnlyOneRunHasIsADashInTheOthersColumn() {
        // a laptop's run with async against CI's without it: async's line has a cell for the first run only
        var laptop = run("laptop", 2, row("pool", "0", 0, 50, RULER, 19), row("async", "0", 0, 40, RULER, 20));
        var ci = run("ci", 2, row("pool", "0", 0, 50, RULER, 21), row("virtual", "0", 0, 45, RULER, 22));
        Relative relative = Relative.of(List.of(laptop, ci), "pool", 0.95);
        assertThat(relative.lines()).extracting(Relative.Line::strategy).containsExactlyInAnyOrder("async", "virtual");
        var async = relative.lines().stream()
                .filter(l -> l.strategy().equals("async"))
                .findFirst()
                .orElseThrow();
        assertThat(async.cells().get(0).change()).isBetween(-21.0, -19.0);
        assertThat(async.cells().get(1)).isNull();
        assertThat(relative.markdown())
                .containsPattern("\\| async \\| [-+]\\d+\\.\\d% \\[[^]]+\\] \\| [^|]+ \\| – \\| – \\|");
    }
}
