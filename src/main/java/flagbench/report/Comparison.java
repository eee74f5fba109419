package flagbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs side by side: for each benchmark and parameter set, each run's median with a 95 %
 * interval, and for every run after the first the change against the first with a Mann–Whitney
 * p-value. Rows that only some runs have are kept aside, never dropped.
 */
public record Comparison(List<RunFolder> runs, double alpha, List<Row> rows, List<String> partial,
                         List<Double> geometricMeanChange, boolean machinesDiffer) {

    public static final double LEVEL = 0.95;

    /** One run's figures for one row. {@code change} and {@code p} are NaN for the first run. */
    public record Cell(double median, Statistics.Interval interval, double change, double p, boolean significant) {
    }

    public record Row(String key, String unit, List<Cell> cells) {
    }

    public static Comparison of(List<RunFolder> runs, double alpha) {
        if (runs.size() < 2) {
            throw new IllegalArgumentException("compare needs at least two run folders");
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("--alpha must be between 0 and 1, got " + alpha);
        }
        var byRun = new ArrayList<Map<String, ResultRow>>();
        var allKeys = new LinkedHashSet<String>();
        for (RunFolder run : runs) {
            var rows = new LinkedHashMap<String, ResultRow>();
            run.rows().forEach(r -> rows.put(r.key(), r));
            byRun.add(rows);
            allKeys.addAll(rows.keySet());
        }
        var rows = new ArrayList<Row>();
        var partial = new ArrayList<String>();
        for (String key : allKeys) {
            if (byRun.stream().allMatch(m -> m.containsKey(key))) {
                rows.add(row(key, byRun.stream().map(m -> m.get(key)).toList(), alpha));
            } else {
                var present = new ArrayList<String>();
                for (int i = 0; i < runs.size(); i++) {
                    if (byRun.get(i).containsKey(key)) {
                        present.add(runs.get(i).name());
                    }
                }
                partial.add(key + " (only in " + String.join(", ", present) + ")");
            }
        }
        if (rows.isEmpty()) {
            throw new BadRunException("the runs have no benchmark row in common");
        }
        var geomean = new ArrayList<Double>();
        for (int i = 1; i < runs.size(); i++) {
            int run = i;
            double[] ratios = rows.stream().mapToDouble(r -> r.cells().get(run).median() / r.cells().get(0).median())
                    .filter(x -> x > 0 && Double.isFinite(x)).toArray();
            geomean.add(ratios.length == 0 ? Double.NaN : (Statistics.geometricMean(ratios) - 1) * 100);
        }
        return new Comparison(runs, alpha, rows, partial, geomean, machinesDiffer(runs));
    }

    private static Row row(String key, List<ResultRow> results, double alpha) {
        ResultRow base = results.get(0);
        double[] baseSamples = millis(base);
        double baseMedian = Statistics.median(baseSamples);
        var cells = new ArrayList<Cell>();
        for (int i = 0; i < results.size(); i++) {
            double[] samples = millis(results.get(i));
            double median = Statistics.median(samples);
            var interval = Statistics.medianInterval(samples, LEVEL);
            if (i == 0) {
                cells.add(new Cell(median, interval, Double.NaN, Double.NaN, false));
            } else {
                double p = Statistics.mannWhitneyP(baseSamples, samples);
                cells.add(new Cell(median, interval, (median / baseMedian - 1) * 100, p, p < alpha));
            }
        }
        return new Row(key, "ms", cells);
    }

    private static double[] millis(ResultRow row) {
        double[] samples = row.samples().clone();
        for (int i = 0; i < samples.length; i++) {
            samples[i] = row.toMillis(samples[i]);
        }
        return samples;
    }

    public static final List<String> MACHINE_FIELDS = List.of("/cpuModel", "/logicalCores", "/memoryBytes",
            "/jdk/version", "/jdk/vendor", "/os/name", "/os/version");

    private static boolean machinesDiffer(List<RunFolder> runs) {
        for (String field : MACHINE_FIELDS) {
            if (runs.stream().map(r -> r.machineText(field)).distinct().count() > 1) {
                return true;
            }
        }
        return runs.stream().map(r -> r.machineText("/host")).filter(Objects::nonNull).distinct().count() > 1;
    }
}
