package flagbench.report;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The two bounds on the time of N downloads, a roofline for concurrency: the latency bound by
 * Little's law, ceil(N / concurrency)·L, and the CPU bound N / X_max, where X_max is the
 * throughput (downloads/s) of the same strategy, transport, workers and connections at zero
 * latency in the same run (or, for a maxWorkers sweep, the strategy's fastest zero-latency row
 * whatever its workers). The ideal is the larger; a row whose CPU bound is the larger reads as
 * CPU-bound, not as "4 % efficient".
 */
public record Roofline(double latencyBoundMillis, double cpuBoundMillis, double idealMillis, double efficiency, Bound bound) {

    public enum Bound {
        LATENCY("latency"), CPU("CPU"), UNKNOWN("–");

        public final String word;

        Bound(String word) {
            this.word = word;
        }
    }

    /** The row's bounds; the CPU bound is NaN when the run has no zero-latency row like it. */
    public static Roofline of(RunFolder run, ResultRow row) {
        double latencyBound = row.idealMillis();
        double cpuBound = throughputCeiling(run, row).or(() -> strategyCeiling(run, row))
                .map(x -> row.codeCount() / x * 1000).orElse(Double.NaN);
        if (row.latencyMillis() == 0 || row.codeCount() == 0) {
            return new Roofline(latencyBound, cpuBound, Double.NaN, Double.NaN, Bound.UNKNOWN); // it is the ceiling itself
        }
        double ideal = Double.isNaN(cpuBound) ? latencyBound : Math.max(nanToZero(latencyBound), cpuBound);
        // without the CPU bound the latency bound is still the ideal, but which one binds is not known
        Bound bound = Double.isNaN(ideal) || ideal <= 0 || Double.isNaN(cpuBound) ? Bound.UNKNOWN
                : cpuBound > nanToZero(latencyBound) ? Bound.CPU : Bound.LATENCY;
        double mean = row.meanMillis();
        return new Roofline(latencyBound, cpuBound, ideal, ideal > 0 && mean > 0 ? ideal / mean : Double.NaN, bound);
    }

    /**
     * X_max for the row: downloads per second of the run's zero-latency row with the same
     * parameters but latency and codes (the largest code set when there are several).
     */
    public static Optional<Double> throughputCeiling(RunFolder run, ResultRow row) {
        return ceiling(run, row, "latency", "codes");
    }

    /**
     * The strategy's X_max whatever its workers: the fastest zero-latency row with the row's other
     * parameters. What a maxWorkers curve is bound by, and what Little's rule multiplies.
     */
    public static Optional<Double> strategyCeiling(RunFolder run, ResultRow row) {
        return ceiling(run, row, "latency", "codes", "maxWorkers");
    }

    private static Optional<Double> ceiling(RunFolder run, ResultRow row, String... ignored) {
        Map<String, String> like = without(row, ignored);
        return run.rows().stream()
                .filter(r -> r.latencyMillis() == 0 && r.codeCount() > 0 && r.benchmark().equals(row.benchmark())
                        && without(r, ignored).equals(like))
                .max(java.util.Comparator.comparingInt(ResultRow::codeCount)
                        .thenComparingDouble(ResultRow::throughput))
                .map(ResultRow::throughput);
    }

    private static Map<String, String> without(ResultRow row, String... ignored) {
        var params = new TreeMap<>(row.matchParams());
        for (String name : ignored) {
            params.remove(name);
        }
        return params;
    }

    private static double nanToZero(double value) {
        return Double.isNaN(value) ? 0 : value;
    }
}
