package flagbench.report;

import flagbench.results.BadRunException;
import flagbench.results.Counter;
import flagbench.results.ResultRow;
import flagbench.results.RunFolder;
import flagbench.timing.Downstream;
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
 * A maxWorkers curve for one strategy, read as throughput (downloads per second) against workers:
 * the roofline X(W) ≈ min(W / L, X_max) says where it should bend, the measured points say where
 * it does. Recommends the fewest workers whose 95 % interval stays within a tolerance of the best
 * throughput (the low end of the interval, not only the estimate), gives each point's throughput
 * against the best with an interval from both (so a user sees how sure "as good" is), says what
 * limits the curve ({@link TuningLimit}: the latency, the CPU, the downstream, or failing downloads), and,
 * when X_max is known, gives Little's rule for other latencies on this machine: MAX_WORKERS ≈ X_max · L.
 *
 * <p>Throughput, not time, because a sweep may give each worker count its own number of downloads
 * ({@code codes=4rounds}: four rounds whatever W), and because a knee is a throughput idea. A download
 * the downstream refused (429, 503) is not counted in it: it was answered at once, and counting it would
 * make the workers that only collect refusals look fastest.
 */
public record Tuning(
        String strategy,
        String setting,
        double latencyMillis,
        List<Point> points,
        double within,
        Point recommended,
        Point best,
        TuningLimit limit,
        double ceiling,
        String warmup) {

    /** A download share above which a point counts as failing: one in a hundred. */
    static final double FAILING = 0.01;

    /**
     * One worker count: its throughput of downloads not refused with the 95 % interval (from the mean time's), the
     * ideal throughput (N over the roofline's ideal time), how its downloads ended (of the errors: timeouts, no
     * connection, refused by the downstream), the client's CPU alone as downloads/s (NaN when not measured), and
     * the samples behind it (none for a point made up by hand).
     */
    public record Point(
            int workers,
            int rounds,
            double throughput,
            double low,
            double high,
            double idealThroughput,
            double efficiency,
            long downloads,
            long errors,
            long timeouts,
            long connectFailures,
            long refused,
            double clientCeiling,
            Samples samples) {

        public Point(
                int workers,
                int rounds,
                double throughput,
                double low,
                double high,
                double idealThroughput,
                double efficiency,
                long downloads,
                long errors,
                long timeouts,
                long connectFailures) {
            this(
                    workers,
                    rounds,
                    throughput,
                    low,
                    high,
                    idealThroughput,
                    efficiency,
                    downloads,
                    errors,
                    timeouts,
                    connectFailures,
                    0,
                    Double.NaN,
                    Samples.NONE);
        }

        public double refusedShare() {
            return downloads == 0 ? 0 : (double) refused / downloads;
        }

        public double errorShare() {
            return downloads == 0 ? 0 : (double) errors / downloads;
        }

        public boolean failing() {
            return errorShare() > FAILING;
        }
    }

    /** The times of a point's operations in ms, fork by fork, and the downloads an operation makes (not refused, on average). */
    public record Samples(double perOperation, double[][] forkMillis) {
        static final Samples NONE = new Samples(0, new double[0][]);
    }

    /** How far below the best throughput a recommendation may be unless told: 5 %, as text for an option's default. */
    public static final String DEFAULT_WITHIN_TEXT = "0.05";

    /** {@link #DEFAULT_WITHIN_TEXT} as a number. */
    public static final double DEFAULT_WITHIN = Double.parseDouble(DEFAULT_WITHIN_TEXT);

    /**
     * The curve of {@code strategy} in a run: its rows with a wait, a latency above zero or a network (its zero-latency loopback
     * rows, when there are others, are the ceiling X_max, not points of the curve).
     *
     * @param within how far below the best throughput (0.05 = 5 %) the recommendation may be
     * @throws BadRunException when the run has no such curve, or several that differ in other parameters
     */
    public static Tuning of(RunFolder run, String strategy, double within) {
        requireWithin(within);
        List<ResultRow> rows = run.rows().stream()
                .filter(r -> r.param("strategy").equals(strategy))
                .toList();
        if (rows.isEmpty()) {
            throw new BadRunException(run.path() + ": no rows for strategy '" + strategy + "'");
        }
        List<ResultRow> curve = rows.stream().anyMatch(r -> r.waitMillis() > 0)
                ? rows.stream().filter(r -> r.waitMillis() > 0).toList()
                : rows;
        List<String> settings = curve.stream().map(Tuning::settingOf).distinct().toList();
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
        return of(
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
    public static List<String> strategiesWithCurves(RunFolder run) {
        var workers = new LinkedHashMap<String, Set<String>>();
        run.rows()
                .forEach(r -> workers.computeIfAbsent(r.param("strategy"), k -> new HashSet<>())
                        .add(r.param("maxWorkers")));
        return workers.entrySet().stream()
                .filter(e -> e.getValue().size() > 1)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** @throws IllegalArgumentException unless the tolerance is in 0..1 (the one check, for tune's plan and its reading) */
    public static void requireWithin(double within) {
        if (!(within >= 0 && within < 1)) {
            throw new IllegalArgumentException("--within must be in 0..1, got " + within);
        }
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

    /**
     * A row's throughput net of refusals, downloads/s with its interval: what got through. A refused download is answered
     * fast and counts as done, so a point past a downstream's limit would otherwise read as faster than one below it.
     */
    public record Goodput(double mean, Statistics.Interval interval, double refusedShare) {
        public static Goodput of(ResultRow row) {
            var interval = Statistics.throughputInterval(row);
            double kept = 1 - row.refusedShare();
            return new Goodput(
                    row.throughput() * kept,
                    new Statistics.Interval(interval.low() * kept, interval.high() * kept),
                    row.refusedShare());
        }
    }

    private static Point point(RunFolder run, ResultRow row) {
        var goodput = Goodput.of(row);
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
                new Samples(row.codeCount() * kept, row.forkMillis()));
    }

    /**
     * The point's throughput over the best's, with a 95 % interval from the two-level bootstrap of
     * both (the best is measured with noise too): empty for the best itself, and for points without
     * samples. A user reads from it whether a cheaper point is really as good; a dense check reads
     * its criterion from it.
     */
    public Optional<Statistics.Interval> ratioToBest(Point p) {
        if (p == best || p.samples().forkMillis().length == 0 || best.samples().forkMillis().length == 0) {
            return Optional.empty();
        }
        // X_p / X_best = (N_p / N_best) · (t_best / t_p); changeInterval gives t_best / t_p - 1 in percent
        double downloads = (double) p.samples().perOperation() / best.samples().perOperation();
        var change = Statistics.changeInterval(
                p.samples().forkMillis(),
                best.samples().forkMillis(),
                0.95,
                Statistics.random(Comparison.SEED, "tune " + p.workers() + " vs " + best.workers()));
        return Optional.of(
                new Statistics.Interval(downloads * (1 + change.low() / 100), downloads * (1 + change.high() / 100)));
    }

    private String recommendedText() {
        if (recommended != best) {
            return String.format(
                    Locale.ROOT,
                    "%.0f downloads/s, %.2f×%s the best: %.0f at %d workers",
                    recommended.throughput(),
                    recommended.throughput() / best.throughput(),
                    intervalText(recommended),
                    best.throughput(),
                    best.workers());
        }
        return String.format(
                Locale.ROOT,
                "%.0f downloads/s%s",
                best.throughput(),
                surelyAtLeast(best) >= best.throughput() * (1 - within)
                        ? ""
                        : "; no interval stays that close, not even the best's own, so the best itself: more forks (--forks) narrow them");
    }

    private String ratioText(Point p) {
        return p == best
                ? "1 (best)"
                : String.format(Locale.ROOT, "%.2f", p.throughput() / best.throughput()) + intervalText(p);
    }

    /** " [low, high]" of the point's ratio to the best, "" when there is none. */
    private String intervalText(Point p) {
        return ratioToBest(p)
                .map(i -> String.format(Locale.ROOT, " [%.2f, %.2f]", i.low(), i.high()))
                .orElse("");
    }

    /** @param ceiling X_max in downloads/s, NaN when the run did not measure it */
    public static Tuning of(
            String strategy, String setting, double latencyMillis, List<Point> points, double within, double ceiling) {
        return of(strategy, setting, latencyMillis, points, within, ceiling, Downstream.NONE, "");
    }

    /** @param downstream the limits of the server the points were measured against */
    public static Tuning of(
            String strategy,
            String setting,
            double latencyMillis,
            List<Point> points,
            double within,
            double ceiling,
            Downstream downstream) {
        return of(strategy, setting, latencyMillis, points, within, ceiling, downstream, "");
    }

    private static Tuning of(
            String strategy,
            String setting,
            double latencyMillis,
            List<Point> points,
            double within,
            double ceiling,
            Downstream downstream,
            String warmup) {
        List<Point> sound = points.stream().anyMatch(p -> !p.failing())
                ? points.stream().filter(p -> !p.failing()).toList()
                : points;
        Point best = sound.stream()
                .max(Comparator.comparingDouble(Point::throughput))
                .orElseThrow();
        // within of the best with 95 % confidence (its interval's low end, not only its estimate): a point that only
        // seems within is often the shoulder of the knee, and another run's plateau then leaves it behind. Not the low
        // end of
        // its ratio to the best (ratioToBest): that carries the best's noise too, and with the 2-4 forks a tune affords
        // only points measured as high as the best pass it, so it would recommend the best, a noisy maximum of the
        // plateau
        Point recommended = sound.stream()
                .filter(p -> surelyAtLeast(p) >= best.throughput() * (1 - within))
                .findFirst()
                .orElse(best);
        return new Tuning(
                strategy,
                setting,
                latencyMillis,
                points,
                within,
                recommended,
                best,
                limit(points, best, recommended, within, ceiling, downstream, latencyMillis),
                ceiling,
                warmup);
    }

    /** The low end of the point's interval; its estimate when it has none (a single sample). */
    private static double surelyAtLeast(Point p) {
        return Double.isFinite(p.low()) && p.low() > 0 ? Math.min(p.low(), p.throughput()) : p.throughput();
    }

    /** Little's law with the CPU ceiling: the workers that keep X_max busy at a latency L, X_max · L. */
    public double workersFor(double latencyMillis) {
        return ceiling * latencyMillis / 1000;
    }

    /** The downstream's bound on throughput when it is what limits the curve. */
    public Optional<TuningLimit.DownstreamBound> downstreamBound() {
        return limit instanceof TuningLimit.DownstreamBound d ? Optional.of(d) : Optional.empty();
    }

    /** The verdict as the report words it. */
    public String verdict() {
        return limit.sentence();
    }

    /**
     * What limits the curve: the downstream (its bound reached, or refusals), failing downloads (which), the code
     * set, the latency (still rising at the end), or the CPU (level).
     */
    static TuningLimit limit(
            List<Point> points,
            Point best,
            Point recommended,
            double within,
            double ceiling,
            Downstream downstream,
            double latencyMillis) {
        var bound = downstream.throughputBound(latencyMillis);
        Optional<Point> refusing =
                points.stream().filter(p -> p.refusedShare() > FAILING).findFirst();
        if (bound.isPresent() && (refusing.isPresent() || best.throughput() >= bound.getAsDouble() * (1 - within))) {
            return new TuningLimit.DownstreamBound(
                    downstream, bound.getAsDouble(), best.throughput(), recommended.workers(), refusing.orElse(null));
        }
        Optional<Point> failing = points.stream().filter(Point::failing).findFirst();
        if (failing.isPresent()) {
            Point p = failing.get();
            var cause = p.timeouts() * 2 >= p.errors()
                    ? TuningLimit.Failures.Cause.TIMEOUTS
                    : p.connectFailures() * 2 >= p.errors()
                            ? TuningLimit.Failures.Cause.CONNECTIONS
                            : TuningLimit.Failures.Cause.ERRORS;
            return new TuningLimit.Failures(p, cause);
        }
        Point last = points.get(points.size() - 1);
        if (best.rounds() == 1 && best.throughput() >= last.throughput() * (1 - within)) {
            return new TuningLimit.CodeSet(best.workers());
        }
        if (best == last) {
            return TuningLimit.StillRising.of(points.get(points.size() - 2), last);
        }
        Point fallsTo = last.throughput() < best.throughput() * (1 - within) ? last : null;
        return new TuningLimit.Cpu(
                best.throughput(), recommended.workers(), ceiling, best, fallsTo, within, best.clientCeiling());
    }

    /**
     * The Universal Scalability Law fitted to the points without failures, when there are enough; none against a
     * downstream's bound, which is the downstream's own: the law would extrapolate the client's rise past it.
     */
    public Optional<Usl> usl() {
        if (limit instanceof TuningLimit.DownstreamBound) {
            return Optional.empty();
        }
        return Usl.fit(points.stream()
                .filter(p -> !p.failing())
                .map(p -> new double[] {p.workers(), p.throughput()})
                .toList());
    }

    /** The median half-width, relative to the throughput, of the intervals of the points without failures from the recommended point up. */
    public double plateauNoise() {
        double[] halfWidths = points.stream()
                .filter(p ->
                        p.workers() >= recommended.workers() && !p.failing() && Double.isFinite(p.high() - p.low()))
                .mapToDouble(p -> (p.high() - p.low()) / 2 / p.throughput())
                .sorted()
                .toArray();
        return halfWidths.length == 0 ? 0 : halfWidths[halfWidths.length / 2];
    }

    static String pct(double ratio) {
        return String.format(Locale.ROOT, "%+.0f%%", (ratio - 1) * 100);
    }

    private static String settingOf(ResultRow row) {
        return row.params().entrySet().stream()
                .filter(e -> !e.getKey().equals("maxWorkers") && !e.getKey().equals("strategy"))
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    public String render() {
        var out = new StringBuilder();
        out.append("# tune ").append(strategy).append(" (").append(setting).append(")\n\n");
        out.append(
                "| workers | rounds | downloads/s [95 % CI] | vs best [95 % CI] | ideal (/s) | efficiency | failed |\n"
                        + "|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Point p : points) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.0f [%.0f, %.0f] | %s | %s | %s | %s |%n",
                    p == recommended ? "**" + p.workers() + "**" : String.valueOf(p.workers()),
                    p.rounds(),
                    p.throughput(),
                    p.low(),
                    p.high(),
                    ratioText(p),
                    MarkdownReport.number(p.idealThroughput(), "%.0f"),
                    MarkdownReport.number(p.efficiency(), "%.2f"),
                    p.errors() == 0
                            ? "0"
                            : String.format(Locale.ROOT, "%d (%.1f %%)", p.errors(), p.errorShare() * 100)));
        }
        out.append(String.format(
                Locale.ROOT,
                "%nRecommended maxWorkers: **%d**, the fewest whose 95 %% interval stays within %.0f %%"
                        + " of the best throughput (%s).%n",
                recommended.workers(),
                within * 100,
                recommendedText()));
        out.append("Verdict: ").append(verdict()).append(".\n");
        if (!warmup.isEmpty()) {
            out.append(warmup).append('\n');
        }
        usl().ifPresent(usl -> out.append(usl.describe(
                        best.workers(),
                        best.throughput(),
                        points.get(points.size() - 1).workers()))
                .append('\n'));
        double noise = plateauNoise();
        if (noise > within) {
            out.append(String.format(
                    Locale.ROOT,
                    "Noise: from %d workers up, the points' 95 %% intervals reach ±%.0f %%, more than"
                            + " --within: another run may recommend another W (a larger --budget gives more samples a point).%n",
                    recommended.workers(),
                    noise * 100));
        }
        if (limit
                instanceof
                TuningLimit.DownstreamBound d) { // the downstream is the one bound a user carries to the service
            out.append(String.format(
                    Locale.ROOT,
                    "%nLittle's law against this downstream (%s): MAX_WORKERS ≈ %.0f downloads/s · %.0f ms"
                            + " ≈ %.0f; more workers than that only wait or are refused, whatever this machine's ceiling.%n",
                    d.limits().words(),
                    d.bound(),
                    latencyMillis,
                    d.bound() * latencyMillis / 1000));
        }
        if (!Double.isNaN(ceiling)) {
            out.append(String.format(
                    Locale.ROOT,
                    "%nThis machine's ceiling for %s, measured at zero latency: X_max ≈ %.0f downloads/s."
                            + " Little's law: MAX_WORKERS ≈ X_max · L ≈ %.0f at 10 ms, %.0f at 100 ms, %.0f at 1 s"
                            + " (more workers than that only queue for the CPU).%n",
                    strategy,
                    ceiling,
                    workersFor(10),
                    workersFor(100),
                    workersFor(1000)));
        }
        out.append('\n');
        return out.toString();
    }
}
