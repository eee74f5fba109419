package flagbench.tune;

import flagbench.bench.Plan;
import flagbench.report.Tuning;
import flagbench.results.ResultRow;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Words a tune's {@link TuneEvent events} for its user, one line each, as they happen; the time used is shown against
 * the plan's budget. Used from the one thread that runs the plan.
 */
final class TuneNarration implements Consumer<TuneEvent> {

    private final PrintStream console;
    private final TunePlan plan;

    TuneNarration(PrintStream console, TunePlan plan) {
        this.console = console;
        this.plan = plan;
    }

    @Override
    public void accept(TuneEvent event) {
        console.println(line(event));
    }

    String line(TuneEvent event) {
        return "tune: "
                + switch (event) {
                    case TuneEvent.Ceiling e ->
                        String.format(
                                Locale.ROOT,
                                "fork %d of %d: X_max %s at zero latency, %d workers  %s",
                                e.fork(),
                                plan.forks(),
                                throughputText(e.row()),
                                TunePlan.CEILING_WORKERS,
                                used(e.elapsed()));
                    case TuneEvent.Planned e ->
                        String.format(
                                Locale.ROOT,
                                "the knee should be near W* = %s · L ≈ %.0f workers at L = %s: measuring %s (%s), %d %s each,"
                                        + " about %.0f s of samples a point in each",
                                plan.downstream().limited()
                                        ? "min(X_max, " + plan.downstream().words() + ")"
                                        : "X_max",
                                e.knee(),
                                plan.network().loopback()
                                        ? plan.latency().text()
                                        : String.format(
                                                Locale.ROOT,
                                                "%.0f ms (%s and %s)",
                                                plan.waitMillis(),
                                                plan.latency().text(),
                                                plan.network().words()),
                                e.points(),
                                plan.codesParam(),
                                plan.forks(),
                                plan.forks() == 1 ? "fork" : "forks",
                                e.sampleSeconds());
                    case TuneEvent.Point e ->
                        String.format(
                                Locale.ROOT,
                                "fork %d of %d: %d workers %s  %s",
                                e.fork(),
                                plan.forks(),
                                e.workers(),
                                throughputText(e.row()),
                                used(e.elapsed()));
                    case TuneEvent.NoTimeForFork e -> noTime("fork " + e.fork() + " of " + plan.forks(), e.elapsed());
                    case TuneEvent.NoTimeForPoint e ->
                        noTime(e.workers() + " workers in fork " + e.fork() + " and what follows", e.elapsed());
                    case TuneEvent.StoppedRising e ->
                        String.format(
                                Locale.ROOT,
                                "the curve has stopped rising, and %d workers would take %.0f s a visit (%.1f s an operation):"
                                        + " no larger counts",
                                e.workers(),
                                e.visitSeconds(),
                                e.operationSeconds());
                    case TuneEvent.Fallen e ->
                        "throughput falls past the best at " + e.workers() + " workers: no larger counts";
                    case TuneEvent.Extending e ->
                        "throughput still rises at " + e.last() + " workers; extending the sweep to " + e.next();
                    case TuneEvent.Refining e ->
                        "the sweep so far recommends " + e.recommended() + " workers; refining below it: " + e.next();
                    case TuneEvent.NarrowingEdge e ->
                        "downloads fail from the point above " + e.best() + " workers, the best; narrowing the edge: "
                                + e.next();
                    case TuneEvent.Finished e ->
                        String.format(
                                Locale.ROOT,
                                "%d points in %s (%s)%s%s",
                                e.points(),
                                spent(e.elapsed()),
                                e.pointsByForks().entrySet().stream()
                                        .map(f -> f.getValue() + " with " + f.getKey()
                                                + (f.getKey() == 1 ? " fork" : " forks"))
                                        .collect(Collectors.joining(", ")),
                                e.ranOut()
                                        ? "; the budget ran out before every fork measured its points: their intervals are wider"
                                        : "",
                                e.over()
                                        ? "; over its budget: the first fork's start and the two points a curve needs took longer"
                                                + " (give a larger --budget)"
                                        : "");
                };
    }

    private String noTime(String what, double elapsed) {
        return "no time left for " + what + " (" + spent(elapsed) + " used)";
    }

    private String used(double elapsed) {
        return "(" + spent(elapsed) + ")";
    }

    /** The time used against the budget: "1:05 of 5:00". */
    private String spent(double elapsed) {
        return Plan.clock(elapsed) + " of " + Plan.clock(plan.budget().toSeconds());
    }

    /**
     * Downloads per second with the row's 95 % interval; with refusals, those that got through and the share refused,
     * as the report counts them.
     */
    private static String throughputText(ResultRow row) {
        var goodput = Tuning.Goodput.of(row);
        return String.format(
                Locale.ROOT,
                "%,.0f downloads/s [%,.0f, %,.0f]%s",
                goodput.mean(),
                goodput.interval().low(),
                goodput.interval().high(),
                goodput.refusedShare() > 0
                        ? String.format(Locale.ROOT, " not refused (%.0f %% refused)", goodput.refusedShare() * 100)
                        : "");
    }
}
