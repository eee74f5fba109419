package flagbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import flagbench.results.ResultRow;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MetricTest {

    private static ResultRow row(Map<String, double[][]> secondary) {
        return new ResultRow(
                "downloadMany",
                new TreeMap<>(Map.of("strategy", "pool")),
                "ms/op",
                new double[][] {{10, 10}, {12, 12}},
                new TreeMap<>(secondary));
    }

    @Test
    void aCostIsDividedIterationByIterationByWhatItIsPer() {
        ResultRow row = row(Map.of(
                "clientCpuNanos", new double[][] {{2_000_000, 6_000_000}, {3_000_000, 0}},
                "downloads", new double[][] {{20, 20}, {20, 0}}));
        // 100 and 300 µs per download in fork 1, 150 in fork 2; the iteration without downloads is left out
        assertThat(Metric.CLIENT_CPU.samples().apply(row)).isDeepEqualTo(new double[][] {{100, 300}, {150}});
        assertThat(Metric.CLIENT_CPU.mean(row)).isEqualTo(550 / 3.0);
        assertThat(Metric.SERVER_CPU.presentIn(row)).isFalse();
        assertThat(Metric.SERVER_CPU.mean(row)).isNaN();
    }

    @Test
    void theDownloadsCpuAndTheBackgroundAreReadOnlyWhereTheForkToldThemApart() {
        ResultRow row = row(Map.of(
                "clientCpuNanos", new double[][] {{3_000_000, 6_000_000}, {4_000_000}},
                "downloadCpuNanos", new double[][] {{2_000_000, 0}, {1_000_000}},
                "backgroundCpuNanos", new double[][] {{1_000_000, 0}, {3_000_000}},
                "downloads", new double[][] {{20, 20}, {20}}));
        // the second iteration of fork 1 was not split (0 for both): the total has it, the split does not
        assertThat(Metric.DOWNLOAD_CPU.samples().apply(row)).isDeepEqualTo(new double[][] {{100}, {50}});
        assertThat(Metric.BACKGROUND_CPU.samples().apply(row)).isDeepEqualTo(new double[][] {{50}, {150}});
        assertThat(Metric.CLIENT_CPU.samples().apply(row)).isDeepEqualTo(new double[][] {{150, 300}, {200}});
        // a run made before the split has the total only
        ResultRow before =
                row(Map.of("clientCpuNanos", new double[][] {{3_000_000}}, "downloads", new double[][] {{20}}));
        assertThat(Metric.DOWNLOAD_CPU.presentIn(before)).isFalse();
        assertThat(Metric.CLIENT_CPU.mean(before)).isEqualTo(150);
    }

    @Test
    void aProfilersMetricIsItsOwnSamplesByName() {
        ResultRow row = row(Map.of("gc.alloc.rate.norm", new double[][] {{1000, 3000}}));
        Metric gc = Metric.named("gc.alloc.rate.norm");
        assertThat(gc.mean(row)).isEqualTo(2000);
        assertThat(Metric.named("CPU")).isSameAs(Metric.DOWNLOAD_CPU);
        assertThat(Metric.named("cpu-total")).isSameAs(Metric.CLIENT_CPU);
        assertThat(Metric.named("time").samples().apply(row)).isDeepEqualTo(new double[][] {{10, 10}, {12, 12}});
    }
}
