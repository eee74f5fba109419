package flagbench.report;

import flagbench.results.BadRunException;
import flagbench.results.ResultRow;
import flagbench.results.RunFolder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The first of a comparison's phases: its columns (a run each, or a value of {@code --by} in each run, or a host), its
 * rows matched across them by their parameters less {@code --by} and {@code --ignore}, and each row's label. Stateless.
 */
final class ComparisonRows {

    private ComparisonRows() {}

    /**
     * The rows of each column by their match key; the keys compared (in the first column and at least one other: a
     * column without one of them has an empty cell, as the clients of an uneven --by do); the others, each with where
     * it is.
     */
    record Matched(List<Map<String, ResultRow>> byColumn, List<String> shared, List<String> partial) {}

    /**
     * Matches the columns' rows by their key ({@link #matchKey}), refusing rows of one column that --ignore would merge,
     * a metric no row has in every column, and columns that share no row.
     */
    static Matched match(List<Comparison.Column> columns, ComparisonOptions options) {
        var byColumn = new ArrayList<Map<String, ResultRow>>();
        var allKeys = new LinkedHashSet<String>();
        for (Comparison.Column column : columns) {
            var rows = new LinkedHashMap<String, ResultRow>();
            for (ResultRow row : column.run().rows()) {
                if ((column.byValue() == null || column.byValue().equals(row.param(options.by())))
                        && options.metric().presentIn(row)) {
                    ResultRow other = rows.put(matchKey(row, options), row);
                    if (other != null) {
                        throw new IllegalArgumentException(
                                "--ignore " + String.join(",", options.ignore()) + ": rows of "
                                        + column.run().name() + " that differ only in it would merge into one ("
                                        + other.paramText()
                                        + " and " + row.paramText()
                                        + "); ignore a parameter that only differs between the runs,"
                                        + " or compare along it with --by");
                    }
                }
            }
            byColumn.add(rows);
            allKeys.addAll(rows.keySet());
        }
        var shared = new ArrayList<String>();
        var partial = new ArrayList<String>();
        for (String key : allKeys) {
            if (byColumn.get(0).containsKey(key) && byColumn.stream().skip(1).anyMatch(m -> m.containsKey(key))) {
                shared.add(key);
            } else {
                var present = new ArrayList<String>();
                for (int i = 0; i < columns.size(); i++) {
                    if (byColumn.get(i).containsKey(key)) {
                        present.add(columns.get(i).label());
                    }
                }
                partial.add(key + " (only in " + String.join(", ", present) + ")");
            }
        }
        if (shared.isEmpty()
                && options.metric() != Metric.TIME
                && byColumn.stream().anyMatch(Map::isEmpty)) {
            throw new BadRunException("--metric " + options.metric().name()
                    + ": no row has it in every run (a run made before it was"
                    + " measured, or without the profiler that makes it); known: " + String.join(", ", Metric.names())
                    + ", or a secondary metric of jmh.json such as gc.alloc.rate.norm with -prof gc");
        }
        if (shared.isEmpty()) {
            throw new BadRunException((options.by() != null
                            ? "no row of --by " + options.by() + "="
                                    + columns.get(0).byValue()
                                    + " is in another column: name a baseline that shares rows, e.g. --baseline "
                                    + columns.get(1).byValue()
                            : "the runs have no benchmark row in common")
                    + (options.ignore().isEmpty() ? " (--ignore PARAM matches rows that differ only in PARAM)" : ""));
        }
        return new Matched(byColumn, shared, partial);
    }

    /** A, B, … per run; with --by, one column per value of the parameter (baseline first) in each run. */
    static List<Comparison.Column> columns(List<RunFolder> runs, ComparisonOptions options) {
        var columns = new ArrayList<Comparison.Column>();
        if (options.by() == null) {
            for (int i = 0; i < runs.size(); i++) {
                columns.add(new Comparison.Column(RunLines.label(i), runs.get(i), null));
            }
            return columns;
        }
        if (options.by().equals(HOST)) {
            return hostColumns(runs, options);
        }
        var values = new LinkedHashSet<String>();
        runs.forEach(run -> run.rows().forEach(row -> {
            if (row.matchParams().containsKey(options.by())) {
                values.add(row.param(options.by()));
            }
        }));
        if (values.isEmpty()) {
            throw new IllegalArgumentException("--by " + options.by() + ": no row has that parameter");
        }
        var ordered = new ArrayList<>(values);
        if (!options.byValues().isEmpty()) {
            for (String value : options.byValues()) {
                if (!values.contains(value)) {
                    throw new IllegalArgumentException(
                            "--by " + options.by() + "=" + String.join(",", options.byValues()) + ": no row has "
                                    + options.by() + "=" + value + " (there are " + String.join(", ", values) + ")");
                }
            }
            ordered = new ArrayList<>(options.byValues());
        }
        if (options.baseline() != null) {
            if (!ordered.remove(options.baseline())) {
                throw new IllegalArgumentException("--baseline " + options.baseline() + ": no row has " + options.by()
                        + "=" + options.baseline() + " (there are " + String.join(", ", values) + ")");
            }
            ordered.add(0, options.baseline());
        }
        for (int r = 0; r < runs.size(); r++) {
            for (String value : ordered) {
                columns.add(new Comparison.Column(
                        runs.size() == 1 ? value : RunLines.label(r) + ":" + value, runs.get(r), value));
            }
        }
        return columns;
    }

    /** {@code --by host}: not a parameter but the machine: one column per run, named by its host. */
    static final String HOST = "host";

    private static List<Comparison.Column> hostColumns(List<RunFolder> runs, ComparisonOptions options) {
        var ordered = new ArrayList<>(runs);
        if (options.baseline() != null) {
            RunFolder first = runs.stream()
                    .filter(r -> r.machineText("/host").equals(options.baseline()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "--baseline " + options.baseline() + ": no run was made on that host"));
            ordered.remove(first);
            ordered.add(0, first);
        }
        var columns = new ArrayList<Comparison.Column>();
        for (int i = 0; i < ordered.size(); i++) {
            String host = ordered.get(i).machineText("/host");
            boolean shared = ordered.stream()
                            .filter(r -> r.machineText("/host").equals(host))
                            .count()
                    > 1;
            columns.add(
                    new Comparison.Column(shared ? host + " (" + RunLines.label(i) + ")" : host, ordered.get(i), null));
        }
        return columns;
    }

    /** The key rows are matched by: the benchmark and its parameters, less --by and --ignore. */
    private static String matchKey(ResultRow row, ComparisonOptions options) {
        return row.benchmark() + " "
                + row.matchParams().entrySet().stream()
                        .filter(e -> !e.getKey().equals(options.by())
                                && !options.ignore().contains(e.getKey()))
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(" "));
    }

    static Map<String, String> commonParams(List<ResultRow> rows, ComparisonOptions options) {
        var common = new TreeMap<String, String>(rows.get(0).matchParams());
        common.keySet().removeIf(k -> k.equals(options.by()) || options.ignore().contains(k));
        for (ResultRow row : rows) {
            common.entrySet().removeIf(e -> !e.getValue().equals(row.param(e.getKey())));
        }
        return common;
    }

    /**
     * What tells a row apart from the others: the values of the parameters that vary, e.g.
     * {@code warm 100ms pool}; a number keeps its name ({@code maxWorkers=4}).
     */
    static String label(ResultRow row, Map<String, String> common, ComparisonOptions options) {
        String varying = row.matchParams().entrySet().stream()
                .filter(e -> !common.containsKey(e.getKey())
                        && !e.getKey().equals(options.by())
                        && !options.ignore().contains(e.getKey()))
                .map(e -> e.getValue().matches("[0-9.]+")
                        ? e.getKey() + "=" + e.getValue()
                        : e.getValue()) // a bare 4 says nothing
                .collect(Collectors.joining(" "));
        return varying.isEmpty() ? row.benchmark() : varying;
    }
}
