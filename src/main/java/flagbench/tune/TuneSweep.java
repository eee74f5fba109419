package flagbench.tune;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import flagbench.bench.Lab;
import flagbench.report.Tuning;
import flagbench.results.ResultRow;
import flagbench.results.RunFolder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * One tune: its adaptive maxWorkers sweep, within a budget of wall-clock time. Its forks are {@link Lab#start measuring JVMs}: each
 * warms up to steady state once (SteadyState) and then measures point after point, so that the 10-45 s a
 * JVM needs to reach steady state on two cores is paid once a fork, not once a point. The fork stays the unit of
 * every interval: each point gets one run in each fork.
 * <ol>
 * <li><b>The ceiling.</b> Every fork starts with the strategy at zero latency and {@value TunePlan#CEILING_WORKERS} workers:
 *     its steady-state warm-up is short there (short operations, many of them), and it gives X_max, the downloads
 *     per second this machine manages when nothing waits, one fork a fork.</li>
 * <li><b>The coarse sweep.</b> Throughput is bounded by W / L, by X_max and by the downstream's min(C / L, R) when the
 *     server models one, so the knee is near W* = min(X_max, C / L, R) · L.
 *     The first fork measures W* / 8 … 4·W* in steps of 2, each worker count with {@code rounds} × W downloads so
 *     that every one does the same number of rounds, going up until the curve has surely fallen below its best,
 *     or has stopped rising and the next point would cost more than {@value #DEAR} planned visits.</li>
 * <li><b>The extension.</b> While the best point is the largest measured (throughput still rising: the knee is
 *     softer than the roofline when latency and CPU time add up in each round), it goes on at 2× it, up to
 *     {@value #MAX_KNEES}·W*.</li>
 * <li><b>The refinement.</b> Between the recommendation and the point below it, steps of at most
 *     {@value TuneGrid#FINE_STEP}× (about 19 %), so the recommendation is within one fine step of the fewest workers that
 *     reach the plateau.</li>
 * <li><b>The other forks</b> measure the contenders again (the points that may be on the plateau, and the one
 *     below them), fresh JVMs in the opposite order (the first fork goes up, the second down, and so on), so that
 *     a drift of the machine during a fork does not favour the large or the small counts, and a point chosen
 *     because it measured high in one fork is measured anew. Forks before the last refine again where the
 *     recommendation moved; the last only measures.</li>
 * </ol>
 * <b>The budget holds.</b> Each point gets the same time of samples, what the budget leaves after the forks'
 * warm-ups shared by the visits planned; before each run the plan estimates its time from what the runs before it
 * took, and a run that would end past the budget is not started: the plan measures fewer points or forks, and says
 * so. With an explicit worker list it measures the ceiling and that list only (a dense check sweep).
 * <p>It keeps the state of the tune (what it has measured, which points it plans, what its runs have cost so far,
 * from which it tells whether the next run still ends within the budget). Used from the one thread that runs the
 * plan.
 */
final class TuneSweep {
    /** At most this many worker counts in one adaptive sweep. */
    static final int MAX_POINTS = 16;
    /** A sweep is extended while its best point is its last, up to this many times W*. */
    static final int MAX_KNEES = 32;
    /** Points expected after the coarse sweep (an extension or two, the refinement), reserved in the budget. */
    static final int EXPECTED_EXTRA_POINTS = 3;
    /** The least time of samples a point gets, however small the budget. */
    static final double MIN_SECONDS = 3;
    /** What a fork is expected to take before its first run's iterations (JVM start, JIT warm-up), until one is measured. */
    static final double FORK_GUESS_SECONDS = 30;
    /** What a run takes beyond its iterations (the trial's set-up), until one is measured. */
    static final double RUN_GUESS_SECONDS = 1;
    /** Kept out of the plan's budget for what the bench does around it: the server's start, the report, its charts. */
    static final double RESERVE_SECONDS = 8;

    private final Lab lab;
    private final Consumer<TuneEvent> events;
    private final long start;
    private final long deadline;
    private final List<ResultRow> ceilings = new ArrayList<>();
    private final List<ResultRow> visits = new ArrayList<>();
    private final TreeSet<Integer> points = new TreeSet<>();
    private final TunePlan plan;
    private final TuneRuns runs;
    private double forkSeconds = FORK_GUESS_SECONDS;
    private double runSeconds = RUN_GUESS_SECONDS;
    private double sampleSeconds = MIN_SECONDS;
    private boolean ranOut;

    TuneSweep(Lab lab, TunePlan plan, Consumer<TuneEvent> events) {
        this.lab = lab;
        this.events = events;
        this.plan = plan;
        this.runs = new TuneRuns(plan);
        this.start = lab.nanoTime();
        this.deadline = start + (long) ((plan.budget().toMillis() / 1000.0 - RESERVE_SECONDS) * 1e9);
    }

    /** What a visit was planned to take: its warm-up, its samples, a run's set-up. */
    private double plannedVisit() {
        return TuneRuns.WARMUP_SECONDS + sampleSeconds + runSeconds;
    }

    private double elapsed() {
        return (lab.nanoTime() - start) / 1e9;
    }

    private double ceiling() {
        return TuneGrid.ceiling(ceilings);
    }

    private List<ResultRow> curve() {
        return RunFolder.oneRowPerKey(visits);
    }

    private Tuning sofar() {
        return Tuning.of(
                new RunFolder(Path.of("tune"), curve(), JsonNodeFactory.instance.objectNode()),
                plan.strategy().name(),
                plan.within());
    }

    /** Whether a run of {@code iterations} operations of {@code operation} s each, in a fork {@code fresh} or not, ends in time. */
    private boolean fits(int iterations, double operation, boolean fresh) {
        double seconds = (fresh ? forkSeconds : runSeconds) + iterations * operation;
        return lab.nanoTime() + seconds * 1e9 <= deadline;
    }

    /** Runs {@code args} in {@code jvm}, learns what a run costs beyond its {@code iterations} operations, returns its row. */
    private ResultRow run(Lab.Jvm jvm, List<String> args, int iterations, boolean fresh) {
        long before = lab.nanoTime();
        List<ResultRow> rows = jvm.run(args);
        if (rows.size() != 1) {
            throw new IllegalStateException("a tune run measured " + rows.size() + " rows, not one");
        }
        ResultRow row = rows.get(0);
        double beyond = Math.max(0, (lab.nanoTime() - before) / 1e9 - iterations * row.meanMillis() / 1000);
        if (fresh) {
            forkSeconds = beyond;
        } else {
            runSeconds = Math.max(
                    runSeconds * 0.5, beyond); // the dearest lately: an estimate that errs long keeps the budget
        }
        return row;
    }

    /** Measures the plan, telling {@code events} of each step as it happens. */
    void measure() {
        for (int fork = 1; fork <= plan.forks(); fork++) {
            if (fork > 1 && !fits(TuneRuns.CEILING_ITERATIONS, TunePlan.CEILING_DOWNLOADS / ceiling(), true)) {
                ranOut = true;
                events.accept(new TuneEvent.NoTimeForFork(fork, elapsed()));
                break;
            }
            try (Lab.Jvm jvm = lab.start(List.of(Lab.STEADY_STATE))) {
                ResultRow ceiling = run(jvm, runs.ceilingArgs(), TuneRuns.CEILING_ITERATIONS, true);
                ceilings.add(ceiling);
                events.accept(new TuneEvent.Ceiling(fork, ceiling, elapsed()));
                if (fork == 1) {
                    points.addAll(
                            plan.workers().isEmpty() ? TuneGrid.coarseGrid(plan.knee(ceiling())) : plan.workers());
                    planSamples();
                }
                List<Integer> order = new ArrayList<>(
                        fork == 1 || !plan.workers().isEmpty() ? points : TuneGrid.contenders(sofar(), plan.within()));
                if (fork % 2 == 0) {
                    order = order.reversed();
                }
                if (!visit(jvm, fork, order)) {
                    break;
                }
                if (plan.workers().isEmpty() && fork < plan.forks() && !adapt(jvm, fork)) {
                    break;
                }
            }
        }
        var counts = new TreeMap<Integer, Integer>();
        visits.forEach(r -> counts.merge(Integer.parseInt(r.param("maxWorkers")), 1, Integer::sum));
        var byForks = new TreeMap<Integer, Long>(Comparator.reverseOrder());
        counts.values().forEach(n -> byForks.merge(n, 1L, Long::sum));
        events.accept(new TuneEvent.Finished(
                counts.size(),
                elapsed(),
                byForks,
                ranOut,
                elapsed() > plan.budget().toSeconds() - RESERVE_SECONDS));
    }

    /** Measures {@code order} in {@code jvm}; false when the budget ran out first. */
    private boolean visit(Lab.Jvm jvm, int fork, List<Integer> order) {
        boolean adaptive = fork == 1 && plan.workers().isEmpty();
        for (int w : order) {
            double operation = runs.operationSeconds(w, curve(), ceiling());
            int warmups = TuneRuns.warmups(operation);
            int samples = TuneRuns.samples(operation, sampleSeconds);
            if (adaptive
                    && curve().size() >= 2
                    && TuneGrid.levelled(sofar(), plan.within())
                    && (warmups + samples) * operation > DEAR * plannedVisit()) {
                events.accept(new TuneEvent.StoppedRising(w, (warmups + samples) * operation, operation));
                points.removeIf(larger -> larger >= w);
                return true;
            }
            boolean least = curve().size() < 2; // a curve needs two points, whatever the budget
            if (!least && !fits(warmups + samples, operation, false)) {
                ranOut = true;
                events.accept(new TuneEvent.NoTimeForPoint(fork, w, elapsed()));
                return false;
            }
            ResultRow row = run(jvm, runs.pointArgs(w, warmups, samples), warmups + samples, false);
            visits.add(row);
            events.accept(new TuneEvent.Point(fork, w, row, elapsed()));
            if (adaptive && curve().size() >= 2 && w < points.last() && TuneGrid.fallen(sofar(), w, plan.within())) {
                events.accept(new TuneEvent.Fallen(w));
                points.removeIf(larger -> larger > w);
                return true;
            }
        }
        return true;
    }

    /**
     * A visit dearer than this many planned visits is not made once the curve has stopped rising: at 4·W* one
     * visit can cost a minute (pool at 200 ms, 4,081 workers: 10 s an operation, 72 s; a second fork's worth of a
     * 5-minute budget) to show what the points below it already say, that more workers do not help.
     */
    static final double DEAR = 3;

    /**
     * In the fork that has just measured every point: extend the sweep while its best is its largest point, then
     * refine below the recommendation, each new point measured in this fork at once. False when the budget ran out.
     */
    private boolean adapt(Lab.Jvm jvm, int fork) {
        double knee = plan.knee(ceiling());
        while (points.size() < MAX_POINTS) {
            Tuning sofar = sofar();
            int last = points.last();
            Optional<TuneEvent.Step> step;
            if (TuneGrid.stillRising(sofar, last, plan.within()) && last < MAX_KNEES * knee) {
                step = Optional.of(new TuneEvent.Extending(last, 2 * last));
            } else {
                int recommended = sofar.recommended().workers();
                step = TuneGrid.fineGrid(List.copyOf(points), recommended).stream()
                        .findFirst()
                        .<TuneEvent.Step>map(w -> new TuneEvent.Refining(recommended, w))
                        .or(() -> TuneGrid.edgeStep(sofar)
                                .map(w ->
                                        new TuneEvent.NarrowingEdge(sofar.best().workers(), w)));
            }
            if (step.isEmpty()) {
                return true;
            }
            events.accept(step.get());
            points.add(step.get().next());
            if (!visit(jvm, fork, List.of(step.get().next()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Seconds of samples a visit gets: the budget left once the ceiling is measured, less the other forks' starts
     * and ceilings, shared by every visit planned (each point once a fork, the extension and refinement reserved).
     */
    private void planSamples() {
        int first = points.size() + (plan.workers().isEmpty() ? EXPECTED_EXTRA_POINTS : 0);
        int visits = first
                + (plan.forks() - 1)
                        * (plan.workers().isEmpty() ? (first + 1) / 2 : first); // the contenders: about half
        double ceilingRun = (TuneRuns.CEILING_ITERATIONS) * TunePlan.CEILING_DOWNLOADS / ceiling();
        double left = (deadline - lab.nanoTime()) / 1e9 - (plan.forks() - 1) * (forkSeconds + ceilingRun);
        // 95 %: estimates err, and a run that does not fit is not started
        sampleSeconds = Math.max(MIN_SECONDS, 0.95 * left / visits - TuneRuns.WARMUP_SECONDS - runSeconds);
        events.accept(new TuneEvent.Planned(plan.knee(ceiling()), List.copyOf(points), sampleSeconds));
    }
}
