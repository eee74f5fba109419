package flagbench.report;

import flagbench.report.Tuning.Point;
import flagbench.timing.Downstream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What limits a curve, as a decision: the tests and the tools read these values, {@link #sentence} is only how
 * the report says them.
 */
public sealed interface TuningLimit {

    /** The verdict as the report words it. */
    String sentence();

    /**
     * The downstream: the plateau is at its bound min(C / L, R), or it refused downloads. More workers only
     * wait in its queue or collect its refusals.
     *
     * @param plateau the best throughput of the points without failures. Not that of the refusing points: they read up to
     *                1 / K above a rate limit (K rounds an operation), as the bucket refills by R · L while an operation's
     *                last round is served, and the next operation spends it at once (four rounds: 333/s against 300/s)
     * @param from    the recommendation, the fewest workers near the best without failures
     * @param refusedFrom the first point where more than one download in a hundred was refused; null if none
     */
    record DownstreamBound(Downstream limits, double bound, double plateau, int from, Tuning.Point refusedFrom)
            implements TuningLimit {
        public String sentence() {
            String more = refusedFrom != null
                    ? String.format(
                            Locale.ROOT,
                            "more workers only get %s (from %d workers %.1f %% of downloads refused;"
                                    + " what got through reads above a rate limit: its bucket refills while an operation's last round is served, for the next"
                                    + " operation to spend at once)",
                            limits.ratePerSecond() > 0
                                    ? "429"
                                    : limits.overload() == Downstream.Overload.CLOSE
                                            ? "closed connections"
                                            : limits.overload().text,
                            refusedFrom.workers(),
                            refusedFrom.refusedShare() * 100)
                    : "more workers only wait in the server's queue";
            return String.format(
                    Locale.ROOT,
                    "bound by the downstream: %s, at most %.0f downloads/s; the curve levels off at"
                            + " %.0f downloads/s from %d workers; %s",
                    limits.words(),
                    bound,
                    plateau,
                    from,
                    more);
        }
    }

    /** Failing downloads, mostly {@code cause}, from {@code from} on; the recommendation is among the points without. */
    record Failures(Tuning.Point from, Cause cause) implements TuningLimit {
        public enum Cause {
            TIMEOUTS,
            CONNECTIONS,
            ERRORS
        }

        public String sentence() {
            String what = switch (cause) {
                case TIMEOUTS -> "timeouts";
                case CONNECTIONS -> "connections (downloads that got none)";
                case ERRORS -> "errors";
            };
            return String.format(
                    Locale.ROOT,
                    "limited by %s: from %d workers %.1f %% of downloads failed (%d timeouts,"
                            + " %d without a connection, %d other errors); the recommendation is among the points without failures",
                    what,
                    from.workers(),
                    from.errorShare() * 100,
                    from.timeouts(),
                    from.connectFailures(),
                    from.errors() - from.timeouts() - from.connectFailures());
        }
    }

    /** One round of downloads from {@code from} workers on: more workers have nothing to do. */
    record CodeSet(int from) implements TuningLimit {
        public String sentence() {
            return "latency-bound by the code set: from " + from + " workers every download fits in one round,"
                    + " so more workers cannot help (give every worker count several rounds: codes=4rounds)";
        }
    }

    /**
     * Highest at the largest count tried. {@code sure}: the two last points' 95 % intervals do not overlap, so the
     * curve still rises and more workers would still help; otherwise the rise is within the noise (a dense check of a
     * plateau often ends so), and the curve may as well be level.
     */
    record StillRising(Tuning.Point before, Tuning.Point last, boolean sure) implements TuningLimit {
        static StillRising of(Tuning.Point before, Tuning.Point last) {
            return new StillRising(before, last, before.high() < last.low());
        }

        public String sentence() {
            String rise = TuningText.pct(last.throughput() / before.throughput()) + " from " + before.workers() + " to "
                    + last.workers() + " workers";
            return sure
                    ? "latency-bound: throughput still rises at the largest count tried (" + rise
                            + "); more workers would still help"
                    : "highest at the largest count tried, but within the noise (" + rise
                            + ", their 95 % intervals overlap): the curve"
                            + " may be level there or still rising; larger counts, or more forks, would tell";
        }
    }

    /**
     * This box's CPU, shared by client and server: level at {@code level} from {@code from} workers.
     *
     * @param ceiling     X_max at zero latency, NaN when not measured
     * @param fallsTo     the last point when the curve falls below the tolerance past the best; null when it does not
     * @param best        the best point
     * @param clientCeiling the client's CPU alone at the best point as downloads/s, NaN when not measured
     */
    record Cpu(
            double level,
            int from,
            double ceiling,
            Tuning.Point best,
            Tuning.Point fallsTo,
            double within,
            double clientCeiling)
            implements TuningLimit {
        /** The plateau over X_max (NaN without it). */
        public double plateauRatio() {
            return level / ceiling;
        }

        public String sentence() {
            String ceilingText = Double.isNaN(ceiling)
                    ? ""
                    : String.format(Locale.ROOT, " (X_max at zero latency: %.0f downloads/s)", ceiling);
            String falls = fallsTo == null
                    ? ""
                    : "; past " + best.workers() + " workers it falls ("
                            + TuningText.pct(fallsTo.throughput() / best.throughput()) + " at " + fallsTo.workers()
                            + "): more workers only add cost";
            // X_max was measured with few downloads in flight: more in flight may make each cheaper or dearer
            double ratio = plateauRatio();
            String plateau = !Double.isFinite(ratio)
                    ? ""
                    : ratio > 1 + within
                            ? String.format(
                                    Locale.ROOT,
                                    "; the plateau is %.1f× X_max: with more downloads in flight each costs"
                                            + " less CPU (the costs table shows client and server CPU per download falling as workers grow), so X_max·L,"
                                            + " measured with few in flight, underestimates the knee",
                                    ratio)
                            : ratio < 1 - within
                                    ? String.format(
                                            Locale.ROOT,
                                            "; the plateau is %.2f× X_max: with this many downloads in flight each"
                                                    + " costs more CPU than with few at zero latency (more connections, more threads; the costs table shows the CPU"
                                                    + " per download), so X_max·L overestimates the knee",
                                            ratio)
                                    : "";
            String client = Double.isFinite(clientCeiling)
                    ? String.format(
                            Locale.ROOT,
                            "; this client's CPU alone would allow about"
                                    + " %.0f downloads/s (its cores over its CPU per download): with the server on another host the knee moves there",
                            clientCeiling)
                    : "";
            return String.format(
                    Locale.ROOT,
                    "CPU-bound: throughput levels off at about %.0f downloads/s from %d workers%s%s%s%s",
                    level,
                    from,
                    ceilingText,
                    falls,
                    plateau,
                    client);
        }
    }

    /**
     * What limits the curve: the downstream (its bound reached, or refusals), failing downloads (which), the code
     * set, the latency (still rising at the end), or the CPU (level).
     */
    static TuningLimit of(
            List<Point> points,
            Point best,
            Point recommended,
            double within,
            double ceiling,
            Downstream downstream,
            double latencyMillis) {
        var bound = downstream.throughputBound(latencyMillis);
        Optional<Point> refusing =
                points.stream().filter(p -> p.refusedShare() > Tuning.FAILING).findFirst();
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
}
