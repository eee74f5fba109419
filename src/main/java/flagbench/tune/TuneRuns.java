package flagbench.tune;

import flagbench.catalog.CodeSets;
import flagbench.results.ResultRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What each run of a tune asks JMH for (the ceiling's, and a point's parameters, warm-ups and samples), and how long
 * one operation of a point should take, from the curve so far or the roofline. Immutable.
 */
final class TuneRuns {
    /** The ceiling's JMH warm-ups and samples (about 0.2 s each on the reference machine), after the fork's steady state. */
    static final int CEILING_WARMUPS = 10;

    static final int CEILING_SAMPLES = 20;
    static final int CEILING_ITERATIONS = CEILING_WARMUPS + CEILING_SAMPLES;
    /**
     * JMH's warm-up of each point, in seconds of operations (at least {@value #MIN_WARMUPS}): the fork is at steady
     * state already, but a new worker count has threads, connections and queues of its own to grow.
     */
    static final double WARMUP_SECONDS = 2;

    static final int MIN_WARMUPS = 2;
    static final int MIN_SAMPLES = 5;
    static final int MAX_SAMPLES = 500;

    private final TunePlan plan;

    TuneRuns(TunePlan plan) {
        this.plan = plan;
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
                "strategy=" + plan.strategy().name(),
                "-p",
                "timeout=" + plan.timeout(),
                "-p",
                "transport=http",
                "-p",
                "connections=warm"));
    }

    /** The ceiling's run: the strategy at zero latency, {@link TunePlan#CEILING_WORKERS} workers. */
    List<String> ceilingArgs() {
        List<String> args = common();
        args.addAll(List.of(
                "-p",
                "latency=0",
                "-p",
                "maxWorkers=" + TunePlan.CEILING_WORKERS,
                "-p",
                "codes=" + TunePlan.CEILING_DOWNLOADS,
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
                "latency=" + plan.latency().text(),
                "-p",
                "downstream=" + plan.downstream().text(),
                "-p",
                "network=" + plan.network().text(),
                "-p",
                "codes=" + plan.codesParam(),
                "-p",
                "maxWorkers=" + w,
                "-wi",
                "" + warmups,
                "-i",
                "" + samples));
        return args;
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
                .orElse(Math.max(Math.ceil((double) n / w) * plan.waitMillis() / 1000, n / ceiling));
    }

    private int downloads(int w) {
        return CodeSets.named(plan.codesParam(), w).size();
    }
}
