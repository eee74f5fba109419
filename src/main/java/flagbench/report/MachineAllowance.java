package flagbench.report;

/**
 * A change with the machine's speed allowed for. The part of each sample above what the machine does not scale (the
 * time's latency bound, rounds × latency, {@link flagbench.results.ResultRow#idealMillis}; none of a CPU time: {@link
 * Metric#unscaled}) is the CPU's: it is divided by the ratio of the two runs'
 * speed rulers, and the change taken again. The interval is the union of the intervals at the ruler ratio's point and
 * at both ends of its interval, so a ruler that cannot tell the machines apart widens it rather than moving it.
 * {@code level} is the confidence level it was judged at (lower within a family of unstable rows), {@code detectable}
 * the smallest change it finds four times in five ({@link Statistics#minimumDetectableEffect}).
 */
public record MachineAllowance(
        SpeedRulerReading.Ratio ruler,
        double change,
        Statistics.Interval interval,
        Comparison.Verdict verdict,
        double level,
        double detectable) {

    /** The change of {@code forks} against {@code base} with the CPU part of each sample scaled back by the ruler ratio; null without a latency bound. */
    static MachineAllowance of(
            String key,
            double[][] base,
            double[][] forks,
            double idealMillis,
            SpeedRulerReading.Ratio ruler,
            double threshold,
            double level) {
        if (!(idealMillis >= 0)) {
            return null;
        }
        var random = Statistics.random(
                Comparison.SEED, key + " machine allowed for"); // its own: the measured intervals stay as they were
        double baseMean = Statistics.mean(base);
        double change = Double.NaN;
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double ratio : new double[] {ruler.point(), ruler.low(), ruler.high()}) {
            double[][] scaled = scaled(forks, idealMillis, ratio);
            var interval = Statistics.changeInterval(base, scaled, level, random);
            low = Math.min(low, interval.low());
            high = Math.max(high, interval.high());
            if (Double.isNaN(change)) {
                change = (Statistics.mean(scaled) / baseMean - 1) * 100;
            }
        }
        var interval = new Statistics.Interval(low, high);
        var verdict = Comparison.verdict(change, interval, threshold, Math.min(base.length, forks.length));
        return new MachineAllowance(
                ruler,
                change,
                interval,
                verdict,
                level,
                verdict == Comparison.Verdict.UNDECIDED
                        ? Double.NaN
                        : Statistics.minimumDetectableEffect(interval, level, threshold));
    }

    /** Each sample's part above {@code idealMillis} divided by {@code ratio}: as it would have been on the baseline's machine. */
    static double[][] scaled(double[][] forks, double idealMillis, double ratio) {
        double[][] out = new double[forks.length][];
        for (int f = 0; f < forks.length; f++) {
            out[f] = new double[forks[f].length];
            for (int i = 0; i < forks[f].length; i++) {
                double x = forks[f][i];
                out[f][i] = x <= idealMillis ? x : idealMillis + (x - idealMillis) / ratio;
            }
        }
        return out;
    }
}
