package flagbench.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsMillisecondsAndSeconds() {
        assertThat(Durations.timeout("3.1s")).isEqualTo(Duration.ofMillis(3100));
        assertThat(Durations.timeout("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.timeout("250")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.timeout(" 30S ")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aBadTimeoutSpeaksOfTimeoutsNotLatencies() {
        assertThatThrownBy(() -> Durations.timeout("fast"))
                .hasMessage("'fast' is not a timeout: use a duration such as 3.1s, 500ms or 30s");
        assertThatThrownBy(() -> Durations.timeout("0")).hasMessage("a timeout must be at least 1ms, got '0'");
        assertThatThrownBy(() -> Durations.timeout("-2s")).hasMessageContaining("at least 1ms");
        assertThatThrownBy(() -> Durations.timeout("0.0004s")).hasMessageContaining("at least 1ms");
    }
}
