package flagbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * jmh.json as any JMH tool reads it: this test knows JMH's JSON format and nothing of flagbench's classes (no
 * RunFolder, no ResultRow), as JMH Visualizer, github-action-benchmark or a user's script would read a fresh run.
 * Whichever JVM each fork ran in, a benchmark with its parameters is one result, with all its forks.
 */
class JmhJsonIT {

    private static final int FORKS = 2;
    private static final int SAMPLES = 2;

    @TempDir
    Path results;

    @ParameterizedTest(name = "jvm per fork: {0}")
    @ValueSource(booleans = {false, true})
    void eachBenchmarkAndParamsIsOneResultWithEveryFork(boolean jvmPerFork) throws Exception {
        var args = List.of(
                "-p",
                "strategy=sequential,pool",
                "-p",
                "codes=2",
                "-p",
                "latency=1ms",
                "-f",
                "" + FORKS,
                "-wi",
                "0",
                "-i",
                "" + SAMPLES);
        Path run = BenchLauncher.run(
                new BenchRequest(Suite.QUICK, args, null, null, results, 1, false, false, jvmPerFork));

        JsonNode jmh = new ObjectMapper().readTree(run.resolve("jmh.json").toFile());
        var seen = new HashSet<Map<String, String>>();
        var strategies = new ArrayList<String>();
        for (JsonNode result : jmh) {
            var key = new TreeMap<String, String>();
            key.put("benchmark", result.get("benchmark").asText());
            result.get("params")
                    .fields()
                    .forEachRemaining(p -> key.put(p.getKey(), p.getValue().asText()));
            assertThat(seen.add(key)).as("one result for %s", key).isTrue();
            strategies.add(key.get("strategy"));

            assertThat(result.get("forks").asInt()).isEqualTo(FORKS);
            assertThat(result.get("measurementIterations").asInt()).isEqualTo(SAMPLES);
            JsonNode primary = result.get("primaryMetric");
            assertThat(primary.get("rawData"))
                    .hasSize(FORKS)
                    .allSatisfy(fork -> assertThat(fork).hasSize(SAMPLES));
            // the score is JMH's mean over every fork's samples, and its error a finite number from all of them
            double sum = 0;
            for (JsonNode fork : primary.get("rawData")) {
                for (JsonNode sample : fork) {
                    sum += sample.asDouble();
                }
            }
            assertThat(primary.get("score").asDouble())
                    .isCloseTo(sum / (FORKS * SAMPLES), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(primary.get("scoreError").isNumber())
                    .as("scoreError is a number, not NaN")
                    .isTrue();
            // every secondary metric keeps a row of values per fork too
            result.get("secondaryMetrics")
                    .fields()
                    .forEachRemaining(metric -> assertThat(metric.getValue().get("rawData"))
                            .as(metric.getKey())
                            .hasSize(FORKS));
        }
        assertThat(strategies).containsExactlyInAnyOrder("sequential", "pool");

        // where each fork ran lies beside it, a place per fork
        JsonNode places =
                new ObjectMapper().readTree(run.resolve(ForkResults.FORKS_JSON).toFile());
        assertThat(places.size()).isEqualTo(2);
        places.forEach(row -> assertThat(row).hasSize(FORKS));
        var jvms = new HashSet<Integer>();
        places.forEach(row -> row.forEach(place -> jvms.add(place.get("jvm").asInt())));
        // shared: one JVM a turn for both rows; per fork: a JVM for each row's each fork
        assertThat(jvms).hasSize(jvmPerFork ? 2 * FORKS : FORKS);
    }
}
