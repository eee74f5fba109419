package flagbench.tune;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import flagbench.bench.BenchmarkParameters;
import flagbench.bench.Lab;
import flagbench.bench.Plan;
import flagbench.catalog.CodeSets;
import flagbench.download.Strategies;
import flagbench.download.Strategy;
import flagbench.report.Tuning;
import flagbench.results.ResultRow;
import flagbench.results.RunFolder;
import flagbench.timing.Downstream;
import flagbench.timing.Latency;
import flagbench.timing.Network;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * tune's adaptive maxWorkers sweep, within a budget of wall-clock time. Its forks are {@link Lab#start measuring JVMs}: each
 * warms up to steady state once (SteadyState) and then measures point after point, so that the 10-45 s a
 * JVM needs to reach steady state on two cores is paid once a fork, not once a point. The fork stays the unit of
 * every interval: each point gets one run in each fork.
 * <ol>
 * <li><b>The ceiling.</b> Every fork starts with the strategy at zero latency and {@value #CEILING_WORKERS} workers:
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
 */
public record TunePlan(
        Strategy strategy,
        Latency latency,
        int rounds,
        String codes,
        List<Integer> workers,
        Duration budget,
        double within,
        String timeout,
        int forks,
        Downstream downstream,
        Network network)
        implements Plan {

    /** The most rounds a worker count is given: a round is W downloads, and a point must fit the budget more than once. */
    public static final int MAX_ROUNDS = 100;

    /** Workers and downloads of the zero-latency run: enough in flight to keep two cores busy, long enough to time. */
    public static final int CEILING_WORKERS = 64;

    public static final int CEILING_DOWNLOADS = 2_000;
    /** The ceiling's JMH warm-ups and samples (about 0.2 s each on the reference machine), after the fork's steady state. */
    static final int CEILING_WARMUPS = 10;

    static final int CEILING_SAMPLES = 20;
    /**
     * Forks per point unless told. One fork's samples say nothing of the next fork's: each JVM compiles its own
     * way, and here forks of one point differ by ±3 % (three of pool at 20 ms, 374 workers: 5722,
     * 5833, 6075/s) while each fork's own interval is ±2 %. With two, the interval comes from the
     * forks (the bootstrap resamples forks first), and one lucky JVM moves a point half as far.
     */
    public static final int DEFAULT_FORKS = 2;
    /**
     * JMH's warm-up of each point, in seconds of operations (at least {@value #MIN_WARMUPS}): the fork is at steady
     * state already, but a new worker count has threads, connections and queues of its own to grow.
     */
    static final double WARMUP_SECONDS = 2;

    static final int MIN_WARMUPS = 2;
    static final int MIN_SAMPLES = 5;
    static final int MAX_SAMPLES = 500;
    /** The least time of samples a point gets, however small the budget. */
    static final double MIN_SECONDS = 3;
    /** What a fork is expected to take before its first run's iterations (JVM start, JIT warm-up), until one is measured. */
    static final double FORK_GUESS_SECONDS = 30;
    /** What a run takes beyond its iterations (the trial's set-up), until one is measured. */
    static final double RUN_GUESS_SECONDS = 1;
    /** Kept out of the plan's budget for what the bench does around it: the server's start, the report, its charts. */
    static final double RESERVE_SECONDS = 8;
    /** The least budget: one fork's start, the ceiling and two points. */
    public static final Duration MIN_BUDGET = Duration.ofSeconds(45);
    /** At most this many worker counts in one adaptive sweep. */
    static final int MAX_POINTS = 16;
    /** A sweep is extended while its best point is its last, up to this many times W*. */
    static final int MAX_KNEES = 32;
    /** Points expected after the coarse sweep (an extension or two, the refinement), reserved in the budget. */
    static final int EXPECTED_EXTRA_POINTS = 3;

    /** tune's defaults (after the constants its checks use). */
    public static final TunePlan DEFAULTS = new TunePlan(
            Strategies.named("pool"),
            Latency.parse("100ms"),
            4,
            null,
            List.of(),
            Duration.ofMinutes(5),
            Tuning.DEFAULT_WITHIN,
            "30s",
            TunePlan.DEFAULT_FORKS);

    /** A plan against a server without limits of its own. */
    public TunePlan(
            Strategy strategy,
            Latency latency,
            int rounds,
            String codes,
            List<Integer> workers,
            Duration budget,
            double within,
            String timeout,
            int forks) {
        this(strategy, latency, rounds, codes, workers, budget, within, timeout, forks, Downstream.NONE);
    }

    /** A plan against a server with these limits, on loopback. */
    public TunePlan(
            Strategy strategy,
            Latency latency,
            int rounds,
            String codes,
            List<Integer> workers,
            Duration budget,
            double within,
            String timeout,
            int forks,
            Downstream downstream) {
        this(strategy, latency, rounds, codes, workers, budget, within, timeout, forks, downstream, Network.LOOPBACK);
    }

    public TunePlan {
        requireTunable(strategy);
        if (!(latency.meanMillis() > 0) && network.loopback()) {
            throw new IllegalArgumentException(
                    "--latency " + latency.text()
                            + ": tune needs a latency above zero or a network (with nothing to wait for, there is nothing to overlap)");
        }
        if (rounds < 1 || rounds > MAX_ROUNDS) {
            throw new IllegalArgumentException("--rounds must be from 1 to " + MAX_ROUNDS + ", got " + rounds);
        }
        if (workers.stream().anyMatch(w -> w < 1 || w > Strategies.MAX_WORKERS)) {
            throw new IllegalArgumentException(
                    "--workers must each be from 1 to " + Strategies.MAX_WORKERS + ", got " + workers);
        }
        if (workers.stream().distinct().count() == 1) {
            throw new IllegalArgumentException(
                    "--workers " + workers.get(0) + ": a curve needs at least two worker counts, e.g. --workers "
                            + workers.get(0) + "," + workers.get(0) * 2);
        }
        Tuning.requireWithin(within);
        if (forks < 1) {
            throw new IllegalArgumentException("--forks must be at least 1, got " + forks);
        }
        if (budget.compareTo(MIN_BUDGET) < 0) {
            throw new IllegalArgumentException(
                    "--budget " + budget.toSeconds() + "s: tune needs at least " + MIN_BUDGET.toSeconds()
                            + "s (a fork's start and warm-up to steady state, the ceiling and two points)");
        }
        workers = List.copyOf(new TreeSet<>(workers));
        for (var parameter : List.of(
                new String[] {"codes", codesParam(codes, rounds, downstream)}, new String[] {"timeout", timeout})) {
            BenchmarkParameters.check(parameter[0], parameter[1]);
        }
    }

    /**
     * This plan with {@code spent} of its budget already gone, at least {@link #MIN_BUDGET} left: the budget of a tune that a
     * longer command runs (a Maven build first) then holds for the whole command.
     */
    public TunePlan afterSpending(Duration spent) {
        Duration left = budget.minus(spent.isNegative() ? Duration.ZERO : spent);
        return new TunePlan(
                strategy,
                latency,
                rounds,
                codes,
                workers,
                left.compareTo(MIN_BUDGET) < 0 ? MIN_BUDGET : left,
                within,
                timeout,
                forks,
                downstream,
                network);
    }

    @Override
    public String label() {
        return "tune";
    }

    @Override
    public String description() {
        return String.format(
                Locale.ROOT,
                "tune %s at %s%s: X_max at zero latency, then maxWorkers around X_max·L (%s), within %s",
                strategy.name(),
                latency.text() + (network.loopback() ? "" : " across " + network.words()),
                downstream.limited() ? " against a downstream of " + downstream.words() : "",
                workers.isEmpty() ? "adaptive, " + codesParam() : "workers " + workers,
                budget.toMinutes() > 0 ? budget.toMinutes() + " min" : budget.toSeconds() + " s");
    }

    @Override
    public boolean repeatable() {
        return false;
    }

    @Override
    public boolean takesJmhOptions() {
        return false;
    }

    /** The names of the registered strategies that maxWorkers limits: the ones with a curve to tune. */
    public static List<String> tunable() {
        return Strategies.all().stream()
                .filter(Strategy::usesMaxWorkers)
                .map(Strategy::name)
                .toList();
    }

    /** @throws IllegalArgumentException for a strategy that maxWorkers does not limit: it has no curve to tune */
    public static void requireTunable(Strategy strategy) {
        if (!strategy.usesMaxWorkers()) {
            throw new IllegalArgumentException("--strategy " + strategy.name()
                    + " does not use maxWorkers: nothing to tune (tune " + String.join(", ", tunable()) + ")");
        }
    }

    private String codesParam() {
        return codesParam(codes, rounds, downstream);
    }

    /**
     * The sweep's {@code codes} parameter: a fixed set, or {@code Krounds}; against a capacity {@code Krounds/C}, whole
     * rounds of it above C workers, so that no operation ends with the downstream partly idle.
     */
    private static String codesParam(String codes, int rounds, Downstream downstream) {
        return codes != null
                ? codes
                : rounds + "rounds" + (downstream.capacity() > 0 ? "/" + downstream.capacity() : "");
    }

    /** W* = min(X_max, C / L, R) · L: where the latency bound meets the lowest of the others. */
    private double knee(double ceiling) {
        double bound = downstream.throughputBound(latency.meanMillis()).orElse(Double.POSITIVE_INFINITY);
        return Math.min(ceiling, bound) * waitMillis() / 1000;
    }

    /** What a worker waits per download, L in W* = X_max · L: a sweep's workers keep their connections warm. */
    double waitMillis() {
        return network.warmWaitMillis(latency.meanMillis());
    }

    /** What the plan measures with, and how long its runs took: the state of one tune. */
    private final class Sweep {
        final Lab lab;
        final long start;
        final long deadline;
        final List<ResultRow> ceilings = new ArrayList<>();
        final List<ResultRow> visits = new ArrayList<>();
        final TreeSet<Integer> points = new TreeSet<>();
        double forkSeconds = FORK_GUESS_SECONDS;
        double runSeconds = RUN_GUESS_SECONDS;
        double sampleSeconds = MIN_SECONDS;
        boolean ranOut;

        Sweep(Lab lab) {
            this.lab = lab;
            this.start = lab.nanoTime();
            this.deadline = start + (long) ((budget.toMillis() / 1000.0 - RESERVE_SECONDS) * 1e9);
        }

        /** What a visit was planned to take: its warm-up, its samples, a run's set-up. */
        double plannedVisit() {
            return WARMUP_SECONDS + sampleSeconds + runSeconds;
        }

        double elapsed() {
            return (lab.nanoTime() - start) / 1e9;
        }

        double ceiling() {
            return TuneGrid.ceiling(ceilings);
        }

        List<ResultRow> curve() {
            return RunFolder.oneRowPerKey(visits);
        }

        Tuning sofar() {
            return Tuning.of(
                    new RunFolder(Path.of("tune"), curve(), JsonNodeFactory.instance.objectNode()),
                    strategy.name(),
                    within);
        }

        /** Whether a run of {@code iterations} operations of {@code operation} s each, in a fork {@code fresh} or not, ends in time. */
        boolean fits(int iterations, double operation, boolean fresh) {
            double seconds = (fresh ? forkSeconds : runSeconds) + iterations * operation;
            return lab.nanoTime() + seconds * 1e9 <= deadline;
        }

        /** Runs {@code args} in {@code jvm}, learns what a run costs beyond its {@code iterations} operations, returns its row. */
        ResultRow run(Lab.Jvm jvm, List<String> args, int iterations, boolean fresh) {
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
    }

    @Override
    public void measure(Lab lab) {
        var sweep = new Sweep(lab);
        for (int fork = 1; fork <= forks; fork++) {
            if (fork > 1 && !sweep.fits(CEILING_WARMUPS + CEILING_SAMPLES, CEILING_DOWNLOADS / sweep.ceiling(), true)) {
                sweep.ranOut = true;
                lab.console()
                        .printf(
                                Locale.ROOT,
                                "tune: no time left for fork %d of %d (%s of %s used)%n",
                                fork,
                                forks,
                                Plan.clock(sweep.elapsed()),
                                Plan.clock(budget.toSeconds()));
                break;
            }
            try (Lab.Jvm jvm = lab.start(List.of(Lab.STEADY_STATE))) {
                ResultRow ceiling = sweep.run(jvm, ceilingArgs(), CEILING_WARMUPS + CEILING_SAMPLES, true);
                sweep.ceilings.add(ceiling);
                lab.console()
                        .printf(
                                Locale.ROOT,
                                "tune: fork %d of %d: X_max %s at zero latency, %d workers  (%s of %s)%n",
                                fork,
                                forks,
                                throughputText(ceiling),
                                CEILING_WORKERS,
                                Plan.clock(sweep.elapsed()),
                                Plan.clock(budget.toSeconds()));
                if (fork == 1) {
                    sweep.points.addAll(workers.isEmpty() ? TuneGrid.coarseGrid(knee(sweep.ceiling())) : workers);
                    planSamples(sweep);
                }
                List<Integer> order = new ArrayList<>(
                        fork == 1 || !workers.isEmpty() ? sweep.points : TuneGrid.contenders(sweep.sofar(), within));
                if (fork % 2 == 0) {
                    order = order.reversed();
                }
                if (!visit(sweep, jvm, fork, order)) {
                    break;
                }
                if (workers.isEmpty() && fork < forks && !adapt(sweep, jvm, fork)) {
                    break;
                }
            }
        }
        var counts = new TreeMap<Integer, Integer>();
        sweep.visits.forEach(r -> counts.merge(Integer.parseInt(r.param("maxWorkers")), 1, Integer::sum));
        var byForks = new TreeMap<Integer, Long>(Comparator.reverseOrder());
        counts.values().forEach(n -> byForks.merge(n, 1L, Long::sum));
        String forkText = byForks.entrySet().stream()
                .map(e -> e.getValue() + " with " + e.getKey() + (e.getKey() == 1 ? " fork" : " forks"))
                .collect(Collectors.joining(", "));
        boolean over = sweep.elapsed() > budget.toSeconds() - RESERVE_SECONDS;
        lab.console()
                .printf(
                        Locale.ROOT,
                        "tune: %d points in %s of %s (%s)%s%s%n",
                        counts.size(),
                        Plan.clock(sweep.elapsed()),
                        Plan.clock(budget.toSeconds()),
                        forkText,
                        sweep.ranOut
                                ? "; the budget ran out before every fork measured its points: their intervals are wider"
                                : "",
                        over
                                ? "; over its budget: the first fork's start and the two points a curve needs took longer (give a larger --budget)"
                                : "");
    }

    /** Measures {@code order} in {@code jvm}; false when the budget ran out first. */
    private boolean visit(Sweep sweep, Lab.Jvm jvm, int fork, List<Integer> order) {
        for (int w : order) {
            double operation = operationSeconds(w, sweep.curve(), sweep.ceiling());
            int warmups = warmups(operation);
            int samples = samples(operation, sweep.sampleSeconds);
            if (fork == 1
                    && workers.isEmpty()
                    && levelled(sweep)
                    && (warmups + samples) * operation > DEAR * sweep.plannedVisit()) {
                sweep.lab
                        .console()
                        .printf(
                                Locale.ROOT,
                                "tune: the curve has stopped rising, and %d workers would take %.0f s a visit"
                                        + " (%.1f s an operation): no larger counts%n",
                                w,
                                (warmups + samples) * operation,
                                operation);
                sweep.points.removeIf(larger -> larger >= w);
                return true;
            }
            boolean least = sweep.curve().size() < 2; // a curve needs two points, whatever the budget
            if (!least && !sweep.fits(warmups + samples, operation, false)) {
                sweep.ranOut = true;
                sweep.lab
                        .console()
                        .printf(
                                Locale.ROOT,
                                "tune: no time left for %d workers in fork %d and what follows (%s of %s used)%n",
                                w,
                                fork,
                                Plan.clock(sweep.elapsed()),
                                Plan.clock(budget.toSeconds()));
                return false;
            }
            ResultRow row = sweep.run(jvm, pointArgs(w, warmups, samples), warmups + samples, false);
            sweep.visits.add(row);
            sweep.lab
                    .console()
                    .printf(
                            Locale.ROOT,
                            "tune: fork %d of %d: %d workers %s  (%s of %s)%n",
                            fork,
                            forks,
                            w,
                            throughputText(row),
                            Plan.clock(sweep.elapsed()),
                            Plan.clock(budget.toSeconds()));
            if (fork == 1
                    && workers.isEmpty()
                    && sweep.curve().size() >= 2
                    && w < sweep.points.last()
                    && fallen(sweep.sofar(), w)) {
                sweep.lab
                        .console()
                        .printf(
                                Locale.ROOT,
                                "tune: throughput falls past the best at %d workers: no larger counts%n",
                                w);
                sweep.points.removeIf(larger -> larger > w);
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
     * Whether the curve has stopped rising: its largest point measured is not more than {@code within} above the
     * point before it (whichever of the two noise made the best).
     */
    private boolean levelled(Sweep sweep) {
        if (sweep.curve().size() < 2) {
            return false;
        }
        return !risesAtTop(sweep.sofar());
    }

    /** Whether the largest point measured is more than {@code within} above the point before it. */
    private boolean risesAtTop(Tuning sofar) {
        List<Tuning.Point> points = sofar.points();
        return points.size() >= 2
                && points.get(points.size() - 1).throughput()
                        > points.get(points.size() - 2).throughput() * (1 + within);
    }

    /**
     * Whether the curve has surely fallen at {@code w}: above the best, with its ratio to the best below
     * 1 - within at the high end of its interval. The coarse sweep stops going up there: larger counts only add
     * threads and queues for the same CPU, and at 4·W* one visit can cost a minute (pool at 200 ms, 4,077 workers:
     * 10 s an operation), a second fork's worth of the budget.
     */
    private boolean fallen(Tuning sofar, int w) {
        return sofar.best().workers() < w
                && sofar.points().stream()
                        .filter(p -> p.workers() == w)
                        .findFirst()
                        .flatMap(sofar::ratioToBest)
                        .map(i -> i.high() < 1 - within)
                        .orElse(false);
    }

    /**
     * In the fork that has just measured every point: extend the sweep while its best is its largest point, then
     * refine below the recommendation, each new point measured in this fork at once. False when the budget ran out.
     */
    private boolean adapt(Sweep sweep, Lab.Jvm jvm, int fork) {
        double knee = knee(sweep.ceiling());
        while (sweep.points.size() < MAX_POINTS) {
            Tuning sofar = sweep.sofar();
            int last = sweep.points.last();
            Optional<Integer> next;
            if (stillRising(sofar, last) && last < MAX_KNEES * knee) {
                sweep.lab
                        .console()
                        .printf(
                                "tune: throughput still rises at %d workers; extending the sweep to %d%n",
                                last, 2 * last);
                next = Optional.of(2 * last);
            } else {
                next = TuneGrid.fineGrid(
                                List.copyOf(sweep.points), sofar.recommended().workers())
                        .stream()
                        .findFirst();
                next.ifPresent(w -> sweep.lab
                        .console()
                        .printf(
                                "tune: the sweep so far recommends %d workers; refining below it: %d%n",
                                sofar.recommended().workers(), w));
                if (next.isEmpty()) {
                    next = TuneGrid.edgeStep(sofar);
                    next.ifPresent(w -> sweep.lab
                            .console()
                            .printf(
                                    "tune: downloads fail from the point above %d workers, the best;"
                                            + " narrowing the edge: %d%n",
                                    sofar.best().workers(), w));
                }
            }
            if (next.isEmpty()) {
                return true;
            }
            sweep.points.add(next.get());
            if (!visit(sweep, jvm, fork, List.of(next.get()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the curve still rises at its largest point: the best, and more than {@code within} above the point
     * before it. On a plateau the best is the largest measured half the time, by noise alone.
     */
    private boolean stillRising(Tuning sofar, int last) {
        return sofar.best().workers() == last
                && !sofar.points().get(sofar.points().size() - 1).failing()
                && risesAtTop(sofar);
    }

    /**
     * Seconds of samples a visit gets: the budget left once the ceiling is measured, less the other forks' starts
     * and ceilings, shared by every visit planned (each point once a fork, the extension and refinement reserved).
     */
    private void planSamples(Sweep sweep) {
        int first = sweep.points.size() + (workers.isEmpty() ? EXPECTED_EXTRA_POINTS : 0);
        int visits = first + (forks - 1) * (workers.isEmpty() ? (first + 1) / 2 : first); // the contenders: about half
        double ceilingRun = (CEILING_WARMUPS + CEILING_SAMPLES) * CEILING_DOWNLOADS / sweep.ceiling();
        double left = (sweep.deadline - sweep.lab.nanoTime()) / 1e9 - (forks - 1) * (sweep.forkSeconds + ceilingRun);
        // 95 %: estimates err, and a run that does not fit is not started
        sweep.sampleSeconds = Math.max(MIN_SECONDS, 0.95 * left / visits - WARMUP_SECONDS - sweep.runSeconds);
        sweep.lab
                .console()
                .printf(
                        Locale.ROOT,
                        "tune: the knee should be near W* = %s · L ≈ %.0f workers at L = %s: measuring %s (%s), %d %s each,"
                                + " about %.0f s of samples a point in each%n",
                        downstream.limited() ? "min(X_max, " + downstream.words() + ")" : "X_max",
                        knee(sweep.ceiling()),
                        network.loopback()
                                ? latency.text()
                                : String.format(
                                        Locale.ROOT,
                                        "%.0f ms (%s and %s)",
                                        waitMillis(),
                                        latency.text(),
                                        network.words()),
                        sweep.points,
                        codesParam(),
                        forks,
                        forks == 1 ? "fork" : "forks",
                        sweep.sampleSeconds);
    }

    static int warmups(double operation) {
        return (int) Math.max(MIN_WARMUPS, Math.min(MAX_SAMPLES, Math.ceil(WARMUP_SECONDS / operation)));
    }

    static int samples(double operation, double seconds) {
        return (int) Math.max(MIN_SAMPLES, Math.min(MAX_SAMPLES, Math.ceil(seconds / operation)));
    }

    /** The JMH options every run of the plan shares. */
    private List<String> common() {
        return new ArrayList<>(List.of(
                "-p",
                "strategy=" + strategy.name(),
                "-p",
                "timeout=" + timeout,
                "-p",
                "transport=http",
                "-p",
                "connections=warm"));
    }

    private List<String> ceilingArgs() {
        List<String> args = common();
        args.addAll(List.of(
                "-p",
                "latency=0",
                "-p",
                "maxWorkers=" + CEILING_WORKERS,
                "-p",
                "codes=" + CEILING_DOWNLOADS,
                "-wi",
                "" + CEILING_WARMUPS,
                "-i",
                "" + CEILING_SAMPLES));
        return args;
    }

    /** One worker count, one JMH run of its warm-ups and samples. */
    List<String> pointArgs(int w, int warmups, int samples) {
        List<String> args = common();
        args.addAll(List.of(
                "-p",
                "latency=" + latency.text(),
                "-p",
                "downstream=" + downstream.text(),
                "-p",
                "network=" + network.text(),
                "-p",
                "codes=" + codesParam(),
                "-p",
                "maxWorkers=" + w,
                "-wi",
                "" + warmups,
                "-i",
                "" + samples));
        return args;
    }

    /**
     * Downloads per second with the row's 95 % interval, as the console shows it; with refusals, those that got through
     * and the share refused, as the report counts them.
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

    /**
     * How long one operation at {@code w} workers should take: from the measured point nearest to
     * it (in ratio) at that point's throughput, else from the roofline with X_max.
     */
    double operationSeconds(int w, List<ResultRow> curve, double ceiling) {
        int n = downloads(w);
        return curve.stream()
                .min(Comparator.comparingDouble(r -> Math.abs(Math.log(Double.parseDouble(r.param("maxWorkers")) / w))))
                .map(r -> n
                        / (r.throughput()
                                * Math.min(
                                        1,
                                        w / Double.parseDouble(r.param("maxWorkers"))))) // level above it, W / L below
                .orElse(Math.max(Math.ceil((double) n / w) * waitMillis() / 1000, n / ceiling));
    }

    private int downloads(int w) {
        return CodeSets.named(codesParam(), w).size();
    }
}
