package flagbench.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ResultRowTest {

    private static ResultRow pool(Map<String, double[][]> secondary) {
        var params =
                new TreeMap<>(Map.of("strategy", "pool", "latency", "100ms", "codes", "pop20", "maxWorkers", "20"));
        return new ResultRow("downloadMany", params, "ms/op", new double[][] {{110, 120}}, new TreeMap<>(secondary));
    }

    @Test
    void theConcurrencyIsWhatTheForkRecordedElseWhatTheStrategySaysToday() {
        // recorded: 5 at once (as if pool had said so when the run was made), the ideal follows from it, not from
        // today's pool
        ResultRow recorded = pool(Map.of("concurrency", new double[][] {{5, 5}}));
        assertThat(recorded.concurrency()).isEqualTo(5);
        assertThat(recorded.rounds()).isEqualTo(4);
        assertThat(recorded.idealMillis()).isEqualTo(400);
        // a run made before forks recorded it: today's registry, pool's 20 at once for POP20
        ResultRow older = pool(Map.of());
        assertThat(older.concurrency()).isEqualTo(20);
        assertThat(older.idealMillis()).isEqualTo(100);
    }

    @Test
    void aRowsKeyIsItsShortNameAndItsParametersInNameOrder() {
        var key = RowKey.ofJmh(
                "flagbench.bench.DownloadBenchmark.downloadMany",
                new TreeMap<>(Map.of("strategy", "pool", "latency", "0")));
        assertThat(key.toString()).isEqualTo("downloadMany latency=0 strategy=pool");
        assertThat(pool(Map.of()).key())
                .isEqualTo("downloadMany codes=pop20 latency=100ms maxWorkers=20 strategy=pool");
    }
}
