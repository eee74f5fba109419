package flagbench.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StrategiesTest {

    @Test
    void theFiveStrategiesByName() {
        assertThat(Strategies.names()).containsExactly("sequential", "pool", "virtual", "bounded", "async");
        assertThat(Strategies.create("POOL", 4)).isInstanceOf(FixedPool.class);
    }

    @Test
    void unknownNamesAndFewerThanOneWorkerAreRejected() {
        assertThatThrownBy(() -> Strategies.create("threads", 4))
                .hasMessage("unknown strategy 'threads': use one of sequential, pool, virtual, bounded, async");
        assertThatThrownBy(() -> Strategies.create("pool", 0)).hasMessage("max workers must be at least 1, got 0");
        assertThatThrownBy(() -> Strategies.create("bounded", -3)).hasMessageContaining("at least 1");
    }
}
