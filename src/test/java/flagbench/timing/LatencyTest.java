package flagbench.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencyTest {

    @Test
    void parsesEveryForm() {
        assertThat(Latency.parse("none")).isEqualTo(Latency.NONE);
        assertThat(Latency.parse("0")).isEqualTo(Latency.NONE);
        assertThat(Latency.parse("100ms")).isEqualTo(new Latency.Fixed(100));
        assertThat(Latency.parse("2s")).isEqualTo(new Latency.Fixed(2000));
        assertThat(Latency.parse("0.5s")).isEqualTo(new Latency.Fixed(500));
        assertThat(Latency.parse("500ms..5s")).isEqualTo(new Latency.Uniform(500, 5000));
        assertThat(Latency.parse("lognormal:100ms:0.5")).isEqualTo(new Latency.LogNormal(100, 0.5));
    }

    @Test
    void textReadsBackToTheSameModel() {
        for (String text : new String[] {"0", "250ms", "1s..3s", "lognormal:80ms:0.25"}) {
            Latency latency = Latency.parse(text);
            assertThat(Latency.parse(latency.text())).isEqualTo(latency);
        }
    }

    @Test
    void rejectsNegativeAndMalformedLatencies() {
        assertThatThrownBy(() -> Latency.parse("-5ms")).hasMessageContaining("negative");
        assertThatThrownBy(() -> Latency.parse("5s..1s")).hasMessageContaining("must go up");
        assertThatThrownBy(() -> Latency.parse("fast")).hasMessageContaining("'fast' is not a latency");
        assertThatThrownBy(() -> Latency.parse("lognormal:100ms")).hasMessageContaining("lognormal:MEDIAN:SIGMA");
        assertThatThrownBy(() -> Latency.parse("lognormal:100ms:x")).hasMessageContaining("sigma");
    }

    @Test
    void uniformStaysInItsRangeAndCoversIt() {
        var uniform = new Latency.Uniform(500, 5000);
        long[] draws = LongStream.range(0, 10_000)
                .map(n -> uniform.sampleMillis(Draws.nth(7, n)))
                .toArray();
        assertThat(Arrays.stream(draws).min().orElseThrow()).isBetween(500L, 600L);
        assertThat(Arrays.stream(draws).max().orElseThrow()).isBetween(4900L, 5000L);
        assertThat(Arrays.stream(draws).average().orElseThrow()).isCloseTo(uniform.meanMillis(), within(100.0));
    }

    @Test
    void logNormalHasItsMedian() {
        var logNormal = new Latency.LogNormal(100, 0.5);
        long[] draws = LongStream.range(0, 10_001)
                .map(n -> logNormal.sampleMillis(Draws.nth(3, n)))
                .sorted()
                .toArray();
        assertThat(draws[5000]).isBetween(90L, 110L);
        assertThat(Arrays.stream(draws).average().orElseThrow()).isCloseTo(logNormal.meanMillis(), within(5.0));
    }

    @Test
    void theSameSeedGivesTheSameDraws() {
        var uniform = new Latency.Uniform(0, 1_000_000);
        assertThat(uniform.sampleMillis(Draws.nth(42, 9))).isEqualTo(uniform.sampleMillis(Draws.nth(42, 9)));
        assertThat(uniform.sampleMillis(Draws.nth(42, 9))).isNotEqualTo(uniform.sampleMillis(Draws.nth(43, 9)));
    }
}
