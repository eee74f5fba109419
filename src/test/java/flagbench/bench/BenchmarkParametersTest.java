package flagbench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

class BenchmarkParametersTest {

    @Test
    void theNamesAreTheBenchmarksParamFieldsAndEachDefaultPassesItsCheck() {
        assertThat(BenchmarkParameters.NAMES).containsExactly("strategy", "latency", "maxWorkers", "codes", "transport", "client",
                "protocol", "connections", "timeout", "downstream", "network");
        for (var field : DownloadBenchmark.class.getDeclaredFields()) {
            Param param = field.getAnnotation(Param.class);
            if (param != null) {
                // a parameter added without a check would throw here; strategy has no default (the suites give every one)
                Arrays.stream(param.value().length == 0 ? new String[] {"pool"} : param.value())
                        .forEach(value -> BenchmarkParameters.check(field.getName(), value));
            }
        }
    }

    @Test
    void aNameTheBenchmarkDoesNotHaveIsRefusedWithTheNamesItHas() {
        assertThatThrownBy(() -> BenchmarkParameters.check("maxworkers", "64"))
                .hasMessage("-p maxworkers=64: no such parameter: use one of strategy, latency, maxWorkers, codes, transport, client, protocol,"
                        + " connections, timeout, downstream, network");
    }
}
