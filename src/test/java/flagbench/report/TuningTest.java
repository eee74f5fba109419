package flagbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import flagbench.results.ResultRow;
import flagbench.results.RunFolder;
import flagbench.timing.Downstream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TuningTest {

    /** A point of a 4-rounds sweep at 100 ms: ideal min(W / L, 3000). */
    private static Tuning.Point p(int workers, double throughput) {
        double ideal = Math.min(workers * 10.0, 3_000);
        return new Tuning.Point(
                workers,
                4,
                throughput,
                throughput * 0.98,
                throughput * 1.02,
                ideal,
                ideal == 0 ? 0 : throughput / ideal,
                4L * workers * 5,
                0,
                0,
                0);
    }

    private static Tuning.Point failing(
            int workers, double throughput, long errors, long timeouts, long connectFailures) {
        Tuning.Point ok = p(workers, throughput);
        return new Tuning.Point(
                workers,
                4,
                throughput,
                ok.low(),
                ok.high(),
                ok.idealThroughput(),
                ok.efficiency(),
                ok.downloads(),
                errors,
                timeouts,
                connectFailures);
    }

    @Test
    void recommendsTheFewestWorkersWithinFivePercentOfTheBestThroughput() {
        // W* = 300: below it W / L, above it the ceiling, a little lower at 1200
        var curve = List.of(p(38, 370), p(75, 740), p(150, 1_460), p(300, 2_900), p(600, 2_950), p(1200, 2_860));
        Tuning tuning = Tuning.of("pool", "latency=100ms", 100, curve, 0.05, 3_100);
        assertThat(tuning.best().workers()).isEqualTo(600);
        assertThat(tuning.recommended().workers()).isEqualTo(300); // its interval's low end 2842 >= 0.95 * 2950
        var cpu = (TuningLimit.Cpu) tuning.limit();
        assertThat(cpu.level()).isEqualTo(2_950);
        assertThat(cpu.from()).isEqualTo(300);
        assertThat(cpu.ceiling()).isEqualTo(3_100);
        assertThat(cpu.fallsTo()).isNull();
        assertThat(tuning.verdict())
                .startsWith("CPU-bound: throughput levels off at about 2950 downloads/s from 300 workers")
                .contains("X_max at zero latency: 3100")
                .doesNotContain("underestimates");
        // a plateau well above the ceiling measured with few in flight, and one well below it (more in flight costs
        // more per download)
        assertThat(((TuningLimit.Cpu)
                                Tuning.of("pool", "", 100, curve, 0.05, 1_500).limit())
                        .plateauRatio())
                .isCloseTo(1.97, within(0.01));
        assertThat(Tuning.of("pool", "", 100, curve, 0.05, 5_900).verdict())
                .contains("the plateau is 0.50× X_max")
                .contains("overestimates the knee")
                .doesNotContain("underestimates");
        assertThat(Tuning.of("pool", "", 100, curve, 0.01, 3_100).recommended().workers())
                .isEqualTo(600);
        // six points: the scalability law's second opinion on where the curve peaks
        assertThat(tuning.usl()).isPresent();
        assertThat(tuning.render())
                .contains("Universal Scalability Law fitted to the points: λ = ")
                .contains("(measured best: 2950 at 600");
        assertThat(Tuning.of("pool", "", 100, curve.subList(0, 3), 0.05, 3_100).render())
                .doesNotContain("Scalability");
    }

    @Test
    void aPointOnlyWithinTheToleranceByItsEstimateIsNotRecommended() {
        // 2850 is within 5 % of 2950, but its interval reaches down to 2793, below 2802.5: it may be the shoulder
        var curve = List.of(p(150, 1_460), p(300, 2_850), p(600, 2_950), p(1200, 2_940));
        assertThat(Tuning.of("pool", "", 100, curve, 0.05, Double.NaN)
                        .recommended()
                        .workers())
                .isEqualTo(600);
        assertThat(Tuning.of("pool", "", 100, curve, 0.05, Double.NaN).render())
                .contains("the fewest whose 95 % interval stays within 5 % of the best throughput (2950 downloads/s).");
        // a tolerance tighter than every interval leaves the best itself
        assertThat(Tuning.of("pool", "", 100, curve, 0.001, Double.NaN)
                        .recommended()
                        .workers())
                .isEqualTo(600);
    }

    /**
     * A point whose {@code forks} forks of 10 operations take {@code millis} ms each on average, for
     * {@code 4 · workers} downloads, with {@code noise} (0.03 = 3 %) between forks and as much within: seeded.
     */
    private static Tuning.Point sampled(int workers, double millis, int forks, double noise, java.util.Random random) {
        double[][] samples = new double[forks][10];
        for (double[] fork : samples) {
            double forkMean = millis * (1 + noise * random.nextGaussian());
            java.util.Arrays.setAll(fork, i -> forkMean * (1 + noise * random.nextGaussian()));
        }
        double throughput = 4.0 * workers / Statistics.mean(samples) * 1000;
        return new Tuning.Point(
                workers,
                4,
                throughput,
                throughput * 0.97,
                throughput * 1.03,
                Double.NaN,
                Double.NaN,
                40L * workers * forks,
                0,
                0,
                0,
                0,
                Double.NaN,
                new Tuning.Samples(4 * workers, samples));
    }

    @Test
    void givesEachPointsThroughputAgainstTheBestWithAnIntervalFromBothPointsSamples() {
        var random = new java.util.Random(42);
        // true throughputs: 400 in 100 ms = 4000/s; 800 in 180 ms = 4444/s (the best); 1600 in 400 ms = 4000/s
        var curve = List.of(
                sampled(100, 100, 4, 0.03, random),
                sampled(200, 180, 4, 0.03, random),
                sampled(400, 400, 4, 0.03, random));
        Tuning tuning = Tuning.of("pool", "", 100, curve, 0.05, Double.NaN);
        assertThat(tuning.best().workers()).isEqualTo(200);
        assertThat(tuning.ratioToBest(tuning.best())).isEmpty();
        for (Tuning.Point p : List.of(curve.get(0), curve.get(2))) {
            var ratio = tuning.ratioToBest(p).orElseThrow();
            assertThat(ratio.contains(0.9))
                    .as("%s contains the true ratio 0.9", ratio)
                    .isTrue();
            assertThat(ratio.high()).as("excludes 1").isLessThan(1);
            assertThat(ratio.low()).as("not wider than the noise allows").isGreaterThan(0.8);
            assertThat(ratio.contains(p.throughput() / tuning.best().throughput()))
                    .isTrue();
        }
        assertThat(tuning.render())
                .contains("| 1 (best) |")
                .containsPattern("\\| 100 \\| 4 \\| \\d+ \\[\\d+, \\d+\\] \\| 0\\.\\d\\d \\[0\\.");
        // points made by hand have no samples: the ratio without an interval
        assertThat(Tuning.of("pool", "", 100, List.of(p(150, 1_460), p(300, 2_920)), 0.05, Double.NaN)
                        .render())
                .contains("| 0.50 |");
    }

    @Test
    void aRecommendationBelowTheBestShowsHowCloseItIsAndANoisyBestSaysItIsOnlyTheBest() {
        var random = new java.util.Random(7);
        // 400 in 100 ms = 4000/s and 800 in 198 ms = 4040/s: the cheaper point is 0.99 of the best
        var close = List.of(sampled(100, 100, 4, 0.01, random), sampled(200, 198, 4, 0.01, random));
        Tuning tuning = Tuning.of("pool", "", 100, close, 0.05, Double.NaN);
        assertThat(tuning.recommended().workers()).isEqualTo(100);
        assertThat(tuning.render())
                .containsPattern(
                        "Recommended maxWorkers: \\*\\*100\\*\\*, .*\\(\\d+ downloads/s, 0\\.9\\d× \\[0\\.9\\d, \\d\\.\\d\\d\\] the best: \\d+ at 200 workers\\)");
        var noisy = List.of(p(150, 1_460), new Tuning.Point(300, 4, 2_950, 2_500, 3_300, 3_000, 0.98, 9_600, 0, 0, 0));
        assertThat(Tuning.of("pool", "", 100, noisy, 0.05, Double.NaN).render())
                .contains(
                        "(2950 downloads/s; no interval stays that close, not even the best's own, so the best itself");
    }

    @Test
    void aPlateauNoisierThanTheToleranceSaysSo() {
        var quiet = List.of(p(150, 1_460), p(300, 2_850), p(600, 2_950)); // intervals of ±2 %
        assertThat(Tuning.of("pool", "", 100, quiet, 0.05, Double.NaN).render()).doesNotContain("Noise:");
        var noisy = List.of(
                p(150, 1_460),
                p(300, 2_950),
                new Tuning.Point(600, 4, 2_850, 2_500, 3_200, 3_000, 0.95, 9_600, 0, 0, 0));
        Tuning tuning = Tuning.of("pool", "", 100, noisy, 0.05, Double.NaN);
        assertThat(tuning.plateauNoise())
                .isCloseTo(0.123, org.assertj.core.api.Assertions.within(0.001)); // the median of 12.3 % and 2 %
        assertThat(tuning.render()).contains("Noise: from 300 workers up, the points' 95 % intervals reach ±12 %");
    }

    @Test
    void aCurveThatFallsPastItsBestSaysSo() {
        var curve = List.of(p(150, 1_460), p(300, 2_850), p(600, 2_000));
        var cpu = (TuningLimit.Cpu)
                Tuning.of("pool", "", 100, curve, 0.05, Double.NaN).limit();
        assertThat(cpu.fallsTo().workers()).isEqualTo(600);
        assertThat(cpu.sentence())
                .contains("past 300 workers it falls (-30% at 600)")
                .doesNotContain("X_max");
    }

    @Test
    void aCurveStillRisingAtItsEndIsLatencyBound() {
        var curve = List.of(p(1, 10), p(2, 20), p(4, 39));
        Tuning tuning = Tuning.of("bounded", "latency=100ms", 100, curve, 0.05, Double.NaN);
        assertThat(tuning.recommended().workers()).isEqualTo(4);
        assertThat(tuning.limit()).isInstanceOfSatisfying(TuningLimit.StillRising.class, rising -> {
            assertThat(rising.before().workers()).isEqualTo(2);
            assertThat(rising.last().workers()).isEqualTo(4);
        });
        assertThat(tuning.verdict()).contains("+95% from 2 to 4");
        assertThat(((TuningLimit.StillRising) tuning.limit()).sure()).isTrue();
    }

    @Test
    void aLastRiseWithinTheNoiseIsNotCalledARise() {
        // a dense check of a plateau (results/20261203-141730-vm): the best is the last point, +9 % on the one before,
        // but the two intervals overlap
        var curve = List.of(
                new Tuning.Point(538, 4, 10_400, 9_474, 11_834, 13_334, 0.78, 4L * 538 * 5, 0, 0, 0),
                new Tuning.Point(640, 4, 10_535, 8_790, 11_904, 13_334, 0.79, 4L * 640 * 5, 0, 0, 0),
                new Tuning.Point(761, 4, 11_457, 9_848, 12_746, 13_334, 0.86, 4L * 761 * 5, 0, 0, 0));
        var rising = (TuningLimit.StillRising) Tuning.of("bounded", "latency=20ms", 20, curve, 0.05, Double.NaN)
                .limit();
        assertThat(rising.sure()).isFalse();
        assertThat(rising.last().workers()).isEqualTo(761);
        assertThat(rising.sentence())
                .startsWith("highest at the largest count tried, but within the noise (+9% from 640 to 761");
    }

    @Test
    void oneRoundForEveryCountIsBoundByTheCodeSet() {
        var one = List.of(
                new Tuning.Point(194, 1, 1_900, 1_850, 1_950, 1_940, 0.98, 194, 0, 0, 0),
                new Tuning.Point(256, 1, 1_905, 1_850, 1_950, 1_940, 0.98, 194, 0, 0, 0));
        assertThat(Tuning.of("pool", "", 100, one, 0.05, Double.NaN).limit())
                .isEqualTo(new TuningLimit.CodeSet(256)); // the best
    }

    @Test
    void failingDownloadsAreNamedAndKeptOutOfTheRecommendation() {
        var curve = List.of(
                p(150, 1_460), p(300, 2_850), failing(600, 3_500, 400, 380, 0), failing(1200, 3_600, 900, 100, 700));
        Tuning tuning = Tuning.of("pool", "", 100, curve, 0.05, Double.NaN);
        assertThat(tuning.recommended().workers()).isEqualTo(300);
        assertThat(tuning.limit())
                .isEqualTo(new TuningLimit.Failures(curve.get(2), TuningLimit.Failures.Cause.TIMEOUTS));
        assertThat(tuning.verdict())
                .startsWith("limited by timeouts: from 600 workers 3.3 % of downloads failed (380 timeouts");
        var connections = List.of(p(150, 1_460), failing(300, 2_850, 500, 0, 450));
        assertThat(((TuningLimit.Failures) Tuning.of("pool", "", 100, connections, 0.05, Double.NaN)
                                .limit())
                        .cause())
                .isEqualTo(TuningLimit.Failures.Cause.CONNECTIONS);
    }

    /** A point that got {@code refused} of its downloads refused, its throughput counting the others only. */
    private static Tuning.Point refusing(int workers, double throughput, long refused) {
        Tuning.Point ok = p(workers, throughput);
        return new Tuning.Point(
                workers,
                4,
                throughput,
                ok.low(),
                ok.high(),
                ok.idealThroughput(),
                ok.efficiency(),
                ok.downloads(),
                refused,
                0,
                0,
                refused,
                Double.NaN,
                Tuning.Samples.NONE);
    }

    @Test
    void aCapacityReachedIsTheDownstreamsBound() {
        // capacity 50 at 100 ms: at most 500/s; past 50 workers the others wait in the queue
        var curve = List.of(p(12, 120), p(25, 249), p(50, 492), p(100, 498), p(200, 497));
        var capacity = new Downstream(50, -1, Downstream.Overload.STATUS_503, 0);
        Tuning tuning = Tuning.of("bounded", "", 100, curve, 0.05, 5_000, capacity);
        assertThat(tuning.recommended().workers()).isEqualTo(50);
        assertThat(tuning.limit()).isEqualTo(new TuningLimit.DownstreamBound(capacity, 500, 498, 50, null));
        assertThat(tuning.verdict())
                .startsWith("bound by the downstream: capacity 50")
                .endsWith("only wait in the server's queue");
        assertThat(tuning.render()).contains("MAX_WORKERS ≈ 500 downloads/s · 100 ms ≈ 50;");
        // the same curve against a server without limits is the CPU's
        assertThat(Tuning.of("bounded", "", 100, curve, 0.05, 5_000).limit()).isInstanceOf(TuningLimit.Cpu.class);
    }

    @Test
    void aRateLimitThatRefusesIsTheDownstreamsBoundAndItsRefusalsStayOutOfTheRecommendation() {
        var rate = new Downstream(0, -1, Downstream.Overload.STATUS_503, 300);
        var curve = List.of(p(8, 80), p(15, 150), p(30, 296), refusing(60, 300, 600), refusing(120, 300, 1_800));
        Tuning tuning = Tuning.of("pool", "", 100, curve, 0.05, 5_000, rate);
        assertThat(tuning.recommended().workers()).isEqualTo(30);
        assertThat(tuning.limit()).isInstanceOfSatisfying(TuningLimit.DownstreamBound.class, d -> {
            assertThat(d.bound()).isEqualTo(300);
            assertThat(d.refusedFrom().workers()).isEqualTo(60);
        });
        assertThat(tuning.verdict())
                .contains("rate limit 300/s")
                .contains("more workers only get 429 (from 60 workers 50.0 % of downloads refused;");
    }

    @Test
    void readsACurveFromARunFolder() {
        RunFolder fixture = RunFolder.read(Path.of("src/test/resources/flagbench/report/fixture-run"));
        Tuning tuning = Tuning.of(fixture, "pool", 0.05);
        assertThat(tuning.points()).extracting(Tuning.Point::workers).containsExactly(4, 20);
        assertThat(tuning.recommended().workers()).isEqualTo(20);
        // 20 codes in 513.5 ms: 38.9 downloads/s; the ideal 20 / 500 ms = 40/s
        assertThat(tuning.render())
                .contains("| 4 | 5 | 39 [")
                .contains("| 40 | 0.97 | 0 |")
                .contains("Recommended maxWorkers: **20**");
        assertThat(tuning.limit()).isInstanceOf(TuningLimit.CodeSet.class);
        assertThatThrownBy(() -> Tuning.of(fixture, "sequential", 0.05)).hasMessageContaining("one worker count");
        assertThatThrownBy(() -> Tuning.of(fixture, "async", 0.05))
                .hasMessageContaining("no rows for strategy 'async'");
    }

    @Test
    void withTheCeilingMeasuredItGivesLittlesRuleForOtherLatencies() {
        var curve = List.of(p(150, 1_460), p(300, 2_850), p(600, 2_950));
        Tuning tuning = Tuning.of("pool", "", 100, curve, 0.05, 3_000);
        assertThat(tuning.workersFor(100)).isEqualTo(300);
        assertThat(tuning.render())
                .contains("X_max ≈ 3000 downloads/s")
                .contains("MAX_WORKERS ≈ X_max · L ≈ 30 at 10 ms, 300 at 100 ms, 3000 at 1 s");
        assertThat(Tuning.of("pool", "", 100, curve, 0.05, Double.NaN).render()).doesNotContain("X_max");
    }

    private static ResultRow warmedUp(int workers, double warmupMillis, double busy) {
        var params = new java.util.TreeMap<>(
                java.util.Map.of("strategy", "pool", "maxWorkers", "" + workers, "latency", "20ms"));
        var secondary = new java.util.TreeMap<String, double[][]>();
        secondary.put("warmupMillis", new double[][] {{warmupMillis, warmupMillis}});
        secondary.put("warmupBusy", new double[][] {{busy, busy}});
        return new ResultRow("downloadMany", params, "ms/op", new double[][] {{100, 100}}, secondary);
    }

    @Test
    void saysHowLongTheForksWarmedUpAndWhetherAnyStoppedBusy() {
        assertThat(RunCurve.warmup(List.of(warmedUp(10, 12_400, 0), warmedUp(20, 31_000, 0))))
                .contains("until the JIT compilers of client and server were quiet (12–31 s), then measured");
        assertThat(RunCurve.warmup(List.of(warmedUp(10, 12_400, 0), warmedUp(20, 90_000, 1))))
                .contains("(12–90 s); 1 stopped at the limit with the compilers still busy");
        assertThat(RunCurve.warmup(List.of(warmedUp(10, 0, 0)))).isEmpty(); // a suite's fixed warm-up: nothing to say
    }
}
