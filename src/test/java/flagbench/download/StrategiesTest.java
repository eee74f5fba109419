package flagbench.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrategiesTest {

    @Test
    void theBuiltInStrategiesInRegistrationOrder() {
        assertThat(Strategies.names())
                .containsSubsequence("sequential", "pool", "virtual", "bounded", "async", "async-limited");
        assertThat(Strategies.named("POOL")).isInstanceOf(FixedPool.class);
    }

    @Test
    void aStrategyRegisteredByOneLineIsThereToo() {
        // src/test/resources/META-INF/services/flagbench.download.Strategy registers Batches
        assertThat(Strategies.names()).contains("batches");
        assertThat(Strategies.named("batches")).isInstanceOf(Batches.class);
    }

    @Test
    void unknownNamesAndFewerThanOneWorkerAreRejected() {
        assertThatThrownBy(() -> Strategies.named("threads"))
                .hasMessageStartingWith("unknown strategy 'threads': use one of ")
                .hasMessageContaining("sequential, pool, virtual, bounded, async, async-limited");
        assertThatThrownBy(() -> Strategies.requireWorkers(0))
                .hasMessage("max workers must be from 1 to 100000, got 0");
        assertThatThrownBy(() -> Strategies.requireWorkers(10_000_000))
                .hasMessage("max workers must be from 1 to 100000, got 10000000");
        assertThatThrownBy(() -> Strategies.requireWorkers(-3)).hasMessageContaining("from 1 to 100000");
    }

    @ParameterizedTest(name = "{0} with n={1}, W={2} runs {3} at once")
    @CsvSource({
        "sequential, 20, 20, 1",
        "sequential, 194, 4, 1",
        "pool, 20, 20, 20",
        "pool, 194, 4, 4",
        "pool, 3, 20, 3",
        "virtual, 20, 1, 20",
        "virtual, 10000, 20, 10000",
        "bounded, 194, 4, 4",
        "bounded, 3, 20, 3",
        "async, 10000, 1, 10000",
        "async-limited, 194, 4, 4",
        "async-limited, 3, 20, 3",
    })
    void eachStrategySaysHowManyDownloadsItRunsAtOnce(String name, int n, int maxWorkers, int expected) {
        assertThat(Strategies.named(name).concurrency(n, maxWorkers)).isEqualTo(expected);
    }

    @Test
    void onlyTheLimitedStrategiesUseMaxWorkers() {
        assertThat(Strategies.all().stream().filter(Strategy::usesMaxWorkers).map(Strategy::name))
                .containsExactlyInAnyOrder("pool", "bounded", "async-limited", "reactive", "batches");
    }
}
