package flagbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UslTest {

    /** Points of a known law at 25 · 2^(i/2) workers, i = 0 … count−1, each off by seeded noise (0.02 = 2 %). */
    private static List<double[]> points(Usl truth, int count, double noise, long seed) {
        var random = new Random(seed);
        var points = new ArrayList<double[]>();
        for (int i = 0; i < count; i++) {
            double w = Math.round(25 * Math.pow(2, i / 2.0));
            points.add(new double[] {w, truth.throughput(w) * (1 + noise * random.nextGaussian())});
        }
        return points;
    }

    @Test
    void recoversTheLawAndItsPeakFromNoisyPoints() {
        // one worker does 50/s (20 ms), 0.4 % serializes, coherency peaks the curve at √(0.996 / 2e-7) ≈ 2232 workers
        var truth = new Usl(50, 0.004, 2e-7, 0);
        for (long seed = 1; seed <= 5; seed++) {
            Usl fit = Usl.fit(points(truth, 14, 0.02, seed)).orElseThrow(); // 25 … 3200 workers
            assertThat(fit.lambda()).isCloseTo(50, within(5.0));
            // the top is flat, so the noise moves the peak's place far more than its height
            assertThat(fit.peak()).hasValueSatisfying(peak -> assertThat(peak).isBetween(2232 / 1.5, 2232 * 1.5));
            assertThat(fit.throughput(fit.peak().get()))
                    .isCloseTo(truth.throughput(2232), within(truth.throughput(2232) * 0.05));
            assertThat(fit.rms()).isBetween(0.005, 0.04); // the noise put in, not more
            assertThat(fit.poor()).isFalse();
        }
    }

    @Test
    void aCurveThatOnlyLevelsOffHasNoPeakWithinReach() {
        var truth = new Usl(50, 0.004, 0, 0); // levels off towards 50 / 0.004 = 12,500/s
        Usl fit = Usl.fit(points(truth, 12, 0, 1)).orElseThrow();
        assertThat(fit.sigma()).isCloseTo(0.004, within(0.0004));
        assertThat(fit.peak().map(peak -> peak > 10 * 1600.0).orElse(true)).isTrue();
        assertThat(fit.describe(1600, 11_000, 1600)).contains("levels off towards λ / σ ≈ 125");
    }

    @Test
    void saysWhenTheLawDoesNotFitAndNeedsFourWorkerCounts() {
        // a curve that rises, falls, rises again: no law of this shape comes near it
        var zigzag = List.of(
                new double[] {10, 500},
                new double[] {20, 100},
                new double[] {40, 2000},
                new double[] {80, 150},
                new double[] {160, 4000});
        Usl fit = Usl.fit(zigzag).orElseThrow();
        assertThat(fit.poor()).isTrue();
        assertThat(fit.describe(160, 4000, 160)).contains("too far off for its peak to mean much");
        assertThat(Usl.fit(zigzag.subList(0, 3))).isEmpty();
    }

    @Test
    void describesThePeakBesideTheBestMeasured() {
        var fit = new Usl(50, 0.004, 2e-7, 0.03);
        assertThat(fit.describe(2000, 8000, 4000))
                .contains("λ = 50.0/s a worker, σ = 0.0040, κ = 2.0e-07, 3.0 % RMS off the points")
                .contains("its peak: " + Math.round(fit.throughput(Math.sqrt(0.996 / 2e-7)))
                        + " downloads/s at 2232 workers (measured best: 8000 at 2000;");
        assertThat(fit.describe(200, 8000, 400)).contains("beyond the largest count measured");
    }
}
