package flagbench.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "loopback",
                "rtt=50ms",
                "rtt=50ms+bandwidth=20mbit",
                "rtt=100ms+bandwidth=5mbit+jitter=5ms",
                "bandwidth=512kbit",
                "rtt=2.5ms",
                "rtt=1s+bandwidth=1gbit"
            })
    void eachWrittenFormReadsBackToItself(String text) {
        Network network = Network.parse(text);
        assertThat(Network.parse(network.text())).isEqualTo(network);
    }

    @Test
    void valuesAreReadInTheirUnits() {
        Network n = Network.parse("RTT=0.1s+bandwidth=20mbit+jitter=5ms");
        assertThat(n.rttMillis()).isEqualTo(100);
        assertThat(n.bitsPerSecond()).isEqualTo(20_000_000);
        assertThat(n.jitterMillis()).isEqualTo(5);
        assertThat(n.text()).isEqualTo("rtt=100ms+bandwidth=20mbit+jitter=5ms");
        assertThat(n.words()).isEqualTo("a 100 ms round trip (±5 ms) and 20 Mbit/s");
        assertThat(Network.parse("").loopback()).isTrue();
        assertThat(Network.parse("loopback").words()).isEqualTo("loopback");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "rtt=fast         | not a duration",
                "rtt=-5ms         | not a duration",
                "rtt=0ms          | an rtt of 0 is loopback",
                "rtt=50ms+rtt=60ms| given twice",
                "bandwidth=20     | not a rate",
                "bandwidth=1bit   | 8kbit..100gbit",
                "jitter=5ms       | give an rtt too",
                "rtt=10ms+jitter=6ms | 0..rtt/2",
                "delay=50ms       | use loopback"
            })
    void anythingElseIsOneLineSayingWhatToWrite(String text, String expected) {
        assertThatThrownBy(() -> Network.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected)
                .hasMessageNotContaining("\n");
    }

    @Test
    void slowStartAddsARoundTripPerDoublingBeyondTheInitialWindow() {
        assertThat(Network.slowStartRounds(14_600, Network.INITIAL_WINDOW_BYTES))
                .isZero();
        assertThat(Network.slowStartRounds(14_601, Network.INITIAL_WINDOW_BYTES))
                .isEqualTo(1);
        assertThat(Network.slowStartRounds(43_800, Network.INITIAL_WINDOW_BYTES))
                .isEqualTo(1); // 14.6 + 29.2
        assertThat(Network.slowStartRounds(43_801, Network.INITIAL_WINDOW_BYTES))
                .isEqualTo(2);
        assertThat(Network.slowStartRounds(267_092, Network.INITIAL_WINDOW_BYTES))
                .isEqualTo(4); // POP20 on one connection: 14.6·31 = 452.6 K
    }

    @Test
    void aDownloadCostsOneRoundTripWarmTwoColdAndOneMoreForTls() {
        Network n = Network.parse("rtt=100ms");
        assertThat(n.downloadMillis(9_000, false, 0)).isEqualTo(100);
        assertThat(n.downloadMillis(9_000, true, 0)).isEqualTo(200);
        assertThat(n.downloadMillis(9_000, true, 1)).isEqualTo(300);
        assertThat(n.downloadMillis(36_332, true, 1)).isEqualTo(400);
        assertThat(n.downloadMillis(36_332, false, 1))
                .as("a warm connection's window has grown")
                .isEqualTo(100);
        assertThat(Network.parse("rtt=100ms+bandwidth=8mbit").downloadMillis(10_000, false, 0))
                .isCloseTo(110, within(1e-9));
        assertThat(Network.LOOPBACK.downloadMillis(10_000, true, 1)).isZero();
    }
}
