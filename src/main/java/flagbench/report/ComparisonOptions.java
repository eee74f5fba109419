package flagbench.report;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to compare. {@code threshold} is in percent; {@code noise} gives a row's own threshold
 * (its measured run-to-run spread) by row key, when a run folder has one.
 */
public record ComparisonOptions(
        double level,
        double threshold,
        String by,
        String baseline,
        Set<String> ignore,
        Map<String, Double> noise,
        Metric metric,
        List<String> byValues) {
    /**
     * The default noise floor, in percent: the largest change that A/A pairs of the default suite
     * showed on this project's machine in rows that do at least 50 ms of work (see README).
     */
    public static final double DEFAULT_THRESHOLD = 3.0;

    /** Comparing the time. */
    public ComparisonOptions(
            double level, double threshold, String by, String baseline, Set<String> ignore, Map<String, Double> noise) {
        this(level, threshold, by, baseline, ignore, noise, Metric.TIME);
    }

    /**
     * {@code by} is a parameter, or {@code PARAM=V1,V2,…} for only those values' columns, in that order
     * (the clients suite's async rows are on other clients than its blocking rows: no row is in every column).
     */
    public ComparisonOptions(
            double level,
            double threshold,
            String by,
            String baseline,
            Set<String> ignore,
            Map<String, Double> noise,
            Metric metric) {
        this(
                level,
                threshold,
                by == null ? null : by.split("=", 2)[0],
                baseline,
                ignore,
                noise,
                metric,
                by == null || !by.contains("=") ? List.of() : List.of(by.split("=", 2)[1].split(",")));
    }

    public ComparisonOptions {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("the confidence level must be between 0 and 1, got " + level);
        }
        if (!(threshold >= 0 && threshold <= 1000)) { // NaN and infinity too: a threshold no change could ever pass
            throw new IllegalArgumentException("--threshold must be from 0 to 1000 (percent), got " + threshold);
        }
        ignore = Set.copyOf(ignore);
        noise = Map.copyOf(noise);
        byValues = List.copyOf(byValues);
    }

    public ComparisonOptions withNoise(Map<String, Double> spreads) {
        return new ComparisonOptions(level, threshold, by, baseline, ignore, spreads, metric, byValues);
    }

    public ComparisonOptions withMetric(Metric other) {
        return new ComparisonOptions(level, threshold, by, baseline, ignore, noise, other, byValues);
    }

    public static ComparisonOptions defaults() {
        return new ComparisonOptions(0.95, DEFAULT_THRESHOLD, null, null, Set.of(), Map.of());
    }
}
