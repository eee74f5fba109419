package flagbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import flagbench.report.Metric;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CountsTest {

    /** JMH reports every public long field of the counters; the report must know each one as the benchmark's own. */
    @Test
    void theReportKnowsExactlyTheCountersTheForksWrite() {
        var fields = Arrays.stream(Counts.class.getDeclaredFields())
                .filter(f -> Modifier.isPublic(f.getModifiers()) && f.getType() == long.class)
                .map(java.lang.reflect.Field::getName)
                .toList();
        assertThat(fields).containsExactlyInAnyOrderElementsOf(Metric.OWN_COUNTERS);
    }
}
