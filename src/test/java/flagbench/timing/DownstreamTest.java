package flagbench.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DownstreamTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "none",
                "capacity=50",
                "capacity=50+queue=0+overload=close",
                "capacity=8+queue=100+overload=429",
                "rate=300/s",
                "rate=2.5/s",
                "capacity=50+rate=300/s"
            })
    void itsTextReadsBackToItself(String text) {
        assertThat(Downstream.parse(text).text()).isEqualTo(text);
        assertThat(Downstream.parse(Downstream.parse(text).text())).isEqualTo(Downstream.parse(text));
    }

    @ParameterizedTest
    @CsvSource({
        "capacity=50, 100, 500",
        "rate=300/s, 100, 300",
        "capacity=50+rate=300/s, 100, 300",
        "capacity=50+rate=300/s, 500, 100"
    })
    void itsBoundIsTheLowerOfCapacityOverLatencyAndTheRate(String text, double latencyMillis, double bound) {
        assertThat(Downstream.parse(text).throughputBound(latencyMillis)).hasValue(bound);
    }

    @ParameterizedTest
    @CsvSource({
        "capacity=50, 200, 100, 400",
        "capacity=50, 236, 100, 500",
        "rate=300/s, 600, 100, 2000",
        "capacity=50+rate=300/s, 236, 100, 786.67",
        "capacity=50+rate=300/s, 236, 500, 2500"
    })
    void aBatchTakesWholeRoundsOfTheCapacityAndItsTokens(String text, int n, double latencyMillis, double millis) {
        assertThat(Downstream.parse(text).batchMillis(n, latencyMillis))
                .isCloseTo(millis, org.assertj.core.api.Assertions.within(0.01));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "capacity=0",
                "capacity=-1",
                "capacity=2000000",
                "queue=5",
                "capacity=5+overload=429",
                "overload=teapot",
                "rate=0/s",
                "rate=fast",
                "capacity=lots",
                "capacity=5+capacity=6",
                "speed=3"
            })
    void nonsenseIsOneLine(String text) {
        assertThatThrownBy(() -> Downstream.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").isNotBlank());
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "0"})
    void withoutLimitsThereIsNoBound(String latency) {
        assertThat(Downstream.NONE.throughputBound(100)).isEmpty();
        assertThat(Downstream.parse("capacity=5")
                        .throughputBound(Latency.parse(latency).meanMillis()))
                .isEmpty();
    }
}
