package flagbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import flagbench.results.ResultRow;
import flagbench.results.RunFolder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Rows whose truth is known: a strategy that does 4,000 downloads/s at zero latency. */
class RooflineTest {

    private static ResultRow row(String latency, String codes, double millis) {
        var params = new TreeMap<>(Map.of(
                "strategy",
                "virtual",
                "latency",
                latency,
                "codes",
                codes,
                "maxWorkers",
                "1",
                "transport",
                "http",
                "connections",
                "warm"));
        return new ResultRow(
                "downloadMany",
                params,
                "ms/op",
                new double[][] {{millis, millis}, {millis, millis}, {millis, millis}},
                0,
                0,
                0,
                0,
                0);
    }

    private static RunFolder run(ResultRow... rows) {
        return new RunFolder(Path.of("run"), List.of(rows), new ObjectMapper().createObjectNode());
    }

    @Test
    void aRowThatTheCpuBoundsReadsAsCpuBound() {
        ResultRow ceiling = row("0", "10000", 2_500); // 10,000 downloads in 2.5 s: X_max = 4,000/s
        ResultRow big = row("100ms", "10000", 2_600); // latency bound 100 ms, CPU bound 2,500 ms
        RunFolder run = run(ceiling, big);
        assertThat(Roofline.throughputCeiling(run, big))
                .hasValueSatisfying(x -> assertThat(x).isCloseTo(4_000, within(1e-6)));
        Roofline roofline = Roofline.of(run, big);
        assertThat(roofline.latencyBoundMillis()).isEqualTo(100);
        assertThat(roofline.cpuBoundMillis()).isCloseTo(2_500, within(1e-6));
        assertThat(roofline.bound()).isEqualTo(Roofline.Bound.CPU);
        assertThat(roofline.efficiency()).isCloseTo(2_500.0 / 2_600, within(1e-9)); // not 100 / 2,600 = 0.04
    }

    @Test
    void aSmallRowStaysLatencyBound() {
        ResultRow small = row("100ms", "20", 110); // CPU bound 5 ms
        Roofline roofline = Roofline.of(run(row("0", "10000", 2_500), small), small);
        assertThat(roofline.bound()).isEqualTo(Roofline.Bound.LATENCY);
        assertThat(roofline.idealMillis()).isEqualTo(100);
    }

    @Test
    void withoutAZeroLatencyRowOnlyTheLatencyBoundIsKnown() {
        ResultRow big = row("100ms", "10000", 2_600);
        Roofline roofline = Roofline.of(run(big), big);
        assertThat(roofline.cpuBoundMillis()).isNaN();
        assertThat(roofline.idealMillis()).isEqualTo(100);
        assertThat(roofline.bound()).isEqualTo(Roofline.Bound.UNKNOWN);
        // a zero-latency row of another strategy is not this one's ceiling
        var other = new TreeMap<>(row("0", "10000", 10).params());
        other.put("strategy", "pool");
        var pool = new ResultRow("downloadMany", other, "ms/op", new double[][] {{10}}, 0, 0, 0, 0, 0);
        assertThat(Roofline.throughputCeiling(run(big, pool), big)).isEmpty();
    }

    @Test
    void aCurvesCeilingIsTheStrategysFastestZeroLatencyRowWhateverItsWorkers() {
        var params = new TreeMap<>(row("0", "10000", 1).params());
        params.put("maxWorkers", "1000");
        var bigPool = new ResultRow("downloadMany", params, "ms/op", new double[][] {{2_000}, {2_000}}, 0, 0, 0, 0, 0);
        ResultRow sweepPoint = row("50ms", "2000", 300); // maxWorkers=1
        RunFolder run = run(bigPool, sweepPoint);
        assertThat(Roofline.throughputCeiling(run, sweepPoint)).isEmpty(); // no zero-latency row at maxWorkers=1
        assertThat(Roofline.strategyCeiling(run, sweepPoint))
                .hasValueSatisfying(x -> assertThat(x).isCloseTo(5_000, within(1e-6)));
        // and the row's CPU bound falls back to it: 2,000 downloads at 5,000/s
        assertThat(Roofline.of(run, sweepPoint).cpuBoundMillis()).isCloseTo(400, within(1e-6));
    }
}
