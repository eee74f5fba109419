package flagbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TuningTest {

    private static Tuning.Point p(int workers, double millis, double ideal) {
        return new Tuning.Point(workers, millis, 1, ideal, ideal / millis, (int) Math.round(ideal / 50));
    }

    @Test
    void recommendsTheFewestWorkersWithinFivePercentOfTheBest() {
        // 194 downloads at 50 ms: ideal ceil(194/W) * 50
        var curve = List.of(p(1, 9800, 9700), p(8, 1300, 1250), p(16, 720, 650), p(32, 520, 350),
                p(64, 505, 200), p(128, 500, 100));
        Tuning tuning = Tuning.of("pool", "latency=50ms", curve, 0.05);
        assertThat(tuning.recommended().workers()).isEqualTo(32);
        assertThat(tuning.bound()).startsWith("CPU-bound");
    }

    @Test
    void aCurveThatStillFallsIsLatencyBound() {
        var curve = List.of(p(1, 9800, 9700), p(2, 4950, 4850), p(4, 2500, 2450));
        Tuning tuning = Tuning.of("bounded", "latency=50ms", curve, 0.05);
        assertThat(tuning.recommended().workers()).isEqualTo(4);
        assertThat(tuning.bound()).startsWith("latency-bound: time still falls");
    }

    @Test
    void aCurveThatFallsFarLessThanTheIdealIsNearingTheCpuBound() {
        var curve = List.of(p(32, 400, 350), p(64, 300, 200), p(128, 270, 100));
        assertThat(Tuning.of("pool", "", curve, 0.05).bound()).startsWith("nearing the CPU bound").contains("-10%").contains("-50%");
    }

    @Test
    void aFlatIdealIsOneRound() {
        var flat = List.of(p(20, 110, 100), p(32, 111, 100));
        assertThat(Tuning.of("pool", "", flat, 0.05).bound()).startsWith("latency-bound: every download already fits");
        var rising = List.of(p(20, 110, 100), p(32, 140, 100));
        assertThat(Tuning.of("pool", "", rising, 0.05).bound()).startsWith("CPU-bound: every download already fits");
    }

    @Test
    void readsACurveFromARunFolder() {
        RunFolder fixture = RunFolder.read(Path.of("src/test/resources/flagbench/report/fixture-run"));
        Tuning tuning = Tuning.of(fixture, "pool", 0.05);
        assertThat(tuning.points()).extracting(Tuning.Point::workers).containsExactly(4, 20);
        assertThat(tuning.recommended().workers()).isEqualTo(20);
        assertThat(tuning.render()).contains("| 4 | 513.5 ± 5.5 | 500 | 0.97 |").contains("Recommended maxWorkers: **20**");
        assertThat(tuning.bound()).contains("every download fits in one round; more cannot help");
        assertThatThrownBy(() -> Tuning.of(fixture, "sequential", 0.05)).hasMessageContaining("one worker count");
        assertThatThrownBy(() -> Tuning.of(fixture, "async", 0.05)).hasMessageContaining("no rows for strategy 'async'");
    }

    @Test
    void withTheCeilingMeasuredItGivesLittlesRuleForOtherLatencies() {
        var curve = List.of(p(32, 400, 350), p(64, 300, 200), p(128, 270, 100));
        Tuning tuning = Tuning.of("pool", "", curve, 0.05, 3_000);
        assertThat(tuning.workersFor(100)).isEqualTo(300);
        assertThat(tuning.render()).contains("X_max ≈ 3000 downloads/s")
                .contains("MAX_WORKERS ≈ X_max · L ≈ 30 at 10 ms, 300 at 100 ms, 3000 at 1 s");
        assertThat(Tuning.of("pool", "", curve, 0.05).render()).doesNotContain("X_max");
    }
}
