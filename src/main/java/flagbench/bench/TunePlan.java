package flagbench.bench;

import flagbench.download.Strategy;
import flagbench.download.Strategies;
import flagbench.report.ResultRow;
import flagbench.report.RunFolder;
import flagbench.report.Tuning;
import flagbench.timing.Latency;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.IntStream;
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
 *     sweep goes on at 2× and 4× it, up to {@value #MAX_KNEES}·W*.</li>
 * <li><b>The refinement.</b> Between the recommendation and the point below it, steps of at most
 *     {@value #FINE_STEP}× (about 19 %), so the recommendation is within one fine step of the
 *     fewest workers that reach the plateau.</li>
 * </ol>
 * Samples per point follow from the time budget. With an explicit worker list the plan measures
 * the ceiling and that list only (a dense check sweep).
 */
public record TunePlan(Strategy strategy, Latency latency, int rounds, String codes, List<Integer> workers, Duration budget,
                       double within, String timeout) implements Plan {

    public static final TunePlan DEFAULTS = new TunePlan(Strategies.named("pool"), Latency.parse("100ms"), 4, null, List.of(),
            Duration.ofMinutes(5), 0.05, "30s");

    /** Workers and downloads of the zero-latency run: enough in flight to keep two cores busy, long enough to time. */
    static final int CEILING_WORKERS = 64;
    static final int CEILING_DOWNLOADS = 2_000;
    static final double FINE_STEP = 1.19;
    /** What a fork costs beyond its samples on the reference machine: JVM start, the JIT warm-up, JMH (measured ~2-4 s). */
    static final double FORK_SECONDS = 4;
    static final int WARMUPS = 2;
    static final int MIN_SAMPLES = 3;
    static final int MAX_SAMPLES = 20;
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
        return switch (done.size()) {
            case 0 -> {
                System.out.printf("tune: measuring this machine's ceiling X_max: %s at zero latency, %d workers, %d downloads a sample%n",
                        strategy.name(), CEILING_WORKERS, CEILING_DOWNLOADS);
                yield Optional.of(common().param("latency", "0").param("maxWorkers", "" + CEILING_WORKERS)
                        .param("codes", "" + CEILING_DOWNLOADS).forks(1).warmupIterations(3).measurementIterations(5).build());
            }
            case 1 -> {
                double ceiling = ceiling(done.get(0));
                double knee = knee(ceiling);
                List<Integer> grid = workers.isEmpty() ? coarseGrid(knee) : workers;
                int samples = samples(grid, ceiling, budget.toMillis() / 1000.0 - 15, FINE_STEP_POINTS);
                System.out.printf(Locale.ROOT, "tune: X_max ≈ %.0f downloads/s, so the knee should be near W* = X_max · L ≈ %.0f workers at %s%n"
                                + "tune: measuring %s (%s, %d samples a point; about %.1f min)%n",
                        ceiling, knee, latency.text(), grid, codesParam(), samples,
                        estimateSeconds(grid, ceiling, samples) / 60);
                yield Optional.of(sweep(grid, samples));
            }
            default -> {
                if (!workers.isEmpty() || done.size() >= MAX_PARTS) {
                    yield Optional.empty();
                }
                List<ResultRow> all = done.stream().flatMap(List::stream).toList();
                Tuning sofar = Tuning.of(new RunFolder(Path.of("tune"), all, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()),
                        strategy.name(), within);
                List<Integer> measured = sofar.points().stream().map(Tuning.Point::workers).toList();
                double ceiling = ceiling(done.get(0));
                int last = measured.get(measured.size() - 1);
                List<Integer> next;
                String why;
                if (sofar.best().workers() == last && last < MAX_KNEES * knee(ceiling) && !sofar.best().failing()) {
                    next = List.of(2 * last, 4 * last);
                    why = "throughput still rises at " + last + " workers; extending the sweep";
                } else {
                    next = fineGrid(measured, sofar.recommended().workers());
                    why = "the sweep so far recommends " + sofar.recommended().workers() + " workers; refining below it";
                }
                if (next.isEmpty()) {
                    yield Optional.empty();
                }
                int samples = samples(next, ceiling, budget.toMillis() / 1000.0 - estimateSeconds(measured, ceiling, MIN_SAMPLES) - 15, 0);
                System.out.printf("tune: %s: %s%n", why, next);
                yield Optional.of(sweep(next, samples));
            }
        };
    }

    /** At most this many JMH runs: the ceiling, the coarse sweep, two extensions, a refinement. */
    static final int MAX_PARTS = 5;
    /** A sweep is extended while its best point is its last, up to this many times W*. */
    static final int MAX_KNEES = 32;

    /** Refinement points expected after the coarse sweep, reserved in its budget. */
    private static final int FINE_STEP_POINTS = 3;

    private ChainedOptionsBuilder common() {
        return new OptionsBuilder().param("strategy", strategy.name()).param("timeout", timeout).param("transport", "http")
                .param("connections", "warm");
    }

    private Options sweep(List<Integer> grid, int samples) {
        return common().param("latency", latency.text()).param("codes", codesParam())
                .param("maxWorkers", grid.stream().map(String::valueOf).toArray(String[]::new))
                .forks(1).warmupIterations(WARMUPS).measurementIterations(samples).build();
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

    /** The most samples (3 … 20) a point whose plan fits the remaining budget, with {@code extra} points of the knee's cost to come. */
    int samples(List<Integer> grid, double ceiling, double secondsLeft, int extra) {
        var planned = new ArrayList<>(grid);
        IntStream.range(0, extra).forEach(i -> planned.add((int) Math.round(knee(ceiling))));
        for (int samples = MAX_SAMPLES; samples > MIN_SAMPLES; samples--) {
            if (estimateSeconds(planned, ceiling, samples) <= secondsLeft) {
                return samples;
            }
        }
        return MIN_SAMPLES;
    }

    /** A fork per point, then warm-ups and samples of rounds × max(L, W / X_max) each (+20 % for what neither bound sees). */
    double estimateSeconds(List<Integer> grid, double ceiling, int samples) {
        double total = 0;
        for (int w : grid) {
            int n = codes != null ? flagbench.catalog.CodeSets.named(codes).size() : rounds * w;
            double latencyBound = Math.ceil((double) n / w) * latency.meanMillis() / 1000;
            double operation = 1.2 * Math.max(latencyBound, n / ceiling);
            total += FORK_SECONDS + (WARMUPS + samples) * operation;
        }
        return total;
    }
}
