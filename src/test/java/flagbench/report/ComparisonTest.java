package flagbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    private static RunFolder run(String name, String cpu, ResultRow... rows) {
        var machine = new ObjectMapper().createObjectNode().put("runId", name).put("cpuModel", cpu).put("logicalCores", 2);
        return new RunFolder(Path.of(name), List.of(rows), machine);
    }

    private static ResultRow row(String strategy, double[] samples) {
        var params = new TreeMap<String, String>();
        params.put("strategy", strategy);
        params.put("latency", "100ms");
        params.put("codes", "pop20");
        params.put("maxWorkers", "20");
        double mean = java.util.Arrays.stream(samples).average().orElse(Double.NaN);
        return new ResultRow("downloadMany", params, "ms/op", mean, 1, samples, 20, 0, 0, 20, 20);
    }

    private static double[] normal(long seed, double mean, double sd, int n) {
        var random = new Random(seed);
        return random.doubles(n).map(u -> mean + sd * random.nextGaussian()).toArray();
    }

    @Test
    void twoSamplesOfOneDistributionAreNotSignificant() {
        var comparison = Comparison.of(List.of(
                run("a", "cpu", row("pool", normal(1, 110, 3, 16))),
                run("b", "cpu", row("pool", normal(2, 110, 3, 16)))), 0.05);
        Comparison.Cell cell = comparison.rows().get(0).cells().get(1);
        assertThat(cell.significant()).isFalse();
        assertThat(ComparisonFormat.changeText(cell)).isEqualTo("~");
        assertThat(comparison.machinesDiffer()).isFalse();
    }

    @Test
    void aTwentyPercentSlowdownIsFlagged() {
        var comparison = Comparison.of(List.of(
                run("a", "cpu", row("pool", normal(1, 110, 3, 16))),
                run("b", "cpu", row("pool", normal(2, 132, 3.6, 16)))), 0.05);
        Comparison.Cell cell = comparison.rows().get(0).cells().get(1);
        assertThat(cell.p()).isLessThan(0.05);
        assertThat(cell.significant()).isTrue();
        assertThat(cell.change()).isBetween(15.0, 25.0);
        assertThat(ComparisonFormat.changeText(cell)).startsWith("+").contains("p=");
        assertThat(comparison.geometricMeanChange().get(0)).isBetween(15.0, 25.0);
    }

    @Test
    void rowsInOnlySomeRunsAreListedNotDropped() {
        var comparison = Comparison.of(List.of(
                run("a", "cpu", row("pool", normal(1, 110, 3, 10)), row("virtual", normal(3, 105, 3, 10))),
                run("b", "other cpu", row("pool", normal(2, 110, 3, 10)))), 0.05);
        assertThat(comparison.rows()).hasSize(1);
        assertThat(comparison.partial()).singleElement().asString().contains("strategy=virtual").contains("only in a");
        assertThat(comparison.machinesDiffer()).isTrue();
        String markdown = ComparisonFormat.MARKDOWN.render(comparison);
        assertThat(markdown).contains("**The machines differ**").contains("Rows not in every run").contains("strategy=virtual");
    }

    @Test
    void runsWithNoRowInCommonAreAnError() {
        assertThatThrownBy(() -> Comparison.of(List.of(
                run("a", "cpu", row("pool", normal(1, 110, 3, 10))),
                run("b", "cpu", row("virtual", normal(2, 110, 3, 10)))), 0.05))
                .isInstanceOf(BadRunException.class).hasMessage("the runs have no benchmark row in common");
    }

    @Test
    void csvAndJsonCarryTheSameFigures() throws Exception {
        var comparison = Comparison.of(List.of(
                run("a", "cpu", row("pool", new double[] {10, 11, 12})),
                run("b", "cpu", row("pool", new double[] {20, 21, 22}))), 0.05);
        String csv = ComparisonFormat.CSV.render(comparison);
        assertThat(csv.lines()).hasSize(3);
        assertThat(csv).contains(",a,11.0000,10.0000,12.0000,").contains(",b,21.0000,20.0000,22.0000,90.91,");
        var json = new ObjectMapper().readTree(ComparisonFormat.JSON.render(comparison));
        assertThat(json.at("/rows/0/runs/1/median").asDouble()).isEqualTo(21.0);
        assertThat(json.at("/rows/0/runs/1/changePct").asDouble()).isCloseTo(90.909, org.assertj.core.api.Assertions.within(0.001));
    }

    @org.junit.jupiter.api.Test
    void runsAreLabelledAsSpreadsheetColumnsPastZ() {
        assertThat(java.util.stream.IntStream.of(0, 1, 25, 26, 27, 51, 52, 701, 702).mapToObj(ComparisonFormat::label))
                .containsExactly("A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA");
    }
}
