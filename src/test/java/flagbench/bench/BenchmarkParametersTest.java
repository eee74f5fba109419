package flagbench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

class BenchmarkParametersTest {

    @Test
    void theNamesAreTheBenchmarksParamFieldsAndEachDefaultPassesItsCheck() {
        assertThat(BenchmarkParameters.NAMES)
                .containsExactly(
                        "strategy",
                        "latency",
                        "maxWorkers",
                        "codes",
                        "transport",
                        "client",
                        "protocol",
                        "connections",
                        "timeout",
                        "downstream",
                        "network");
        for (var field : DownloadBenchmark.class.getDeclaredFields()) {
            Param param = field.getAnnotation(Param.class);
            if (param != null) {
                // a parameter added without a check would throw here; strategy has no default (the suites give every
                // one)
                Arrays.stream(param.value().length == 0 ? new String[] {"pool"} : param.value())
                        .forEach(value -> BenchmarkParameters.check(field.getName(), value));
            }
        }
    }

    @Test
    void aNameTheBenchmarkDoesNotHaveIsRefusedWithTheNamesItHas() {
        assertThatThrownBy(() -> BenchmarkParameters.check("maxworkers", "64"))
                .hasMessage(
                        "-p maxworkers=64: no such parameter: use one of strategy, latency, maxWorkers, codes, transport, client, protocol,"
                                + " connections, timeout, downstream, network");
    }

    @Test
    void everyCombinationIsTheProductOfTheValuesGivenWithTheDefaultsForTheRest() {
        var rows = BenchmarkParameters.combinations(name -> switch (name) {
            case "strategy" -> java.util.List.of("pool", "async");
            case "network" -> java.util.List.of("loopback", "rtt=50ms");
            case "protocol" -> java.util.List.of("http", "https", "h2");
            default -> java.util.List.of();
        });
        assertThat(rows).hasSize(2 * 2 * 3);
        assertThat(rows)
                .allSatisfy(row -> assertThat(row)
                        .containsEntry("client", "jdk")
                        .containsEntry("latency", "100ms")
                        .containsKeys(BenchmarkParameters.NAMES.toArray(String[]::new)));
        assertThat(rows)
                .filteredOn(row -> row.get("strategy").equals("async")
                        && row.get("network").equals("rtt=50ms"))
                .hasSize(3);
        // no strategy named: every registered one
        assertThat(BenchmarkParameters.combinations(name -> java.util.List.of()))
                .hasSize(flagbench.download.Strategies.names().size());
    }

    @Test
    void theSimulatedTransportTakesNothingThatOnlyAServerHas() {
        for (var server : java.util.List.of(
                java.util.Map.of("network", "rtt=5ms"),
                java.util.Map.of("downstream", "capacity=5"),
                java.util.Map.of("connections", "closed"))) {
            var row = new java.util.HashMap<>(server);
            row.put("strategy", "pool");
            row.put("transport", "simulated");
            assertThatThrownBy(() -> BenchmarkParameters.checkCombination(row))
                    .hasMessageContaining("transport=simulated has no server");
            row.put("transport", "http");
            BenchmarkParameters.checkCombination(row); // the same over HTTP is a row that can exist
        }
    }

    @Test
    void valuesAreRunAndRecordedInTheirOneSpelling() {
        var request = new BenchRequest(
                Suite.QUICK,
                java.util.List.of(
                        "-p",
                        "client=JDK,OkHttp",
                        "-pdownstream=CAPACITY=5",
                        "-p",
                        "network=RTT=50ms+Bandwidth=20mbit",
                        "-p",
                        "maxWorkers=020",
                        "-p",
                        "latency=100ms",
                        "-prof",
                        "gc",
                        "-f",
                        "1"),
                java.nio.file.Path.of("target", "no-such-results"));
        assertThat(request.jmhArgs())
                .containsExactly(
                        "-p",
                        "client=jdk,okhttp",
                        "-pdownstream=capacity=5",
                        "-p",
                        "network=rtt=50ms+bandwidth=20mbit",
                        "-p",
                        "maxWorkers=20",
                        "-p",
                        "latency=100ms",
                        "-prof",
                        "gc",
                        "-f",
                        "1");
        assertThat(BenchmarkParameters.canonical("client", "curl"))
                .as("left for the check to refuse")
                .isEqualTo("curl");
    }
}
