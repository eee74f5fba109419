package flagbench.report;

import flagbench.results.ResultRow;
import flagbench.results.RunFolder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Each strategy against a baseline strategy on the same machine, side by side across machines: what a user carries from
 * a laptop to a CI box, where absolute times do not transfer. In every run, each row whose strategy is not the baseline
 * is set against that run's own baseline row with the same other parameters: its time as a change in percent, with the
 * bootstrap interval over both rows' forks ({@link Statistics#changeInterval}), and beside it its efficiency against the
 * roofline of its own machine ({@link Roofline}).
 *
 * <p>Contract: a line per strategy and parameters found in any run; a cell is null where a run lacks the row or its
 * baseline. Seeded: the same runs give the same intervals.
 */
public record Relative(String baseline, List<RunFolder> runs, List<Line> lines) {

    /** One row on one machine: change of its time against the baseline strategy, in percent, its interval, its efficiency. */
    public record Cell(double change, Statistics.Interval interval, double efficiency) {}

    /** One strategy with its other parameters, across the runs: a cell per run, null where that run has no such pair of rows. */
    public record Line(String strategy, String label, List<Cell> cells) {}

    public static Relative of(List<RunFolder> runs, String baseline, double level) {
        var lines = new LinkedHashMap<String, List<Cell>>(); // strategy + other parameters -> a cell per run
        var labels = new LinkedHashMap<String, String[]>();
        boolean found = false;
        for (int r = 0; r < runs.size(); r++) {
            RunFolder run = runs.get(r);
            var baselines = new TreeMap<String, ResultRow>();
            run.rows().stream()
                    .filter(row -> row.param("strategy").equals(baseline))
                    .forEach(row -> baselines.put(others(row), row));
            found |= !baselines.isEmpty();
            for (ResultRow row : run.rows()) {
                String others = others(row);
                ResultRow base = baselines.get(others);
                if (row.param("strategy").equals(baseline) || base == null) {
                    continue;
                }
                String key = row.param("strategy") + " " + others;
                labels.putIfAbsent(key, new String[] {row.param("strategy"), others});
                List<Cell> cells =
                        lines.computeIfAbsent(key, k -> new ArrayList<>(Collections.nCopies(runs.size(), null)));
                double[][] a = base.forkMillis();
                double[][] b = row.forkMillis();
                double change = (Statistics.mean(b) / Statistics.mean(a) - 1) * 100;
                var interval = Statistics.changeInterval(
                        a, b, level, Statistics.random(Comparison.SEED, key + " relative " + r));
                cells.set(r, new Cell(change, interval, Roofline.of(run, row).efficiency()));
            }
        }
        if (!found) {
            throw new IllegalArgumentException(
                    "--relative " + baseline + ": no run has a row with strategy=" + baseline);
        }
        List<String> varying = varying(labels.values().stream().map(l -> l[1]).toList());
        var out = new ArrayList<Line>();
        lines.forEach((key, cells) -> {
            String[] label = labels.get(key);
            String shown = Arrays.stream(label[1].split(" "))
                    .filter(p -> varying.contains(p.split("=", 2)[0]))
                    .map(p -> p.split("=", 2)[1])
                    .collect(Collectors.joining(" "));
            // not List.copyOf: a run without the pair has no cell (a laptop's default run against CI's clients run)
            out.add(new Line(
                    label[0],
                    shown.isEmpty() ? label[0] : label[0] + " " + shown,
                    Collections.unmodifiableList(cells)));
        });
        return new Relative(baseline, List.copyOf(runs), out);
    }

    /** The row's parameters other than the strategy, as {@code name=value} words in name order. */
    private static String others(ResultRow row) {
        return row.matchParams().entrySet().stream()
                .filter(e -> !e.getKey().equals("strategy"))
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    /** The parameters whose value differs among these lines: those a label must show. */
    private static List<String> varying(List<String> others) {
        Map<String, Set<String>> values = new TreeMap<>();
        others.forEach(o -> Arrays.stream(o.split(" "))
                .filter(p -> p.contains("="))
                .forEach(p -> values.computeIfAbsent(p.split("=", 2)[0], k -> new HashSet<>())
                        .add(p.split("=", 2)[1])));
        return values.entrySet().stream()
                .filter(e -> e.getValue().size() > 1)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** The table: a pair of columns per run (change against the baseline, efficiency), runs named as compare names them. */
    public String markdown() {
        var out = new StringBuilder("# flagbench compare --relative " + baseline + "\n\n");
        out.append(RunLines.runLines(runs));
        out.append(String.format(Locale.ROOT, """

                Each row's time against **%s** with the same other parameters *in the same run*, in percent, with the 95 %%
                interval of a bootstrap over both rows' forks (negative: faster than %s); and its efficiency on that machine
                (ideal / mean, the ideal from the run's own roofline; – where it cannot be known). Absolute times do not
                travel between machines; these ratios are what may.

                """, baseline, baseline));
        var header = new StringBuilder("| row |");
        var rule = new StringBuilder("|---|");
        for (int i = 0; i < runs.size(); i++) {
            header.append(" vs ")
                    .append(baseline)
                    .append(" on ")
                    .append(RunLines.label(i))
                    .append(" | eff. |");
            rule.append("---:|---:|");
        }
        out.append(header).append('\n').append(rule).append('\n');
        for (Line line : lines) {
            out.append("| ").append(line.label()).append(" |");
            for (Cell cell : line.cells()) {
                if (cell == null) {
                    out.append(" – | – |");
                    continue;
                }
                out.append(String.format(
                        Locale.ROOT,
                        " %+.1f%% [%+.1f, %+.1f] | %s |",
                        cell.change(),
                        cell.interval().low(),
                        cell.interval().high(),
                        Double.isNaN(cell.efficiency()) ? "–" : String.format(Locale.ROOT, "%.2f", cell.efficiency())));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
