package flagbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import flagbench.download.Strategies;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.Options;

class SuiteTest {

    private static List<String> strategies(Options part) {
        return new ArrayList<>(part.getParameter("strategy").get());
    }

    @Test
    void aPartThatNamesNoStrategiesRunsEveryRegisteredOne() {
        assertThat(strategies(Suite.QUICK.parts().get(0))).containsExactlyInAnyOrderElementsOf(Strategies.names());
    }

    @Test
    void theDefaultSuiteSplitsOneAtATimeFromConcurrentStrategiesAndRunsEachOnce() {
        List<Options> parts = Suite.DEFAULT.parts();
        assertThat(parts).hasSize(3);
        assertThat(strategies(parts.get(0))).doesNotContain("sequential").contains("pool", "virtual", "bounded", "async")
                .doesNotHaveDuplicates();
        assertThat(strategies(parts.get(1))).containsExactly("sequential");
        assertThat(strategies(parts.get(2))).containsExactlyInAnyOrderElementsOf(Strategies.names());
        for (Options part : parts) {
            assertThat(part.getForkCount().get()).isEqualTo(Suite.DEFAULT_FORKS);
        }
        assertThat(parts.get(0).getMeasurementIterations().get()).isEqualTo(Suite.DEFAULT_ITERATIONS);
    }

    @Test
    void theSweepKeepsItsOwnStrategies() {
        assertThat(strategies(Suite.SWEEP.parts().get(0))).containsExactly("pool", "bounded");
    }
}
