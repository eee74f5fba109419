package flagbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import flagbench.results.BadRunException;
import flagbench.results.ResultRow;
import flagbench.results.RunFolder;
import flagbench.results.SeededForks;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Comparisons of seeded synthetic runs: 5 forks of 10 samples, fork sd 1 %, sample sd 2 %. */
class ComparisonTest {

    private static final ComparisonOptions DEFAULTS = ComparisonOptions.defaults();

    private static RunFolder run(String name, String cpu, ResultRow... rows) {
        var machine = new ObjectMapper()
                .createObjectNode()
                .put("runId", name)
                .put("cpuModel", cpu)
                .put("logicalCores", 2);
        return new RunFolder(Path.of(name), List.of(rows), machine);
    }

    private static ResultRow row(Map<String, String> extra, double[][] forks) {
        var params = new TreeMap<String, String>(
                Map.of("latency", "100ms", "codes", "pop20", "maxWorkers", "20", "connections", "warm"));
        params.putAll(extra);
        return new ResultRow("downloadMany", params, "ms/op", forks, 20, 0, 0, 20, 20);
    }

    private static ResultRow row(String strategy, double[][] forks) {
        return row(Map.of("strategy", strategy), forks);
    }

    private static double[][] forks(long seed, double mean) {
        return forks(seed, mean, 5);
    }

    private static double[][] forks(long seed, double mean, int count) {
        return SeededForks.of(seed, mean, count);
    }

    @Test
    void twoRunsOfTheSameCodeAreTheSame() {
        var comparison = Comparison.of(
                List.of(run("a", "cpu", row("pool", forks(1, 110))), run("b", "cpu", row("pool", forks(2, 110)))),
                DEFAULTS);
        Comparison.Cell cell = comparison.rows().get(0).cells().get(1);
        assertThat(cell.verdict()).isEqualTo(Comparison.Verdict.SAME);
        assertThat(cell.changeInterval().contains(cell.change())).isTrue();
        assertThat(ComparisonFormat.changeText(cell)).startsWith("~ ");
        assertThat(comparison.machinesDiffer()).isFalse();
        assertThat(comparison.warnings()).isEmpty();
    }

    @Test
    void eachJudgedCellSaysTheSmallestChangeItCouldHaveSeenAndACellWithoutAVerdictNone() {
        // forks sd 1 %, samples sd 2 %, 5 forks of 10: the change's interval is about ±1.5 %, under the 3 % threshold
        var comparison = Comparison.of(
                List.of(run("a", "cpu", row("pool", forks(1, 110))), run("b", "cpu", row("pool", forks(2, 110)))),
                DEFAULTS);
        Comparison.Cell cell = comparison.rows().get(0).cells().get(1);
        double half = (cell.changeInterval().high() - cell.changeInterval().low()) / 2;
        assertThat(half).isLessThan(ComparisonOptions.DEFAULT_THRESHOLD);
        assertThat(cell.judgedDetectable())
                .isEqualTo(Statistics.minimumDetectableEffect(cell.changeInterval(), 0.95, 3.0))
                .isBetween(3.0, 4.5);
        assertThat(ComparisonFormat.MARKDOWN.render(comparison)).contains(" detectable |");
        // two forks a side: no verdict, so nothing it could have seen
        var few = Comparison.of(
                List.of(run("a", "cpu", row("pool", forks(1, 110, 2))), run("b", "cpu", row("pool", forks(2, 110, 2)))),
                DEFAULTS);
        assertThat(few.rows().get(0).cells().get(1).judgedDetectable()).isNaN();
    }

    /** A row whose download CPU per iteration is {@code forks}' values in µs, 20 downloads an iteration. */
    private static ResultRow cpuRow(String strategy, double[][] micros) {
        double[][] nanos = Arrays.stream(micros)
                .map(f -> Arrays.stream(f).map(x -> x * 1000 * 20).toArray())
                .toArray(double[][]::new);
        double[][] downloads = Arrays.stream(micros)
                .map(f -> Arrays.stream(f).map(x -> 20).toArray())
                .toArray(double[][]::new);
        return new ResultRow(
                "downloadMany",
                new TreeMap<>(Map.of("strategy", strategy, "latency", "100ms")),
                "ms/op",
                forks(9, 2000),
                new TreeMap<>(Map.of("downloadCpuNanos", nanos, "clientCpuNanos", nanos, "downloads", downloads)));
    }

    /** Forks whose means are steady (sd 1 %) and whose iterations are not (sd 40 %): a cost of few downloads an iteration. */
    private static double[][] noisyIterations(long seed, double mean) {
        var random = new SplittableRandom(seed);
        return IntStream.range(0, 5)
                .mapToObj(f -> {
                    double forkMean = mean * (1 + 0.01 * random.nextGaussian());
                    double[] xs = random.doubles(40)
                            .map(u -> 0.4 * random.nextGaussian())
                            .toArray();
                    double shift = Arrays.stream(xs).average().orElse(0);
                    return Arrays.stream(xs)
                            .map(x -> forkMean * (1 + x - shift))
                            .toArray();
                })
                .toArray(double[][]::new);
    }

    @Test
    void aCostIsJudgedWithTheForkAsItsUnitSoNoisyIterationsOfSteadyForksGetAVerdict() {
        var options = new ComparisonOptions(0.95, 3, null, null, Set.of(), Map.of(), Metric.DOWNLOAD_CPU);
        var same = Comparison.of(
                List.of(
                        run("a", "cpu", cpuRow("pool", noisyIterations(1, 500))),
                        run("b", "cpu", cpuRow("pool", noisyIterations(2, 500)))),
                options);
        assertThat(same.rows().get(0).cells().get(1).judged()).isEqualTo(Comparison.Verdict.SAME);
        assertThat(same.warnings()).noneMatch(w -> w.kind() == Warning.Kind.UNSTABLE);
        var dearer = Comparison.of(
                List.of(
                        run("a", "cpu", cpuRow("pool", noisyIterations(1, 500))),
                        run("b", "cpu", cpuRow("pool", noisyIterations(2, 600)))),
                options);
        assertThat(dearer.rows().get(0).cells().get(1).judged()).isEqualTo(Comparison.Verdict.SLOWER);
        assertThat(dearer.rows().get(0).cells().get(1).judgedDetectable()).isBetween(3.0, 20.0); // it saw +20 %
        // the same numbers as times: their samples vary by 40 %, so the time is not judged without its noise measured
        var asTime = Comparison.of(
                List.of(
                        run("a", "cpu", row("pool", noisyIterations(1, 500))),
                        run("b", "cpu", row("pool", noisyIterations(2, 600)))),
                DEFAULTS);
        assertThat(asTime.rows().get(0).cells().get(1).judged()).isEqualTo(Comparison.Verdict.UNDECIDED);
    }

    @Test
    void aTwentyPercentSlowdownIsFlaggedWithItsInterval() {
        var comparison = Comparison.of(
                List.of(run("a", "cpu", row("pool", forks(1, 110))), run("b", "cpu", row("pool", forks(2, 132)))),
                DEFAULTS);
        Comparison.Cell cell = comparison.rows().get(0).cells().get(1);
        assertThat(cell.verdict()).isEqualTo(Comparison.Verdict.SLOWER);
        assertThat(cell.change()).isBetween(17.0, 23.0);
        assertThat(cell.changeInterval().low()).isGreaterThan(10);
        assertThat(cell.changeInterval().contains(20)).isTrue();
        assertThat(ComparisonFormat.changeText(cell)).startsWith("**+").contains("] ".trim());
        assertThat(comparison.geometricMeanChange().get(0)).isBetween(17.0, 23.0);
        assertThat(comparison.regressions(10)).singleElement().asString().startsWith("downloadMany: B is +");
        assertThat(comparison.regressions(25)).isEmpty();
        assertThat(comparison.undecided()).isZero();
    }

    @Test
    void aChangeUnderTheThresholdIsNoChange() {
        var a = run("a", "cpu", row("pool", forks(1, 100)));
        var b = run("b", "cpu", row("pool", forks(2, 102)));
        assertThat(Comparison.of(List.of(a, b), new ComparisonOptions(0.95, 0, null, null, Set.of(), Map.of()))
                        .rows()
                        .get(0)
                        .cells()
                        .get(1)
                        .verdict())
                .isEqualTo(Comparison.Verdict.SLOWER);
        assertThat(Comparison.of(List.of(a, b), DEFAULTS)
                        .rows()
                        .get(0)
                        .cells()
                        .get(1)
                        .verdict())
                .isEqualTo(Comparison.Verdict.SAME);
        // a row's measured run-to-run spread (noise.json) is its threshold
        String key = a.rows().get(0).key();
        var withNoise = new ComparisonOptions(0.95, 0, null, null, Set.of(), Map.of(key, 5.0));
        Comparison.Cell cell =
                Comparison.of(List.of(a, b), withNoise).rows().get(0).cells().get(1);
        assertThat(cell.threshold()).isEqualTo(5.0);
        assertThat(cell.verdict()).isEqualTo(Comparison.Verdict.SAME);
    }

    @Test
    void twoForksAreTooFewToTellAndSaySo() {
        var comparison = Comparison.of(
                List.of(run("a", "cpu", row("pool", forks(1, 110, 2))), run("b", "cpu", row("pool", forks(2, 150, 2)))),
                DEFAULTS);
        assertThat(comparison.rows().get(0).cells().get(1).verdict()).isEqualTo(Comparison.Verdict.UNDECIDED);
        assertThat(comparison.undecided()).isEqualTo(1);
        assertThat(comparison.regressions(5))
                .isEmpty(); // +36 %, but undecided: a gate passes it, and says it has no verdict
        assertThat(comparison.warnings())
                .anySatisfy(w -> assertThat(w)
                        .extracting(Warning::kind, Warning::column, x -> x.number("fewest"))
                        .containsExactly(Warning.Kind.FEW_FORKS, "A", 2.0));
    }

    @Test
    void warningsForUnstableRowsOutlierForksAndTinyOperations() {
        double[][] wild = forks(3, 100);
        wild[2] = java.util.Arrays.stream(wild[2]).map(x -> x * 1.5).toArray();
        var comparison = Comparison.of(
                List.of(
                        run("a", "cpu", row("pool", wild), row("virtual", forks(4, 0.4))),
                        run("b", "other cpu", row("pool", forks(5, 100)), row("virtual", forks(6, 0.4)))),
                DEFAULTS);
        assertThat(comparison.warnings())
                .anySatisfy(w -> {
                    assertThat(w.kind()).isEqualTo(Warning.Kind.UNSTABLE);
                    assertThat(w.row()).isEqualTo("pool");
                    assertThat(((Map<?, ?>) w.values().get("variationPct"))
                                    .keySet()
                                    .toString())
                            .isEqualTo("[A]");
                })
                .anySatisfy(w -> assertThat(w)
                        .extracting(Warning::kind, Warning::row, Warning::column, x -> x.number("fork"))
                        .containsExactly(Warning.Kind.OUTLIER_FORK, "pool", "A", 3.0))
                .anySatisfy(w -> {
                    assertThat(w)
                            .extracting(Warning::kind, Warning::row, Warning::column)
                            .containsExactly(Warning.Kind.SHORT_OPERATIONS, "virtual", "A");
                    assertThat(w.number("meanMs")).isCloseTo(0.4, within(0.05));
                })
                .anySatisfy(w -> assertThat(w.kind()).isEqualTo(Warning.Kind.MACHINES_DIFFER));
        // the words, once: what report.md prints for each kind
        assertThat(comparison.warnings().stream().map(Warning::text))
                .anyMatch(w -> w.startsWith("pool: the samples vary by ") && w.contains("% in A of their mean"))
                .anyMatch(w -> w.startsWith("pool in A: fork 3 ") && w.contains("unlike its siblings"))
                .anyMatch(w -> w.startsWith("virtual in A: operations of 0.40 ms"))
                .anyMatch(w -> w.startsWith("the machines differ (see above) in cpuModel (cpu, other cpu)"));
    }

    @Test
    void anUnstableRowIsNotJudgedWithoutAMeasuredNoiseFloor() {
        var random = new SplittableRandom(7);
        double[][] a = IntStream.range(0, 5)
                .mapToObj(f -> random.doubles(10)
                        .map(u -> 60 * (1 + 0.2 * random.nextGaussian()))
                        .toArray())
                .toArray(double[][]::new);
        double[][] b = IntStream.range(0, 5)
                .mapToObj(f -> random.doubles(10)
                        .map(u -> 45 * (1 + 0.2 * random.nextGaussian()))
                        .toArray())
                .toArray(double[][]::new);
        var runA = run("a", "cpu", row("pool", a));
        var runB = run("b", "cpu", row("pool", b));
        var comparison = Comparison.of(List.of(runA, runB), DEFAULTS);
        assertThat(comparison.rows().get(0).cells().get(1).verdict()).isEqualTo(Comparison.Verdict.UNDECIDED);
        assertThat(comparison.warnings())
                .anySatisfy(w -> assertThat(w)
                        .extracting(Warning::kind, x -> x.values().get("allowedFor"))
                        .containsExactly(Warning.Kind.UNSTABLE, false));
        var measured = DEFAULTS.withNoise(Map.of(runA.rows().get(0).key(), 10.0));
        assertThat(Comparison.of(List.of(runA, runB), measured)
                        .rows()
                        .get(0)
                        .cells()
                        .get(1)
                        .verdict())
                .isEqualTo(Comparison.Verdict.FASTER);
    }

    @Test
    void rowsInOnlySomeRunsAreListedNotDropped() {
        var comparison = Comparison.of(
                List.of(
                        run("a", "cpu", row("pool", forks(1, 110)), row("virtual", forks(3, 105))),
                        run("b", "cpu", row("pool", forks(2, 110)))),
                DEFAULTS);
        assertThat(comparison.rows()).hasSize(1);
        assertThat(comparison.partial())
                .singleElement()
                .asString()
                .contains("strategy=virtual")
                .contains("only in A");
        assertThat(comparison.warnings())
                .filteredOn(w -> w.kind() == Warning.Kind.ROWS_LEFT_OUT)
                .singleElement()
                .satisfies(w ->
                        assertThat(ComparisonFormat.MARKDOWN.render(comparison)).contains(w.text()));
    }

    @Test
    void alongOneParameterWithinARun() {
        var one = run(
                "a", "cpu", row("pool", forks(1, 120)), row("virtual", forks(2, 110)), row("bounded", forks(3, 120)));
        var comparison =
                Comparison.of(List.of(one), new ComparisonOptions(0.95, 3, "strategy", "virtual", Set.of(), Map.of()));
        assertThat(comparison.columns())
                .extracting(Comparison.Column::label)
                .containsExactly("virtual", "pool", "bounded");
        assertThat(comparison.rows()).singleElement().satisfies(r -> {
            assertThat(r.cells().get(1).change()).isBetween(5.0, 13.0);
            assertThat(r.cells().get(1).verdict()).isEqualTo(Comparison.Verdict.SLOWER);
        });
        assertThat(comparison.common()).containsEntry("latency", "100ms").doesNotContainKey("strategy");
        assertThatThrownBy(() -> Comparison.of(
                        List.of(one), new ComparisonOptions(0.95, 3, "strategy", "carrier", Set.of(), Map.of())))
                .hasMessageContaining("--baseline carrier");
    }

    @Test
    void byClientComparesEachRowInTheColumnsThatHaveItAndSaysWhatItLeftOut() {
        var one = run(
                "a",
                "cpu",
                row(Map.of("strategy", "virtual", "client", "jdk"), forks(1, 130)),
                row(Map.of("strategy", "virtual", "client", "apache"), forks(2, 110)),
                row(Map.of("strategy", "async", "client", "jdk"), forks(3, 120)),
                row(Map.of("strategy", "async", "client", "reactor"), forks(4, 120)),
                row(Map.of("strategy", "reactive", "client", "reactor"), forks(5, 120)));
        // no row runs on every client: each is compared where it is, against jdk
        var all = Comparison.of(List.of(one), new ComparisonOptions(0.95, 3, "client", null, Set.of(), Map.of()));
        assertThat(all.columns()).extracting(Comparison.Column::label).containsExactly("jdk", "apache", "reactor");
        assertThat(all.rows()).hasSize(2);
        var virtual = all.rows().get(0);
        assertThat(virtual.key()).contains("strategy=virtual");
        assertThat(virtual.cells().get(1).verdict()).isEqualTo(Comparison.Verdict.FASTER);
        assertThat(virtual.cells().get(2).present()).isFalse();
        assertThat(virtual.cells().get(2).judged()).isNull();
        var async = all.rows().get(1);
        assertThat(async.cells().get(1).present()).isFalse();
        assertThat(async.cells().get(2).verdict()).isEqualTo(Comparison.Verdict.SAME);
        // reactive has no jdk row to be compared with: left out, and said so
        assertThat(all.warnings())
                .filteredOn(w -> w.kind() == Warning.Kind.ROWS_LEFT_OUT)
                .singleElement()
                .satisfies(w ->
                        assertThat(w.list("rows")).singleElement().asString().contains("strategy=reactive"));
        assertThat(ComparisonFormat.MARKDOWN.render(all)).contains("| – | – | – |");
        assertThat(ComparisonFormat.CSV.render(all).lines()).hasSize(1 + 2 + 2); // the header, two cells a row
        assertThat(all.geometricMeanChange().get(0)).isBetween(-20.0, -10.0); // apache: virtual alone
        // a baseline that shares no row with another column is refused with the way out
        assertThatThrownBy(() -> Comparison.of(
                        List.of(run(
                                "a",
                                "cpu",
                                row(Map.of("strategy", "virtual", "client", "jdk"), forks(1, 130)),
                                row(Map.of("strategy", "async", "client", "reactor"), forks(4, 120)))),
                        new ComparisonOptions(0.95, 3, "client", null, Set.of(), Map.of())))
                .hasMessageContaining(
                        "no row of --by client=jdk is in another column: name a baseline that shares rows");
        var blocking = Comparison.of(
                List.of(one), new ComparisonOptions(0.95, 3, "client=jdk,apache", null, Set.of(), Map.of()));
        assertThat(blocking.columns()).extracting(Comparison.Column::label).containsExactly("jdk", "apache");
        assertThat(blocking.rows())
                .singleElement()
                .satisfies(r -> assertThat(r.key()).contains("strategy=virtual"));
        assertThatThrownBy(() -> Comparison.of(
                        List.of(one), new ComparisonOptions(0.95, 3, "client=jdk,okhttp", null, Set.of(), Map.of())))
                .hasMessageContaining(
                        "--by client=jdk,okhttp: no row has client=okhttp (there are jdk, apache, reactor)");
    }

    @Test
    void byHostLaysMachinesSideBySide() {
        var laptop = new RunFolder(
                Path.of("l"),
                List.of(row("pool", forks(1, 110))),
                new ObjectMapper().createObjectNode().put("host", "laptop").put("cpuModel", "x"));
        var ci = new RunFolder(
                Path.of("c"),
                List.of(row("pool", forks(2, 90))),
                new ObjectMapper().createObjectNode().put("host", "ci-box").put("cpuModel", "y"));
        var comparison = Comparison.of(
                List.of(laptop, ci), new ComparisonOptions(0.95, 3, "host", "ci-box", Set.of(), Map.of()));
        assertThat(comparison.columns()).extracting(Comparison.Column::label).containsExactly("ci-box", "laptop");
        assertThat(comparison.rows().get(0).cells().get(1).verdict()).isEqualTo(Comparison.Verdict.SLOWER);
        assertThat(comparison.warnings()).anySatisfy(w -> assertThat(w.kind()).isEqualTo(Warning.Kind.MACHINES_DIFFER));
    }

    @Test
    void ignoringAParameterMatchesRowsThatDifferInIt() {
        var a = run("a", "cpu", row(Map.of("strategy", "sequential", "latency", "100ms"), forks(1, 2000)));
        var b = run("b", "cpu", row(Map.of("strategy", "sequential", "latency", "110ms"), forks(2, 2200)));
        assertThatThrownBy(() -> Comparison.of(List.of(a, b), DEFAULTS)).hasMessageContaining("--ignore");
        var comparison =
                Comparison.of(List.of(a, b), new ComparisonOptions(0.95, 3, null, null, Set.of("latency"), Map.of()));
        assertThat(comparison.rows().get(0).cells().get(1).change()).isCloseTo(10, within(2.0));
    }

    @Test
    void csvAndJsonCarryTheSameFigures() throws Exception {
        var comparison = Comparison.of(
                List.of(run("a", "cpu", row("pool", forks(1, 10))), run("b", "cpu", row("pool", forks(2, 20)))),
                DEFAULTS);
        Comparison.Cell cell = comparison.rows().get(0).cells().get(1);
        String csv = ComparisonFormat.CSV.render(comparison);
        assertThat(csv.lines()).hasSize(3);
        assertThat(csv)
                .contains(String.format(java.util.Locale.ROOT, ",B,5,%.4f,", cell.mean()))
                .contains(",slower,");
        var json = new ObjectMapper().readTree(ComparisonFormat.JSON.render(comparison));
        assertThat(json.at("/rows/0/columns/1/meanMs").asDouble()).isEqualTo(cell.mean());
        assertThat(json.at("/rows/0/columns/1/changeLowPct").asDouble())
                .isEqualTo(cell.changeInterval().low());
        assertThat(json.at("/rows/0/columns/1/verdict").asText()).isEqualTo("slower");
        assertThat(json.at("/warnings").isArray()).isTrue();
        // CI reads the kind and the values; the text is for people
        var few = Comparison.of(
                List.of(run("a", "cpu", row("pool", forks(1, 10, 2))), run("b", "cpu", row("pool", forks(2, 20, 2)))),
                DEFAULTS);
        var warning =
                new ObjectMapper().readTree(ComparisonFormat.JSON.render(few)).at("/warnings/0");
        assertThat(warning.at("/kind").asText()).isEqualTo("few-forks");
        assertThat(warning.at("/column").asText()).isEqualTo("A");
        assertThat(warning.at("/values/fewest").asInt()).isEqualTo(2);
        assertThat(warning.at("/values/needed").asInt()).isEqualTo(Comparison.MIN_FORKS);
        assertThat(warning.at("/text").asText()).isEqualTo(few.warnings().get(0).text());
    }

    @Test
    void aCostIsHigherOrLowerNotSlowerAndItsColumnsAreInItsOwnUnit() throws Exception {
        // peak platform threads, five forks of ten iterations: 20 in A, 40 in B
        java.util.function.BiFunction<String, Double, RunFolder> threads = (name, value) -> {
            var params = new TreeMap<String, String>(Map.of(
                    "strategy",
                    "pool",
                    "latency",
                    "100ms",
                    "codes",
                    "pop20",
                    "maxWorkers",
                    "20",
                    "connections",
                    "warm"));
            double[][] times = forks(3, 110);
            double[][] peaks = java.util.Arrays.stream(times)
                    .map(f -> java.util.Arrays.stream(f)
                            .map(x -> value + x / 1000)
                            .toArray())
                    .toArray(double[][]::new);
            return run(
                    name,
                    "cpu",
                    new ResultRow("downloadMany", params, "ms/op", times, new TreeMap<>(Map.of("peakThreads", peaks))));
        };
        var options = new ComparisonOptions(0.95, 3, null, null, Set.of(), Map.of(), Metric.named("threads"));
        var comparison = Comparison.of(List.of(threads.apply("a", 20.0), threads.apply("b", 40.0)), options);
        assertThat(comparison.rows().get(0).cells().get(1).verdict())
                .isEqualTo(Comparison.Verdict.SLOWER); // the value: higher
        String csv = ComparisonFormat.CSV.render(comparison);
        assertThat(csv)
                .startsWith("# metric: peak platform threads\nrow,column,forks,mean,ci_low,ci_high,")
                .contains(",higher,")
                .doesNotContain("slower")
                .doesNotContain("_ms");
        var json = new ObjectMapper().readTree(ComparisonFormat.JSON.render(comparison));
        assertThat(json.at("/metric").asText()).isEqualTo("threads");
        assertThat(json.at("/rows/0/columns/1/mean").asDouble()).isCloseTo(40, within(0.5));
        assertThat(json.at("/rows/0/columns/1/meanMs").isMissingNode()).isTrue();
        assertThat(json.at("/rows/0/columns/1/verdict").asText()).isEqualTo("higher");
    }

    @Test
    void runsWithNoRowInCommonAreAnError() {
        assertThatThrownBy(() -> Comparison.of(
                        List.of(
                                run("a", "cpu", row("pool", forks(1, 110))),
                                run("b", "cpu", row("virtual", forks(2, 110)))),
                        DEFAULTS))
                .isInstanceOf(BadRunException.class)
                .hasMessageStartingWith("the runs have no benchmark row in common");
    }

    @Test
    void runsAreLabelledAsSpreadsheetColumnsPastZ() {
        assertThat(IntStream.of(0, 1, 25, 26, 27, 51, 52, 701, 702).mapToObj(RunLines::label))
                .containsExactly("A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA");
    }
}
