package flagbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import flagbench.results.ResultRow;
import flagbench.results.RunFolder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The ruler of seeded synthetic runs whose truth is known: 20 trials of 5 iterations, 1 % noise a measurement. */
class SpeedRulerReadingTest {

    /** A row of {@code forks} trials whose ruler reads {@code beforeMillis} before and {@code afterMillis} after, with 1 % noise. */
    private static ResultRow row(String strategy, long seed, int forks, double beforeMillis, double afterMillis) {
        var random = new SplittableRandom(seed);
        double[][] before = new double[forks][5], after = new double[forks][5], times = new double[forks][5];
        for (int f = 0; f < forks; f++) {
            double b = beforeMillis * 1e6 * (1 + 0.01 * random.nextGaussian());
            double a = afterMillis * 1e6 * (1 + 0.01 * random.nextGaussian());
            java.util.Arrays.fill(before[f], b);
            after[f][4] = a; // the last measured iteration only
            java.util.Arrays.fill(times[f], 100);
        }
        var params =
                new TreeMap<>(Map.of("strategy", strategy, "latency", "100ms", "codes", "pop20", "maxWorkers", "20"));
        var secondary = new TreeMap<String, double[][]>(Map.of("rulerBeforeNanos", before, "rulerAfterNanos", after));
        return new ResultRow("downloadMany", params, "ms/op", times, secondary);
    }

    private static RunFolder run(String name, ResultRow... rows) {
        return run(name, "sort 20000 seeded ints x10", rows);
    }

    private static RunFolder run(String name, String ruler, ResultRow... rows) {
        return new RunFolder(
                Path.of(name),
                List.of(rows),
                new ObjectMapper().createObjectNode().put("runId", name).put("speedRuler", ruler));
    }

    @Test
    void aQuietRunReadsItsRulerAndNoDrift() {
        var ruler = SpeedRulerReading.of(run("a", row("pool", 1, 10, 3.0, 3.0), row("virtual", 2, 10, 3.0, 3.0)))
                .orElseThrow();
        assertThat(ruler.trials()).hasNumberOfRows(20);
        assertThat(ruler.meanMillis()).isBetween(2.98, 3.02);
        assertThat(ruler.interval().contains(3.0)).isTrue();
        assertThat(ruler.drifted()).isFalse();
        assertThat(ruler.describe()).doesNotContain("moved");
    }

    @Test
    void aMachineThatSlowsDuringTheRunIsSaidToHaveMoved() {
        var ruler = SpeedRulerReading.of(run("a", row("pool", 3, 10, 3.0, 3.3), row("virtual", 4, 10, 3.0, 3.3)))
                .orElseThrow();
        assertThat(ruler.driftPercent()).isBetween(9.0, 11.0);
        assertThat(ruler.drifted()).isTrue();
        assertThat(ruler.describe()).contains("the machine's speed moved during the run");
    }

    @Test
    void compareSaysWhichMachineWasSlowerWithAnInterval() {
        var quiet = run("quiet", row("pool", 5, 10, 3.0, 3.0));
        var loaded = run("loaded", row("pool", 6, 10, 3.6, 3.6));
        var change = SpeedRulerReading.of(loaded)
                .orElseThrow()
                .against(SpeedRulerReading.of(quiet).orElseThrow());
        assertThat(change.contains(20)).isTrue();
        assertThat(change.low()).isGreaterThan(SpeedRulerReading.QUIET_PERCENT);
        assertThat(RunLines.rulers(List.of(quiet, loaded))).contains("**B**'s machine is slower than **A**'s: +");
        assertThat(RunLines.rulers(List.of(quiet, run("same", row("pool", 7, 10, 3.0, 3.0)))))
                .contains("is as fast, within the noise, as");
    }

    @Test
    void aMachineIsSlowerWhenTheIntervalLeavesOutZeroAndTheChangeIsAtLeastTheNoise() {
        // the loaded run of 2026-12-02 (20261202-134325-vm against 134001) read +5.0 % [+2.4, +7.6]
        assertThat(SpeedRulerReading.pace(5.0, new Statistics.Interval(2.4, 7.6)))
                .isEqualTo(Comparison.Verdict.SLOWER);
        assertThat(SpeedRulerReading.pace(-6.0, new Statistics.Interval(-9.0, -3.5)))
                .isEqualTo(Comparison.Verdict.FASTER);
        assertThat(SpeedRulerReading.pace(5.0, new Statistics.Interval(-1.0, 11.0)))
                .isEqualTo(Comparison.Verdict.SAME);
        assertThat(SpeedRulerReading.pace(2.0, new Statistics.Interval(0.5, 3.5)))
                .isEqualTo(Comparison.Verdict.SAME);
        // and on seeded runs whose truth is 5 %: 1 % noise a trial, 10 trials a run
        var quiet = run("quiet", row("pool", 11, 10, 3.0, 3.0));
        var loaded = run("loaded", row("pool", 12, 10, 3.15, 3.15));
        assertThat(RunLines.rulers(List.of(quiet, loaded))).contains("**B**'s machine is slower than **A**'s: +");
    }

    @Test
    void rulersThatWereNotTheSameMeasurementAreNotCompared() {
        var before = run("old", "sort 50000 seeded ints", row("pool", 8, 10, 4.2, 4.2));
        var after = run("new", row("pool", 9, 10, 2.4, 2.4));
        assertThat(RunLines.rulers(List.of(before, after)))
                .contains("not compared")
                .doesNotContain("faster");
    }

    @Test
    void aRunMadeBeforeTheRulerHasNone() {
        var old = run(
                "old",
                new ResultRow(
                        "downloadMany",
                        new TreeMap<>(Map.of("strategy", "pool")),
                        "ms/op",
                        new double[][] {{1}},
                        1,
                        0,
                        0,
                        1,
                        1));
        assertThat(SpeedRulerReading.of(old)).isEmpty();
        assertThat(RunLines.rulers(List.of(old, old))).isEmpty();
    }
}
