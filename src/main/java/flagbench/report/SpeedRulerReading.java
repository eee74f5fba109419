package flagbench.report;

import flagbench.results.Counter;
import flagbench.results.ResultRow;
import flagbench.results.RunFolder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A run's speed ruler, as its forks measured it (the benchmark's {@code rulerBeforeNanos} and {@code rulerAfterNanos}: a
 * fixed sort, before each trial's samples and after them). The trial is the unit: its two measurements are its samples.
 * The run's ruler is their mean with a bootstrap interval over trials; its drift is the change from the befores to the
 * afters, with an interval: a machine that slowed during the run shows there, whatever the code did.
 *
 * <p>Runs made since the readings between samples ({@code rulerNanos}, a short sort after every measured iteration) set
 * their machines against each other by those: a trial's many readings, the trial still the unit. Most of the before and
 * after readings' spread was their own noise (a trial's two hardly agreed), which many readings average away, so the
 * ratio of two machines, and every change with the machine allowed for, is narrower.
 *
 * @param trials in ms, one {before, after} pair a trial (row and fork)
 * @param between in ms, a trial's readings between its samples; none for a run made before them
 */
public record SpeedRulerReading(double[][] trials, double[][] between) {

    /** A reading of a run made before the readings between samples. */
    public SpeedRulerReading(double[][] trials) {
        this(trials, new double[0][]);
    }

    /** A drift within this many percent is noise, as {@link Comparison}'s default threshold. */
    static final double QUIET_PERCENT = 3;

    /** The ruler of a run made with one; empty for runs made before it existed. */
    public static Optional<SpeedRulerReading> of(RunFolder run) {
        List<double[]> trials = new ArrayList<>();
        List<double[]> between = new ArrayList<>();
        for (ResultRow row : run.rows()) {
            double[][] before = row.secondary(Counter.rulerBeforeNanos);
            double[][] after = row.secondary(Counter.rulerAfterNanos);
            for (int fork = 0; fork < Math.min(before.length, after.length); fork++) {
                double b = max(before[fork]), a = max(after[fork]);
                if (b > 0 && a > 0) {
                    trials.add(new double[] {b / 1e6, a / 1e6});
                }
            }
            for (double[] fork : row.secondary(Counter.rulerNanos)) {
                double[] readings =
                        Arrays.stream(fork).filter(x -> x > 0).map(x -> x / 1e6).toArray();
                if (readings.length > 0) {
                    between.add(readings);
                }
            }
        }
        return trials.isEmpty()
                ? Optional.empty()
                : Optional.of(new SpeedRulerReading(trials.toArray(double[][]::new), between.toArray(double[][]::new)));
    }

    /** The reading without its readings between samples: what it is set against a run made before them by. */
    SpeedRulerReading withoutBetween() {
        return new SpeedRulerReading(trials);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    public double meanMillis() {
        return Statistics.mean(trials);
    }

    public Statistics.Interval interval() {
        return Statistics.meanInterval(trials, 0.95, Statistics.random(Comparison.SEED, "ruler"));
    }

    /** The afters against the befores, in percent (+5: the machine was 5 % slower after the samples). */
    public Statistics.Interval drift() {
        double[][] before = Arrays.stream(trials).map(t -> new double[] {t[0]}).toArray(double[][]::new);
        double[][] after = Arrays.stream(trials).map(t -> new double[] {t[1]}).toArray(double[][]::new);
        return Statistics.changeInterval(before, after, 0.95, Statistics.random(Comparison.SEED, "ruler drift"));
    }

    /** Whether the machine moved during the run by more than the noise: its drift judged as {@link #pace} judges. */
    public boolean drifted() {
        return pace(driftPercent(), drift()) != Comparison.Verdict.SAME;
    }

    /**
     * One machine's speed against another's (or the same machine's after against before), by their rulers: slower
     * (faster) when the change's interval leaves out 0 and the change is at least {@value #QUIET_PERCENT} %, by the rule
     * that judges a row ({@link Comparison#verdict}). Asking for the whole interval beyond 3 % would call a machine
     * +5.0 % [+2.4, +7.6] slower "within the noise". Never {@code UNDECIDED}: a ruler's trials are many.
     */
    public static Comparison.Verdict pace(double changePercent, Statistics.Interval interval) {
        return Comparison.verdict(changePercent, interval, QUIET_PERCENT, Comparison.MIN_FORKS);
    }

    /** This ruler against {@code base}'s, in percent (+6: this machine was 6 % slower), with an interval over both runs' trials. */
    public Statistics.Interval against(SpeedRulerReading base) {
        return Statistics.changeInterval(base.trials, trials, 0.95, Statistics.random(Comparison.SEED, "ruler vs"));
    }

    /**
     * How much slower one machine ran than another by their rulers: {@code point} the ratio of the means (1.06: 6 % slower),
     * {@code low} and {@code high} its 95 % interval.
     */
    public record Ratio(double point, double low, double high, Readings readings) {

        /** Which readings set the two machines against each other, and what they read (ms). */
        public record Readings(boolean between, double millis, double baseMillis) {}
    }

    /**
     * {@code other}'s ruler against {@code base}'s, when both runs measured one and it was the same measurement
     * (machine.json's {@code speedRuler}); empty otherwise, or when they are the same run.
     */
    public static Optional<Ratio> ratio(RunFolder base, RunFolder other) {
        if (base == other || !sameRuler(base, other)) {
            return Optional.empty();
        }
        var a = of(base);
        var b = of(other);
        if (a.isEmpty() || b.isEmpty()) {
            return Optional.empty();
        }
        var between = base.machineValue("/speedRulerBetweenSamples");
        if (between.isEmpty() || !between.equals(other.machineValue("/speedRulerBetweenSamples"))) {
            return Optional.of(b.get().withoutBetween().ratioTo(a.get().withoutBetween()));
        }
        return Optional.of(b.get().ratioTo(a.get()));
    }

    /**
     * This ruler against {@code base}'s as a ratio (1.06: this machine was 6 % slower), with its 95 % interval: by the
     * readings between samples where both runs have them, by the readings before and after the samples otherwise.
     */
    public Ratio ratioTo(SpeedRulerReading base) {
        boolean byBetween = between.length > 0 && base.between.length > 0;
        double[][] readings = byBetween ? between : trials;
        double[][] baseReadings = byBetween ? base.between : base.trials;
        var change = byBetween
                ? Statistics.changeInterval(
                        baseReadings, readings, 0.95, Statistics.random(Comparison.SEED, "ruler between vs"))
                : against(base);
        double millis = Statistics.mean(readings);
        double baseMillis = Statistics.mean(baseReadings);
        return new Ratio(
                millis / baseMillis,
                1 + change.low() / 100,
                1 + change.high() / 100,
                new Ratio.Readings(byBetween, millis, baseMillis));
    }

    /** Whether two runs' machine.json name the same ruler, so that their readings can be set against each other. */
    static boolean sameRuler(RunFolder a, RunFolder b) {
        var definition = a.machineValue("/speedRuler");
        return definition.isPresent() && definition.equals(b.machineValue("/speedRuler"));
    }

    /** The drift's estimate: the mean after over the mean before, in percent. */
    public double driftPercent() {
        double before = Arrays.stream(trials).mapToDouble(t -> t[0]).average().orElse(Double.NaN);
        double after = Arrays.stream(trials).mapToDouble(t -> t[1]).average().orElse(Double.NaN);
        return (after / before - 1) * 100;
    }

    /** The report's line. */
    public String describe() {
        var i = interval();
        var d = drift();
        return String.format(
                        Locale.ROOT,
                        "Speed ruler (a fixed sort, before and after each trial's samples): %.2f ms [%.2f, %.2f] over %d"
                                + " trials; after against before %+.1f %% [%+.1f, %+.1f]%s.%n",
                        meanMillis(),
                        i.low(),
                        i.high(),
                        trials.length,
                        driftPercent(),
                        d.low(),
                        d.high(),
                        drifted()
                                ? ": **the machine's speed moved during the run** by more than the noise; rows measured late and early differ"
                                        + " by the machine as well as the code"
                                : "")
                + describeBetween();
    }

    /** The readings between samples, where the run has them: what sets its machine against another's. */
    private String describeBetween() {
        if (between.length == 0) {
            return "";
        }
        var i = Statistics.meanInterval(between, 0.95, Statistics.random(Comparison.SEED, "ruler between"));
        return String.format(
                Locale.ROOT,
                "Between samples (a shorter sort after each): %.2f ms [%.2f, %.2f] over %d readings in %d trials, what"
                        + " compare sets two machines' speeds by.%n",
                Statistics.mean(between),
                i.low(),
                i.high(),
                Arrays.stream(between).mapToInt(t -> t.length).sum(),
                between.length);
    }
}
