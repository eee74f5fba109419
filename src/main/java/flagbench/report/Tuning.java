package flagbench.report;

import flagbench.results.BadRunException;
import flagbench.results.ResultRow;
import flagbench.results.RunFolder;
import flagbench.timing.Downstream;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

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
        return RunCurve.tuning(run, strategy, within);
    }

    /** @throws IllegalArgumentException unless the tolerance is in 0..1 (the one check, for tune's plan and its reading) */
    public static void requireWithin(double within) {
        if (!(within >= 0 && within < 1)) {
            throw new IllegalArgumentException("--within must be in 0..1, got " + within);
        }
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

    static Tuning of(
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
                TuningLimit.of(points, best, recommended, within, ceiling, downstream, latencyMillis),
                ceiling,
                warmup);
    }

    /** The low end of the point's interval; its estimate when it has none (a single sample). */
    static double surelyAtLeast(Point p) {
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

    /** The curve, the recommendation and its verdict, as the report shows them: {@link TuningText}. */
    public String render() {
        return TuningText.render(this);
    }
}
