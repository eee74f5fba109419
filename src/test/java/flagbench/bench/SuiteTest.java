package flagbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import flagbench.download.Clients;
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

    @Test
    void theClientsSuiteMeasuresEveryPairThatCanExistAndNoOther() {
        var measured = new java.util.HashSet<String>();
        for (Options part : Suite.CLIENTS.parts()) {
            for (String strategy : strategies(part)) {
                for (String client : part.getParameter("client").get()) {
                    DownloadBenchmark.checkCombination(strategy, client, "warm"); // throws for a pair that cannot exist
                    measured.add(strategy + "/" + client + "/" + part.getParameter("codes").get());
                }
            }
        }
        var expected = new java.util.HashSet<String>();
        for (var strategy : Strategies.all()) {
            for (var client : Clients.offering(strategy.call())) {
                expected.add(strategy.name() + "/" + client.name() + "/[pop20]");
                if (strategy.concurrency(2, 2) > 1) {
                    expected.add(strategy.name() + "/" + client.name() + "/[1000]");
                }
            }
        }
        assertThat(measured).isEqualTo(expected);
    }
}
