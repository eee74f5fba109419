package flagbench.report;

import flagbench.results.ResultRow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * A run's rows set out so that their differences show, for report.md's PNG and the history page alike: one panel per
 * scenario (the parameters that vary other than the strategy, its workers and the client), the strategies along it and
 * the clients side by side at each, every point its mean with its 95 % interval, time and the download's CPU each on an
 * axis of its own that need not start at zero. Sequential's N × L beside the others' L would flatten them on one axis:
 * where one-at-a-time rows take over three times the slowest concurrent one, they get a panel of their own. Immutable.
 */
public record RunPanels(List<Panel> panels, boolean hasCpu) {

    /** What a panel needs of a row: its parameters, how many downloads it ran at once, its samples fork by fork. */
    public record Row(
            String key,
            SortedMap<String, String> params,
            int concurrency,
            double[][] timeMillis,
            double[][] cpuMicros) {

        /** A row of a run folder: its time, and its download CPU where the fork split it (none otherwise). */
        public static Row of(ResultRow row) {
            return new Row(
                    row.key(),
                    row.matchParams(),
                    row.concurrency(),
                    row.forkMillis(),
                    Metric.DOWNLOAD_CPU.samples().apply(row));
        }
    }

    /** A mean and its 95 % interval; NaN throughout where there are no samples. */
    public record Estimate(double mean, double low, double high) {

        static Estimate of(double[][] forks, String key) {
            if (forks.length == 0) {
                return new Estimate(Double.NaN, Double.NaN, Double.NaN);
            }
            var interval = Statistics.meanInterval(forks, key);
            return new Estimate(Statistics.mean(forks), interval.low(), interval.high());
        }

        public boolean measured() {
            return Double.isFinite(mean);
        }
    }

    /** One strategy's (category's) row of one client (series). */
    public record Point(String category, String series, Estimate time, Estimate cpu) {}

    /** A scenario's rows: its title ({@code codes=pop20 latency=100ms}, "" if the run has one), its strategies and clients in order. */
    public record Panel(String title, List<String> categories, List<String> series, List<Point> points) {}

    /** The parameters that never vary within a panel's axis: the panel's points stand for them. */
    private static final Set<String> ACROSS = Set.of("strategy", "maxWorkers", "client");

    public static RunPanels of(List<Row> rows) {
        List<String> varying = varying(rows);
        List<String> scenarioParams =
                varying.stream().filter(p -> !ACROSS.contains(p)).toList();
        boolean clients = varying.contains("client");
        var scenarios = new LinkedHashMap<String, List<Row>>();
        for (Row row : rows) {
            String scenario = String.join(
                    " ",
                    scenarioParams.stream()
                            .map(p -> p + "=" + row.params().getOrDefault(p, ""))
                            .toList());
            scenarios.computeIfAbsent(scenario, k -> new ArrayList<>()).add(row);
        }
        var panels = new ArrayList<Panel>();
        scenarios.forEach((scenario, members) -> {
            var estimates = new LinkedHashMap<Row, Estimate>();
            members.forEach(r -> estimates.put(r, Estimate.of(r.timeMillis(), r.key())));
            double slowestConcurrent = members.stream()
                    .filter(r -> r.concurrency() > 1)
                    .mapToDouble(r -> estimates.get(r).mean())
                    .max()
                    .orElse(Double.NaN);
            boolean flattens = members.stream()
                    .anyMatch(r -> r.concurrency() == 1 && estimates.get(r).mean() > 3 * slowestConcurrent);
            var split = new LinkedHashMap<String, List<Row>>();
            for (Row row : members) {
                String title = !(flattens && row.concurrency() == 1)
                        ? scenario
                        : scenario.isEmpty() ? "one at a time" : scenario + " · one at a time";
                split.computeIfAbsent(title, k -> new ArrayList<>()).add(row);
            }
            split.forEach((title, panelRows) -> panels.add(panel(title, panelRows, clients, estimates)));
        });
        boolean hasCpu = panels.stream()
                .flatMap(p -> p.points().stream())
                .anyMatch(p -> p.cpu().measured());
        return new RunPanels(panels, hasCpu);
    }

    private static Panel panel(String title, List<Row> rows, boolean clients, Map<Row, Estimate> times) {
        boolean workersVary =
                rows.stream().map(r -> r.params().get("maxWorkers")).distinct().count() > 1;
        var categories = new LinkedHashSet<String>();
        var series = new LinkedHashSet<String>();
        var points = new ArrayList<Point>();
        for (Row row : rows) {
            String category = row.params().getOrDefault("strategy", "?")
                    + (workersVary ? " " + row.params().getOrDefault("maxWorkers", "") : "");
            String client = clients ? row.params().getOrDefault("client", "") : "";
            categories.add(category);
            series.add(client);
            points.add(new Point(category, client, times.get(row), Estimate.of(row.cpuMicros(), row.key() + " cpu")));
        }
        return new Panel(title, List.copyOf(categories), List.copyOf(series), points);
    }

    /** Parameters whose value differs between rows: the ones worth naming. */
    private static List<String> varying(List<Row> rows) {
        var values = new LinkedHashMap<String, Set<String>>();
        for (Row row : rows) {
            row.params()
                    .forEach((k, v) ->
                            values.computeIfAbsent(k, x -> new HashSet<>()).add(v));
        }
        return values.entrySet().stream()
                .filter(e -> e.getValue().size() > 1)
                .map(Map.Entry::getKey)
                .toList();
    }
}
