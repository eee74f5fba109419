package flagbench.bench;

import flagbench.download.Strategy;
import flagbench.download.Strategies;
import flagbench.report.ResultRow;
import flagbench.report.RunFolder;
import flagbench.report.Tuning;
import flagbench.timing.Latency;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * tune's adaptive maxWorkers sweep: JMH runs that each depend on what the ones before measured.
 * <ol>
 * <li><b>The ceiling.</b> The strategy at zero latency with {@value #CEILING_WORKERS} workers:
 *     X_max, the downloads per second this machine manages when nothing waits.</li>
 * <li><b>The coarse sweep.</b> Throughput is bounded by W / L and by X_max, so the knee is near
 *     W* = X_max · L. The sweep measures W* / 8 … 4·W* in steps of 2, each worker count with
 *     {@code rounds} × W downloads so that every one does the same number of rounds.</li>
 * <li><b>The extension.</b> While the best point is the largest measured (throughput still rising:
 *     the knee is softer than the roofline when latency and CPU time add up in each round), the
 *     sweep goes on at 2× it, up to {@value #MAX_KNEES}·W*.</li>
 * <li><b>The refinement.</b> Between the recommendation and the point below it, steps of at most
 *     {@value #FINE_STEP}× (about 19 %), so the recommendation is within one fine step of the
 *     fewest workers that reach the plateau.</li>
 * <li><b>The confirmation.</b> The recommendation, the measured points either side of it and the
 *     best point get as many fresh forks again, one fork a run, taking turns. The sweep stops
 *     refining when a point becomes the recommendation, so the recommended point is one that
 *     measured high (in the reference runs before this step it was always the last point measured,
 *     and a dense check measured it 7-17 % lower); forks that did not choose it halve that luck.</li>
 * </ol>
 * Each point is a JMH run of its own, {@code forks} forks ({@value #DEFAULT_FORKS} unless told): each warms up to steady
 * state ({@link SteadyState}), then takes samples for its part of the point's share of the budget (the same time for every
 * point, so a short operation gets more samples). With an explicit worker list the plan measures the ceiling and that list
 * only (a dense check sweep).
 */
public record TunePlan(Strategy strategy, Latency latency, int rounds, String codes, List<Integer> workers, Duration budget,
                       double within, String timeout, int forks) implements Plan {

    public static final TunePlan DEFAULTS = new TunePlan(Strategies.named("pool"), Latency.parse("100ms"), 4, null, List.of(),
            Duration.ofMinutes(15), 0.05, "30s", TunePlan.DEFAULT_FORKS);

    /** Workers and downloads of the zero-latency run: enough in flight to keep two cores busy, long enough to time. */
    static final int CEILING_WORKERS = 64;
    static final int CEILING_DOWNLOADS = 2_000;
    static final double FINE_STEP = 1.19;
    /**
     * What a fork costs beyond its samples on the reference machine: JVM start and JMH (~2-4 s), JMH's
     * warm-up iterations, and the warm-up to steady state ({@link SteadyState}: 10-45 s, longest for long operations and while the server is cold).
     */
    static final double FORK_SECONDS = 24 + TunePlan.WARMUP_SECONDS;
    /**
     * Forks per point unless told. One fork's samples say nothing of the next fork's: each JVM compiles its own
     * way, and here forks of one point differ by ±3 % (three of pool at 20 ms, 374 workers: 5722,
     * 5833, 6075/s) while each fork's own interval is ±2 %. With two, the interval comes from the
     * forks (the bootstrap resamples forks first), and one lucky JVM moves a point half as far.
     */
    public static final int DEFAULT_FORKS = 2;
    /** Points the confirmation is expected to cover (the recommendation and the points beside it), reserved in the budget. */
    static final int CONFIRMED_POINTS = 3;
    /** At most this many confirmation runs: the recommendation may move while they run, and each move adds points to confirm. */
    static final int MAX_CONFIRMATIONS = 12;
    /**
     * JMH warm-up after the steady-state warm-up, in seconds of operations (at least {@value #MIN_WARMUPS}): in the
     * reference runs with three warm-up iterations whatever the operation's length, a fork's first measured samples
     * were still 10-40 % slow and its second half 5-7 % faster than its first; with 20 iterations (4 s at 200 ms an
     * operation) neither.
     */
    static final double WARMUP_SECONDS = 5;
    static final int MIN_WARMUPS = 3;
    static final int MIN_SAMPLES = 5;
    static final int MAX_SAMPLES = 500;
    /** The ceiling's samples, and what its run costs in all. */
    static final int CEILING_SAMPLES = 40;
    /** About {@value #WARMUP_SECONDS} s at ~0.2 s an operation (2,000 downloads at ~10,000/s on the reference machine). */
    static final int CEILING_WARMUPS = 25;
    static final double CEILING_SECONDS = 45;
    /** The least time of samples a point gets, however small the budget. */
    static final double MIN_SECONDS = 5;
    /** The coarse grid around W*, as multiples of it. */
    private static final double[] COARSE = {1 / 8.0, 1 / 4.0, 1 / 2.0, 1, 2, 4};

    public TunePlan {
        requireTunable(strategy);
        if (!(latency.meanMillis() > 0)) {
            throw new IllegalArgumentException("--latency " + latency.text()
                    + ": tune needs a latency above zero (with nothing to wait for, there is nothing to overlap)");
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
        }
        if (workers.stream().anyMatch(w -> w < 1)) {
            throw new IllegalArgumentException("--workers must all be at least 1, got " + workers);
        }
        if (!(within >= 0 && within < 1)) {
            throw new IllegalArgumentException("--within must be in 0..1, got " + within);
        }
        if (forks < 1) {
            throw new IllegalArgumentException("--forks must be at least 1, got " + forks);
        }
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("--budget must be above zero, got " + budget);
        }
        workers = List.copyOf(new TreeSet<>(workers));
        for (var parameter : List.of(new String[] {"codes", codesParam(codes, rounds)}, new String[] {"timeout", timeout})) {
            DownloadBenchmark.checkParameter(parameter[0], parameter[1]);
        }
    }

    @Override
    public String label() {
        return "tune";
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "tune %s at %s: X_max at zero latency, then maxWorkers around X_max·L (%s), within %s",
                strategy.name(), latency.text(), workers.isEmpty() ? "adaptive, " + codesParam() : "workers " + workers,
                budget.toMinutes() > 0 ? budget.toMinutes() + " min" : budget.toSeconds() + " s");
    }

    @Override
    public boolean repeatable() {
        return false;
    }

    /** @throws IllegalArgumentException for a strategy that maxWorkers does not limit: it has no curve to tune */
    public static void requireTunable(Strategy strategy) {
        if (!strategy.usesMaxWorkers()) {
            throw new IllegalArgumentException("--strategy " + strategy.name() + " does not use maxWorkers: nothing to tune");
        }
    }

    private String codesParam() {
        return codesParam(codes, rounds);
    }

    /** The sweep's {@code codes} parameter: a fixed set, or {@code Krounds}. */
    private static String codesParam(String codes, int rounds) {
        return codes != null ? codes : rounds + "rounds";
    }

    /** W* = X_max · L: where the two bounds on throughput meet. */
    private double knee(double ceiling) {
        return ceiling * latency.meanMillis() / 1000;
    }

    @Override
    public Optional<Options> next(List<List<ResultRow>> done) {
        if (done.isEmpty()) {
            System.out.printf("tune: measuring this machine's ceiling X_max: %s at zero latency, %d workers, %d downloads a sample%n",
                    strategy.name(), CEILING_WORKERS, CEILING_DOWNLOADS);
            return Optional.of(common().param("latency", "0").param("maxWorkers", "" + CEILING_WORKERS)
                    .param("codes", "" + CEILING_DOWNLOADS).forks(1).warmupIterations(CEILING_WARMUPS)
                    .measurementIterations(CEILING_SAMPLES).build());
        }
        double ceiling = ceiling(done.get(0));
        List<ResultRow> curve = curve(done);
        var forksAt = new java.util.TreeMap<Integer, Integer>(); // the curve has one row per worker count
        curve.forEach(r -> forksAt.put(Integer.parseInt(r.param("maxWorkers")), r.forks().length));
        var measured = forksAt.navigableKeySet();
        List<Integer> grid = workers.isEmpty() ? coarseGrid(knee(ceiling)) : workers;
        int planned = grid.size() + (workers.isEmpty() ? EXPECTED_EXTRA_POINTS + CONFIRMED_POINTS : 0);
        double seconds = secondsPerPoint(planned);
        if (measured.isEmpty()) {
            System.out.printf(Locale.ROOT, "tune: X_max ≈ %.0f downloads/s, so the knee should be near W* = X_max · L ≈ %.0f workers at %s%n"
                            + "tune: measuring %s (%s), %d forks each: a warm-up to steady state, then %.0f s of samples"
                            + " (about %.1f min in all)%n",
                    ceiling, knee(ceiling), latency.text(), grid, codesParam(), forks, seconds / forks,
                    planned * (forks * FORK_SECONDS + seconds) / 60);
        }
        Optional<Integer> first = grid.stream().filter(w -> !measured.contains(w)).findFirst();
        if (first.isPresent()) {
            return Optional.of(point(first.get(), seconds, curve, ceiling, forks));
        }
        if (!workers.isEmpty()) {
            return Optional.empty();
        }
        Tuning sofar = Tuning.of(new RunFolder(Path.of("tune"), curve, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()),
                strategy.name(), within);
        // the forks beyond each point's own are the confirmation's: once there is one, the sweep is over
        int confirmations = forksAt.values().stream().mapToInt(Integer::intValue).sum() - measured.size() * forks;
        if (confirmations == 0 && measured.size() < MAX_POINTS) {
            int last = measured.last();
            if (sofar.best().workers() == last && last < MAX_KNEES * knee(ceiling) && !sofar.best().failing()) {
                System.out.printf("tune: throughput still rises at %d workers; extending the sweep to %d%n", last, 2 * last);
                return Optional.of(point(2 * last, seconds, curve, ceiling, forks));
            }
            List<Integer> fine = fineGrid(List.copyOf(measured), sofar.recommended().workers());
            if (!fine.isEmpty()) {
                System.out.printf("tune: the sweep so far recommends %d workers; refining below it: %d%n",
                        sofar.recommended().workers(), fine.get(0));
                return Optional.of(point(fine.get(0), seconds, curve, ceiling, forks));
            }
        }
        if (confirmations >= MAX_CONFIRMATIONS) {
            return Optional.empty();
        }
        return toConfirm(sofar, forksAt, 2 * forks).map(w -> {
            System.out.printf("tune: the sweep recommends %d workers (best %d); confirming with a fresh fork: %d%n",
                    sofar.recommended().workers(), sofar.best().workers(), w);
            return point(w, seconds, curve, ceiling, 1);
        });
    }

    /**
     * The next point of the confirmation: of the recommendation, the points measured either side of
     * it and the best (failing points aside), the one with the fewest forks ({@code forksAt}: by measured worker count),
     * when it has fewer than {@code target}; the smaller worker count first among equals, so the points take turns.
     */
    static Optional<Integer> toConfirm(Tuning sofar, java.util.Map<Integer, Integer> forksAt, int target) {
        List<Integer> sound = sofar.points().stream().filter(p -> !p.failing()).map(Tuning.Point::workers).toList();
        int at = sound.indexOf(sofar.recommended().workers());
        var candidates = new TreeSet<Integer>(List.of(sofar.recommended().workers(), sofar.best().workers()));
        if (at > 0) {
            candidates.add(sound.get(at - 1));
        }
        if (at >= 0 && at + 1 < sound.size()) {
            candidates.add(sound.get(at + 1));
        }
        return candidates.stream().filter(w -> forksAt.get(w) < target)
                .min(java.util.Comparator.<Integer>comparingInt(forksAt::get).thenComparing(java.util.Comparator.naturalOrder()));
    }

    /** The rows measured at the plan's latency, one per worker count (a count measured twice is one row with both forks). */
    private static List<ResultRow> curve(List<List<ResultRow>> done) {
        return RunFolder.oneRowPerKey(done.stream().skip(1).flatMap(List::stream).toList());
    }

    /** At most this many worker counts in one adaptive sweep. */
    static final int MAX_POINTS = 16;
    /** A sweep is extended while its best point is its last, up to this many times W*. */
    static final int MAX_KNEES = 32;
    /** Points expected after the coarse sweep (an extension or two, the refinement), reserved in the budget. */
    static final int EXPECTED_EXTRA_POINTS = 4;

    private ChainedOptionsBuilder common() {
        return new OptionsBuilder().param("strategy", strategy.name()).param("timeout", timeout).param("transport", "http")
                .param("connections", "warm").jvmArgsAppend("-D" + SteadyState.PROPERTY + "=on");
    }

    /**
     * One worker count, one JMH run of {@code runForks} forks, each with a fork's share of the point's seconds: every point gets about the same time of samples whatever its
     * operation's length (the noise of this machine averages out with time, not with counts), so
     * the number of samples differs from point to point, which JMH allows per run only.
     */
    private Options point(int w, double seconds, List<ResultRow> curve, double ceiling, int runForks) {
        double operation = operationSeconds(w, curve, ceiling);
        int samples = (int) Math.max(MIN_SAMPLES, Math.min(MAX_SAMPLES, Math.ceil(seconds / forks / operation)));
        int warmups = (int) Math.max(MIN_WARMUPS, Math.min(MAX_SAMPLES, Math.ceil(WARMUP_SECONDS / operation)));
        return common().param("latency", latency.text()).param("codes", codesParam()).param("maxWorkers", "" + w)
                .forks(runForks).warmupIterations(warmups).measurementIterations(samples).build();
    }

    /**
     * How long one operation at {@code w} workers should take: from the measured point nearest to
     * it (in ratio) at that point's throughput, else from the roofline with X_max.
     */
    double operationSeconds(int w, List<ResultRow> curve, double ceiling) {
        int n = downloads(w);
        return curve.stream()
                .min(java.util.Comparator.comparingDouble(r -> Math.abs(Math.log(Double.parseDouble(r.param("maxWorkers")) / w))))
                .map(r -> n / (r.throughput() * Math.min(1, w / Double.parseDouble(r.param("maxWorkers"))))) // level above it, W / L below
                .orElse(Math.max(Math.ceil((double) n / w) * latency.meanMillis() / 1000, n / ceiling));
    }

    private int downloads(int w) {
        return codes != null ? flagbench.catalog.CodeSets.named(codes).size() : rounds * w;
    }

    /** X_max from the zero-latency rows: downloads per second of the fastest. */
    static double ceiling(List<ResultRow> rows) {
        return rows.stream().mapToDouble(ResultRow::throughput).max()
                .orElseThrow(() -> new IllegalStateException("the zero-latency run measured nothing"));
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
        int steps = (int) Math.ceil(Math.log(ratio) / Math.log(FINE_STEP) - 0.05); // a step that rounding made a little longer is still one
        var fine = new TreeSet<Integer>();
        for (int i = 1; i < steps; i++) {
            fine.add((int) Math.round(below.get() * Math.pow(ratio, (double) i / steps)));
        }
        fine.removeAll(measured);
        return List.copyOf(fine);
    }

    /**
     * Seconds of samples a point gets: the budget, less the forks' fixed cost, shared by {@code points}
     * points (at least {@value #MIN_SECONDS} s).
     */
    double secondsPerPoint(int points) {
        double left = budget.toMillis() / 1000.0 - CEILING_SECONDS - points * forks * FORK_SECONDS;
        return Math.max(MIN_SECONDS, left / points);
    }
}
