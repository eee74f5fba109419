package flagbench.bench;

import flagbench.download.Clients;
import flagbench.results.ResultRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openjdk.jmh.runner.options.Options;

/**
 * One turn of a suite's forks in shared JVMs: a fork of every row of the turn's parts, measured one after another
 * in one JVM per client ({@link MeasuringJvm}), in an order that moves on with every turn.
 *
 * <p>Why: a fork in a JVM of its own, as JMH makes it, spent about 4.5 s here on starting the JVM, loading the HTTP
 * stack and compiling it in its JIT warm-up, against about 2 s of samples: two thirds of the default suite's
 * 10 minutes. In a shared JVM only its first row pays for that.
 *
 * <p>Why one JVM per client: what a client library leaves in a JVM stays there (Reactor Netty's event loops, a
 * JVM-wide connection cache, its classes in the JIT's profiles), and would be counted in another client's threads
 * and time. Every row of one JVM runs on the same library.
 *
 * <p>Why this order: a row measured late in a JVM finds it warmer than the row measured first. The rows that waiting
 * bounds go first, those the CPU bounds last ({@link #turn}); among rows alike, the order moves by a different offset
 * every turn, so each is measured at a different place in each of its forks, and what warmth is left spreads over its
 * forks (into its interval) rather than into one row's mean. The fork stays the unit: a row's forks come from as many
 * JVMs as there are turns, and the rows of one JVM are different rows.
 */
final class SharedForks {

    private SharedForks() {}

    /** One fork of one row: the client whose JVM measures it, and the JMH options of its run. */
    record Run(String client, List<String> jvmArgs, Map<String, String> params, List<String> jmhArgs) {}

    /** The runs of one JVM, in the order it measures them. */
    record Jvm(String client, List<String> jvmArgs, List<Run> runs) {}

    /**
     * Why the user's JMH options need a JVM of their own per fork, or empty when they do not: a profiler, other
     * JVM arguments or another JVM act when a JVM starts, and another mode or thread count would not be the suite's
     * single-shot run of one operation.
     */
    static Optional<String> whyNotShared(Options user) {
        if (!user.getProfilers().isEmpty()) {
            return Optional.of("-prof");
        }
        if (user.getJvm().hasValue()
                || user.getJvmArgs().hasValue()
                || user.getJvmArgsAppend().hasValue()
                || user.getJvmArgsPrepend().hasValue()) {
            return Optional.of("JVM options");
        }
        if (!user.getBenchModes().isEmpty()
                || user.getThreads().hasValue()
                || user.getOperationsPerInvocation().hasValue()
                || user.getTimeUnit().hasValue()
                || user.getThreadGroups().hasValue()) {
            return Optional.of("-bm, -t, -tg, -opi or -tu");
        }
        return Optional.empty();
    }

    /**
     * The rows of a part, each with its run's JMH options: every combination of the part's parameter values, as JMH
     * would measure them, with the part's warm-up and sample counts.
     *
     * @param part the part's options with the user's on top ({@link LayeredOptions})
     */
    static List<Run> rows(Options part) {
        var combinations = new ArrayList<Map<String, String>>();
        combinations.add(new LinkedHashMap<>());
        for (String name : BenchmarkParameters.NAMES) {
            var values = part.getParameter(name);
            if (!values.hasValue()) {
                continue;
            }
            var grown = new ArrayList<Map<String, String>>();
            for (Map<String, String> combination : combinations) {
                for (String value : values.get()) {
                    var next = new LinkedHashMap<>(combination);
                    next.put(name, value);
                    grown.add(next);
                }
            }
            combinations = grown;
        }
        var common = new ArrayList<String>();
        add(common, "-wi", part.getWarmupIterations());
        add(common, "-i", part.getMeasurementIterations());
        add(common, "-wbs", part.getWarmupBatchSize());
        add(common, "-bs", part.getMeasurementBatchSize());
        List<String> jvmArgs = List.copyOf(part.getJvmArgsAppend().orElse(List.of()));
        return combinations.stream()
                .map(params -> {
                    var args = new ArrayList<String>();
                    params.forEach((name, value) -> args.addAll(List.of("-p", name + "=" + value)));
                    args.addAll(common);
                    return new Run(
                            params.getOrDefault("client", Clients.DEFAULT),
                            jvmArgs,
                            Map.copyOf(params),
                            List.copyOf(args));
                })
                .toList();
    }

    private static void add(List<String> args, String option, org.openjdk.jmh.util.Optional<Integer> value) {
        if (value.hasValue()) {
            args.addAll(List.of(option, "" + value.get()));
        }
    }

    /**
     * Turn {@code turn} (from 1) of {@code turns}: the runs of these parts grouped into one JVM per client (and JVM
     * arguments). Within a JVM the rows go by their latency bound, longest first, and each block of rows with the same
     * bound is turned by {@code (turn - 1) · size / turns}.
     *
     * <p>Why by the latency bound: a JVM's first rows run while C2 still compiles the HTTP stack (measured in the first
     * run made this way, {@code 20261202-072415-vm}: in each JVM the first few 100 ms rows were 10–25 % slower than the
     * same rows later, and a 0 ms row's fork took twice as long 2 rows into a JVM as 19 rows in). A row whose time is
     * nearly all waiting (sequential at 100 ms: 2,000 ms of its 2,045) cannot tell a cold JVM from a warm one, and warms
     * the JVM for the rows after it; the rows the CPU bounds (0 ms) come last, where the JVM is warmest.
     *
     * <p>A JVM whose first row is CPU-bound has no such row to warm it: its first trial warms up until the JIT
     * compilers are quiet ({@link SteadyState}). Measured (2026-12-07, {@code docs/benchmarks.md}): the default suite's
     * 0 ms rows, after its 100 ms rows, read as a JVM per fork warmed to steady state does (every row within the
     * intervals); the same rows alone in a shared JVM read 24–74 % slower, and in a JVM per fork after JMH's 6 warm-ups
     * 30–153 % slower: code still being compiled.
     */
    static List<Jvm> turn(List<Options> parts, int turn, int turns) {
        Map<List<Object>, List<Run>> byJvm = parts.stream()
                .flatMap(part -> rows(part).stream())
                .collect(Collectors.groupingBy(
                        run -> List.of(run.client(), run.jvmArgs()), LinkedHashMap::new, Collectors.toList()));
        return byJvm.values().stream()
                .map(runs -> {
                    var blocks = runs.stream()
                            .collect(Collectors.groupingBy(
                                    SharedForks::latencyBound,
                                    () -> new TreeMap<Double, List<Run>>(Comparator.reverseOrder()),
                                    Collectors.toList()));
                    var turned = new ArrayList<Run>();
                    blocks.values().forEach(block -> {
                        int offset = (int) ((long) (turn - 1) * block.size() / Math.max(1, turns)) % block.size();
                        turned.addAll(block.subList(offset, block.size()));
                        turned.addAll(block.subList(0, offset));
                    });
                    List<String> jvmArgs = runs.get(0).jvmArgs();
                    if (latencyBound(turned.get(0)) == 0 && !jvmArgs.contains(Lab.STEADY_STATE)) {
                        jvmArgs = Stream.concat(jvmArgs.stream(), Stream.of(Lab.STEADY_STATE))
                                .toList();
                    }
                    return new Jvm(runs.get(0).client(), jvmArgs, List.copyOf(turned));
                })
                .toList();
    }

    /** A row's latency bound in ms (rounds × latency, {@link ResultRow#idealMillis}), 0 where it cannot be known. */
    static double latencyBound(Run run) {
        var params = new TreeMap<>(BenchmarkParameters.DEFAULTS);
        params.putAll(run.params());
        double bound = new ResultRow("downloadMany", params, "ms/op", new double[0][], new TreeMap<>()).idealMillis();
        return Double.isNaN(bound) ? 0 : bound;
    }

    /** The parameters whose values differ among these runs: what a console line must name to tell them apart. */
    static List<String> varied(List<Jvm> jvms) {
        List<Run> runs = jvms.stream().flatMap(jvm -> jvm.runs().stream()).toList();
        return BenchmarkParameters.NAMES.stream()
                .filter(name -> name.equals("strategy")
                        || runs.stream()
                                        .map(r -> r.params().getOrDefault(name, ""))
                                        .distinct()
                                        .count()
                                > 1)
                .toList();
    }
}
