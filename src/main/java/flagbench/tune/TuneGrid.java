package flagbench.tune;

import flagbench.report.Tuning;
import flagbench.results.ResultRow;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Where tune measures next, from the curve so far: the coarse grid around the knee, the fine grid below the
 * recommendation, the edge where failures cut the curve off, the contenders a later fork measures again, and whether
 * the curve still rises, has levelled or has fallen. Pure
 * functions of their arguments, tested without a machine (TunePlanTest); {@link TunePlan} spends the budget on them.
 */
final class TuneGrid {

    /** The coarse grid around W*, as multiples of it. */
    private static final double[] COARSE = {1 / 8.0, 1 / 4.0, 1 / 2.0, 1, 2, 4};

    /** The fine grid's largest step between two worker counts: about 19 %. */
    static final double FINE_STEP = 1.19;

    private TuneGrid() {}

    /** X_max from the zero-latency rows: downloads per second of the fastest. */
    static double ceiling(List<ResultRow> rows) {
        return rows.stream()
                .mapToDouble(ResultRow::throughput)
                .max()
                .orElseThrow(() -> new IllegalStateException("the zero-latency run measured nothing"));
    }

    /** The edge is narrowed until the first failing point is at most this many times the best one below it. */
    static final double EDGE = 1.06;

    /**
     * Where failures cut the curve off at its best (a rate limit's refusals, timeouts), the plateau is at the edge: the
     * geometric middle of the best point and the failing point just above it, until they are within {@value #EDGE}×.
     * Empty when the point above the best is not failing, or the edge is narrow enough.
     */
    static Optional<Integer> edgeStep(Tuning sofar) {
        int best = sofar.best().workers();
        Optional<Tuning.Point> above =
                sofar.points().stream().filter(p -> p.workers() > best).findFirst();
        if (above.isEmpty() || !above.get().failing() || above.get().workers() <= best * EDGE) {
            return Optional.empty();
        }
        int middle = (int) Math.round(Math.sqrt((double) best * above.get().workers()));
        return middle > best && middle < above.get().workers() ? Optional.of(middle) : Optional.empty();
    }

    /**
     * The points a fork after the first measures again: those that may be on the plateau (their ratio to the best
     * may reach 1 - 2·within), and the one below the lowest of them, where the plateau begins. The points far below
     * it decide nothing, and a fork's time goes to those that do.
     */
    static List<Integer> contenders(Tuning sofar, double within) {
        List<Tuning.Point> sound =
                sofar.points().stream().filter(p -> !p.failing()).toList();
        var chosen = new TreeSet<Integer>(
                List.of(sofar.best().workers(), sofar.recommended().workers()));
        sound.stream()
                .filter(p -> sofar.ratioToBest(p)
                        .map(i -> i.high() >= 1 - 2 * within)
                        .orElse(true))
                .forEach(p -> chosen.add(p.workers()));
        int lowest = sound.stream()
                .map(Tuning.Point::workers)
                .filter(chosen::contains)
                .findFirst()
                .orElseThrow();
        sound.stream()
                .map(Tuning.Point::workers)
                .filter(w -> w < lowest)
                .reduce((a, b) -> b)
                .ifPresent(chosen::add);
        return List.copyOf(chosen);
    }

    /** W* / 8 … 4·W* in steps of 2, at least 1, without repeats. */
    static List<Integer> coarseGrid(double knee) {
        var grid = new TreeSet<Integer>();
        for (double factor : COARSE) {
            grid.add(Math.max(1, (int) Math.round(knee * factor)));
        }
        return List.copyOf(grid);
    }

    /**
     * Worker counts between the measured point below {@code recommended} and it, in equal
     * geometric steps of at most {@link #FINE_STEP}; none when it is the smallest measured.
     */
    static List<Integer> fineGrid(List<Integer> measured, int recommended) {
        Optional<Integer> below = measured.stream().filter(w -> w < recommended).max(Integer::compare);
        if (below.isEmpty()) {
            return List.of();
        }
        double ratio = (double) recommended / below.get();
        int steps = (int) Math.ceil(
                Math.log(ratio) / Math.log(FINE_STEP) - 0.05); // a step that rounding made a little longer is still one
        var fine = new TreeSet<Integer>();
        for (int i = 1; i < steps; i++) {
            fine.add((int) Math.round(below.get() * Math.pow(ratio, (double) i / steps)));
        }
        fine.removeAll(measured);
        return List.copyOf(fine);
    }

    /**
     * Whether the curve has stopped rising: its largest point measured is not more than {@code within} above the
     * point before it (whichever of the two noise made the best).
     */
    static boolean levelled(Tuning sofar, double within) {
        return sofar.points().size() >= 2 && !risesAtTop(sofar, within);
    }

    /** Whether the largest point measured is more than {@code within} above the point before it. */
    static boolean risesAtTop(Tuning sofar, double within) {
        List<Tuning.Point> points = sofar.points();
        return points.size() >= 2
                && points.get(points.size() - 1).throughput()
                        > points.get(points.size() - 2).throughput() * (1 + within);
    }

    /**
     * Whether the curve still rises at its largest point, {@code last}: the best, and more than {@code within} above
     * the point before it. On a plateau the best is the largest measured half the time, by noise alone.
     */
    static boolean stillRising(Tuning sofar, int last, double within) {
        return sofar.best().workers() == last
                && !sofar.points().get(sofar.points().size() - 1).failing()
                && risesAtTop(sofar, within);
    }

    /**
     * Whether the curve has surely fallen at {@code w}: above the best, with its ratio to the best below
     * 1 - within at the high end of its interval. The coarse sweep stops going up there: larger counts only add
     * threads and queues for the same CPU, and at 4·W* one visit can cost a minute (pool at 200 ms, 4,077 workers:
     * 10 s an operation), a second fork's worth of the budget.
     */
    static boolean fallen(Tuning sofar, int w, double within) {
        return sofar.best().workers() < w
                && sofar.points().stream()
                        .filter(p -> p.workers() == w)
                        .findFirst()
                        .flatMap(sofar::ratioToBest)
                        .map(i -> i.high() < 1 - within)
                        .orElse(false);
    }
}
