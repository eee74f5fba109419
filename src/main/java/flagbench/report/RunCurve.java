package flagbench.report;

import flagbench.report.Tuning.Point;
import flagbench.results.BadRunException;
import flagbench.results.Counter;
import flagbench.results.ResultRow;
import flagbench.results.RunFolder;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A strategy's maxWorkers curve as a run folder holds it: which rows are its points and which its ceiling, each
 * point's throughput (net of refusals), roofline and counts, and how the forks warmed up. Stateless.
 */
public final class RunCurve {

    private RunCurve() {}

    /**
     * The curve of {@code strategy} in a run: its rows with a wait, a latency above zero or a network (its zero-latency loopback
     * rows, when there are others, are the ceiling X_max, not points of the curve).
     *
     * @param within how far below the best throughput (0.05 = 5 %) the recommendation may be
     * @throws BadRunException when the run has no such curve, or several that differ in other parameters
     */
    static Tuning tuning(RunFolder run, String strategy, double within) {
        Tuning.requireWithin(within);
        List<ResultRow> rows = run.rows().stream()
                .filter(r -> r.param("strategy").equals(strategy))
                .toList();
        if (rows.isEmpty()) {
            throw new BadRunException(run.path() + ": no rows for strategy '" + strategy + "'");
        }
        List<ResultRow> curve = rows.stream().anyMatch(r -> r.waitMillis() > 0)
                ? rows.stream().filter(r -> r.waitMillis() > 0).toList()
                : rows;
        List<String> settings =
                curve.stream().map(RunCurve::settingOf).distinct().toList();
        if (settings.size() > 1) {
            throw new BadRunException(run.path() + ": several " + strategy + " curves (" + String.join("; ", settings)
                    + "): narrow the run with -p, or tune a run of one curve");
        }
        List<Point> points = curve.stream()
                .map(r -> point(run, r))
                .sorted(Comparator.comparingInt(Point::workers))
                .toList();
        if (points.stream().map(Point::workers).distinct().count() < 2) {
            throw new BadRunException(
                    run.path() + ": " + strategy + " was measured with one worker count only: nothing to tune");
        }
        double ceiling = rows.stream()
                .map(r -> Roofline.strategyCeiling(run, r))
                .flatMap(Optional::stream)
                .mapToDouble(Double::doubleValue)
                .max()
                .orElse(Double.NaN);
        return Tuning.of(
                strategy,
                settings.get(0),
                curve.get(0).waitMillis(),
                points,
                within,
                ceiling,
                curve.get(0).downstream(),
                warmup(rows));
    }

    /**
     * The strategies that have a curve in a run (rows at two or more worker counts), in the order first measured: what
     * {@code tune RUN} reads when no strategy is named.
     */
    public static List<String> strategies(RunFolder run) {
        var workers = new LinkedHashMap<String, Set<String>>();
        run.rows()
                .forEach(r -> workers.computeIfAbsent(r.param("strategy"), k -> new HashSet<>())
                        .add(r.param("maxWorkers")));
        return workers.entrySet().stream()
                .filter(e -> e.getValue().size() > 1)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** How the forks warmed up to steady state, when they did (tune's do): "" when none did. */
    static String warmup(List<ResultRow> rows) {
        // fork by fork: tune's forks warm up once, in their first run, and measure their other points warm
        double[] seconds = rows.stream()
                .flatMap(r -> Arrays.stream(r.secondary(Counter.warmupMillis)))
                .mapToDouble(fork -> Arrays.stream(fork).max().orElse(0) / 1000.0)
                .filter(s -> s > 0)
                .sorted()
                .toArray();
        if (seconds.length == 0) {
            return "";
        }
        long busy = rows.stream().filter(r -> r.max(Counter.warmupBusy) > 0).count();
        return String.format(
                Locale.ROOT,
                "Warm-up: each fork ran its own operation until the JIT compilers of client and server were quiet"
                        + " (%.0f–%.0f s)%s.",
                seconds[0],
                seconds[seconds.length - 1],
                busy == 0
                        ? ", then measured"
                        : "; " + busy
                                + " stopped at the limit with the compilers still busy: their first samples may be slow");
    }

    private static Point point(RunFolder run, ResultRow row) {
        var goodput = Tuning.Goodput.of(row);
        Roofline roofline = Roofline.of(run, row);
        long refused = row.sum(Counter.refused);
        double kept = 1 - goodput.refusedShare();
        return new Point(
                Integer.parseInt(row.param("maxWorkers")),
                row.rounds(),
                goodput.mean(),
                goodput.interval().low(),
                goodput.interval().high(),
                row.codeCount() * 1000.0 / roofline.idealMillis(),
                roofline.efficiency(),
                row.downloads(),
                row.error(),
                row.sum(Counter.timeouts),
                row.sum(Counter.connectFailures),
                refused,
                roofline.clientCpuCeiling(row.codeCount()),
                new Tuning.Samples(row.codeCount() * kept, row.forkMillis()));
    }

    private static String settingOf(ResultRow row) {
        return row.params().entrySet().stream()
                .filter(e -> !e.getKey().equals("maxWorkers") && !e.getKey().equals("strategy"))
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }
}
