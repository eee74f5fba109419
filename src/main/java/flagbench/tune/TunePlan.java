package flagbench.tune;

import flagbench.bench.BenchmarkParameters;
import flagbench.bench.Lab;
import flagbench.bench.Plan;
import flagbench.download.Strategies;
import flagbench.download.Strategy;
import flagbench.report.Tuning;
import flagbench.timing.Downstream;
import flagbench.timing.Latency;
import flagbench.timing.Network;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * What tune measures: a strategy's maxWorkers curve at one latency (across a network, against a downstream), within a
 * budget of wall-clock time; the options are checked once, here. {@link TuneSweep} measures it: forks, the ceiling,
 * the adaptive sweep; {@link TuneGrid} says where to measure next; {@link TuneNarration} tells the user. Immutable.
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
    /**
     * Forks per point unless told. One fork's samples say nothing of the next fork's: each JVM compiles its own
     * way, and here forks of one point differ by ±3 % (three of pool at 20 ms, 374 workers: 5722,
     * 5833, 6075/s) while each fork's own interval is ±2 %. With two, the interval comes from the
     * forks (the bootstrap resamples forks first), and one lucky JVM moves a point half as far.
     */
    public static final int DEFAULT_FORKS = 2;
    /** The least budget: one fork's start, the ceiling and two points. */
    public static final Duration MIN_BUDGET = Duration.ofSeconds(45);

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

    String codesParam() {
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
    double knee(double ceiling) {
        double bound = downstream.throughputBound(latency.meanMillis()).orElse(Double.POSITIVE_INFINITY);
        return Math.min(ceiling, bound) * waitMillis() / 1000;
    }

    /** What a worker waits per download, L in W* = X_max · L: a sweep's workers keep their connections warm. */
    double waitMillis() {
        return network.warmWaitMillis(latency.meanMillis());
    }

    @Override
    public void measure(Lab lab) {
        new TuneSweep(lab, this, new TuneNarration(lab.console(), this)).measure();
    }
}
