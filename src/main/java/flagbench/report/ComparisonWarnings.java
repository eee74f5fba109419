package flagbench.report;

import flagbench.results.ForkJvms;
import flagbench.results.ResultRow;
import flagbench.results.RunFolder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What a comparison warns about ({@link Warning}), found from its rows, columns and runs: the third of its phases, after
 * matching the rows and judging them. Stateless.
 */
final class ComparisonWarnings {

    private ComparisonWarnings() {}

    /**
     * The warnings about the comparison as a whole: columns with too few forks, machines that differ, forks that had their
     * JVMs in different ways, rows left out.
     */
    static List<Warning> forComparison(
            List<Comparison.Row> rows, List<Comparison.Column> columns, List<RunFolder> runs, List<String> partial) {
        var warnings = new ArrayList<>(forkWarnings(rows, columns));
        List<String> differences = machineDifferences(runs);
        if (!differences.isEmpty()) {
            warnings.add(new Warning(Warning.Kind.MACHINES_DIFFER, null, null, Map.of("differences", differences)));
        }
        List<ForkJvms> jvms = runs.stream().map(ForkJvms::of).distinct().toList();
        if (jvms.size() > 1) {
            warnings.add(new Warning(
                    Warning.Kind.FORK_JVMS_DIFFER,
                    null,
                    null,
                    Map.of("sentences", jvms.stream().map(ForkJvms::sentence).toList())));
        }
        if (!partial.isEmpty()) {
            warnings.add(new Warning(Warning.Kind.ROWS_LEFT_OUT, null, null, Map.of("rows", List.copyOf(partial))));
        }
        return warnings;
    }

    static List<Warning> forRow(
            Comparison.Row row, List<ResultRow> results, List<Comparison.Column> columns, Metric metric) {
        var warnings = new ArrayList<Warning>();
        // one warning for the row, naming each column it varies in, ahead of the others
        var unstable = new java.util.LinkedHashMap<String, Object>();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) == null) { // an uneven --by: the column has no such row
                continue;
            }
            double[][] forks = metric.samples().apply(results.get(i));
            String column = columns.get(i).label();
            double cv = metric.variation(forks);
            if (cv > Comparison.UNSTABLE_CV) {
                unstable.put(column, cv * 100);
            }
            for (int fork : Statistics.outlierForks(forks)) {
                warnings.add(new Warning(
                        Warning.Kind.OUTLIER_FORK,
                        row.label(),
                        column,
                        Map.of(
                                "fork",
                                fork + 1,
                                "mean",
                                Statistics.forkMeans(forks)[fork],
                                "unit",
                                metric.unit(),
                                "median",
                                Statistics.median(Statistics.forkMeans(forks)))));
            }
            if (metric == Metric.TIME && Statistics.mean(forks) < 1) {
                warnings.add(new Warning(
                        Warning.Kind.SHORT_OPERATIONS, row.label(), column, Map.of("meanMs", Statistics.mean(forks))));
            }
        }
        if (!unstable.isEmpty()) {
            boolean allowedFor = row.cells().stream().anyMatch(c -> c.adjusted() != null);
            warnings.add(
                    0,
                    new Warning(
                            Warning.Kind.UNSTABLE,
                            row.label(),
                            null,
                            Map.of(
                                    "variationPct",
                                    java.util.Collections.unmodifiableMap(unstable),
                                    "thresholdPct",
                                    Comparison.UNSTABLE_CV * 100,
                                    "of",
                                    metric.variationOf(),
                                    "allowedFor",
                                    allowedFor)));
        }
        return warnings;
    }

    private static List<Warning> forkWarnings(List<Comparison.Row> rows, List<Comparison.Column> columns) {
        var warnings = new ArrayList<Warning>();
        for (int i = 0; i < columns.size(); i++) {
            int column = i;
            var fewest = rows.stream()
                    .map(r -> r.cells().get(column))
                    .filter(Comparison.Cell::present)
                    .mapToInt(Comparison.Cell::forks)
                    .min()
                    .orElse(0);
            if (fewest < Comparison.MIN_FORKS) {
                warnings.add(new Warning(
                        Warning.Kind.FEW_FORKS,
                        null,
                        columns.get(i).label(),
                        Map.of("fewest", fewest, "needed", Comparison.MIN_FORKS)));
            }
        }
        return warnings;
    }

    public static final List<String> MACHINE_FIELDS = List.of(
            "/cpuModel", "/logicalCores", "/memoryBytes", "/jdk/version", "/jdk/vendor", "/os/name", "/os/version");

    /** What differs between the runs' machines, each as {@code field (value, value…)}, e.g. {@code logicalCores (2, 1)}. */
    private static List<String> machineDifferences(List<RunFolder> runs) {
        var differences = new ArrayList<String>();
        for (String field :
                Stream.concat(MACHINE_FIELDS.stream(), Stream.of("/host")).toList()) {
            List<String> values = runs.stream()
                    .map(r -> r.machineText(field))
                    .filter(Objects::nonNull)
                    .distinct()
                    .toList();
            if (values.size() > 1) {
                differences.add(field.substring(1).replace('/', '.') + " (" + String.join(", ", values) + ")");
            }
        }
        return differences;
    }
}
