package flagbench.report;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A maxWorkers curve for one strategy: measured time against the ideal (Little's ceil(N/W)·L, or
 * the CPU bound N / X_max when the run measured X_max and it is larger), the smallest worker count
 * within a tolerance of the best, what bounds the end of the curve, and — when X_max is known —
 * Little's rule for other latencies: MAX_WORKERS ≈ X_max · L.
 */
public record Tuning(String strategy, String setting, List<Point> points, double within, Point recommended, String bound,
                     double ceiling) {

    /** One worker count; {@code rounds} = ceil(N/W), how many waves of downloads the ideal needs. */
    public record Point(int workers, double millis, double errorMillis, double idealMillis, double efficiency, int rounds) {
    }

    /**
     * @param within how far above the best time (0.05 = 5 %) the recommendation may be
     * @throws BadRunException when the run has no such curve, or several that differ in other parameters
     */
    public static Tuning of(RunFolder run, String strategy, double within) {
        if (!(within >= 0 && within < 1)) {
            throw new IllegalArgumentException("--within must be in 0..1, got " + within);
        }
        List<ResultRow> rows = run.rows().stream().filter(r -> r.param("strategy").equals(strategy)).toList();
        if (rows.isEmpty()) {
            throw new BadRunException(run.path() + ": no rows for strategy '" + strategy + "'");
        }
        List<String> settings = rows.stream().map(Tuning::settingOf).distinct().toList();
        if (settings.size() > 1) {
            throw new BadRunException(run.path() + ": several " + strategy + " curves (" + String.join("; ", settings)
                    + "): narrow the run with -p, or tune a run of one curve");
        }
        List<Point> points = rows.stream()
                .map(r -> {
                    Roofline roofline = Roofline.of(run, r);
                    return new Point(Integer.parseInt(r.param("maxWorkers")), r.meanMillis(), halfWidth(r.meanIntervalMillis()),
                            roofline.idealMillis(), roofline.efficiency(), r.rounds());
                })
                .sorted(Comparator.comparingInt(Point::workers)).toList();
        if (points.stream().map(Point::workers).distinct().count() < 2) {
            throw new BadRunException(run.path() + ": " + strategy + " was measured with one worker count only: nothing to tune");
        }
        double ceiling = rows.stream().map(r -> Roofline.strategyCeiling(run, r)).flatMap(java.util.Optional::stream)
                .mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return of(strategy, settings.get(0), points, within, ceiling);
    }

    private static double halfWidth(Statistics.Interval interval) {
        return (interval.high() - interval.low()) / 2;
    }

    public static Tuning of(String strategy, String setting, List<Point> points, double within) {
        return of(strategy, setting, points, within, Double.NaN);
    }

    /** @param ceiling X_max in downloads/s, NaN when the run did not measure it */
    public static Tuning of(String strategy, String setting, List<Point> points, double within, double ceiling) {
        double best = points.stream().mapToDouble(Point::millis).min().orElseThrow();
        Point recommended = points.stream().filter(p -> p.millis() <= best * (1 + within)).findFirst().orElseThrow();
        return new Tuning(strategy, setting, points, within, recommended, bound(points, within), ceiling);
    }

    /** Little's law with the CPU ceiling: the workers that keep X_max busy at a latency L, X_max · L. */
    public double workersFor(double latencyMillis) {
        return ceiling * latencyMillis / 1000;
    }

    /**
     * The knee rule on the curve's last two points: while the ideal still falls, the time must
     * fall by at least half as much for the curve to be latency-bound; flat or rising is CPU-bound.
     */
    static String bound(List<Point> points, double within) {
        Point a = points.get(points.size() - 2);
        Point b = points.get(points.size() - 1);
        double idealGain = 1 - b.idealMillis() / a.idealMillis();
        double measuredGain = 1 - b.millis() / a.millis();
        boolean measuredFalls = measuredGain > within;
        if (idealGain > within) {
            if (!measuredFalls) {
                return "CPU-bound: from " + a.workers() + " to " + b.workers() + " workers the ideal falls "
                        + pct(b.idealMillis() / a.idealMillis()) + " but the time " + pct(b.millis() / a.millis())
                        + ": the machine, not the latency, sets the pace";
            }
            if (measuredGain < idealGain / 2) {
                return "nearing the CPU bound: from " + a.workers() + " to " + b.workers() + " workers the time falls "
                        + pct(b.millis() / a.millis()) + ", less than half of the ideal's " + pct(b.idealMillis() / a.idealMillis());
            }
            return b.rounds() <= 1
                    ? "latency-bound: time falls with the ideal down to " + b.workers()
                            + " workers, where every download fits in one round; more cannot help"
                    : "latency-bound: time still falls as workers grow (" + pct(b.millis() / a.millis()) + " against the ideal's "
                            + pct(b.idealMillis() / a.idealMillis()) + "); more than " + b.workers() + " workers would still help";
        }
        return b.millis() > a.millis() * (1 + within)
                ? "CPU-bound: every download already fits in one round, and more workers only add cost"
                : "latency-bound: every download already fits in one round; the time is the latency itself";
    }

    private static String pct(double ratio) {
        return String.format(Locale.ROOT, "%+.0f%%", (ratio - 1) * 100);
    }

    private static String settingOf(ResultRow row) {
        return row.params().entrySet().stream()
                .filter(e -> !e.getKey().equals("maxWorkers") && !e.getKey().equals("strategy"))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    public String render() {
        var out = new StringBuilder();
        out.append("# tune ").append(strategy).append(" (").append(setting).append(")\n\n");
        out.append("| workers | time (ms) | ideal (ms) | efficiency |\n|---:|---:|---:|---:|\n");
        for (Point p : points) {
            out.append(String.format(Locale.ROOT, "| %d | %.1f ± %.1f | %.0f | %s |%n", p.workers(), p.millis(),
                    p.errorMillis(), p.idealMillis(), Double.isNaN(p.efficiency()) ? "–" : String.format(Locale.ROOT, "%.2f", p.efficiency())));
        }
        out.append(String.format(Locale.ROOT, "%nRecommended maxWorkers: **%d** (the fewest within %.0f%% of the best time).%n",
                recommended.workers(), within * 100));
        out.append("End of the curve: ").append(bound).append(".\n");
        if (!Double.isNaN(ceiling)) {
            out.append(String.format(Locale.ROOT, "%nThis machine's ceiling for %s, measured at zero latency: X_max ≈ %.0f downloads/s."
                    + " Little's law: MAX_WORKERS ≈ X_max · L ≈ %.0f at 10 ms, %.0f at 100 ms, %.0f at 1 s"
                    + " (more workers than that only queue for the CPU).%n", strategy, ceiling, workersFor(10), workersFor(100), workersFor(1000)));
        }
        out.append('\n');
        return out.toString();
    }
}
