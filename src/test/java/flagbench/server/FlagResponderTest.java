package flagbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlagResponderTest {

    @Test
    void anAnswerNeverLeavesBeforeItsPlaceInTheCapacityIsFree() {
        assertThat(FlagResponder.answerDelayMillis(50, 0)).isEqualTo(50); // no wait: the service time alone
        assertThat(FlagResponder.answerDelayMillis(50, 1_000_000)).isEqualTo(51); // a whole millisecond stays one
        assertThat(FlagResponder.answerDelayMillis(50, 1_400_000))
                .isEqualTo(52); // 51.4 ms would leave 0.4 ms early at 51
        assertThat(FlagResponder.answerDelayMillis(50, 1)).isEqualTo(51);
        for (long wait = 0; wait < 5_000_000; wait += 7_919) {
            assertThat(FlagResponder.answerDelayMillis(50, wait) * 1_000_000).isGreaterThanOrEqualTo(50_000_000 + wait);
        }
    }
}
