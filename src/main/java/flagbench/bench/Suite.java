package flagbench.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The benchmark suites. A suite is one or more JMH runs ("parts") whose results land in one
 * {@code jmh.json}; several parts give rows with different worker counts per strategy.
 * Every row runs in SingleShotTime: one sample is one whole {@code downloadMany}.
 */
public enum Suite {

    DEFAULT("POP20, five strategies, 20 workers: 100 ms and 0 ms warm, 100 ms cold; 2 forks x 8 samples",
            b -> b.param("latency", "100ms", "0").param("connections", "warm"),
            b -> b.param("latency", "100ms").param("connections", "cold")),

    QUICK("POP20 at 20 ms, five strategies, warm; 1 fork x 5 samples (a smoke test)",
            b -> b.param("latency", "20ms").forks(1).warmupIterations(2).measurementIterations(5)),

    SWEEP("pool and bounded over maxWorkers 1..128, all 194 flags at 50 ms; 1 fork x 10 samples",
            b -> b.param("strategy", "pool", "bounded")
                    .param("maxWorkers", "1", "2", "4", "8", "16", "20", "32", "64", "128")
                    .param("codes", "all").param("latency", "50ms")
                    .forks(1).warmupIterations(2).measurementIterations(10)),

    SCALE("pool(200), bounded(1000), virtual, async(unbounded) at 1,000 / 5,000 / 10,000 downloads, 100 ms,"
            + " http and simulated, 30 s timeout; 1 fork x 5 samples",
            b -> scale(b).param("strategy", "pool").param("maxWorkers", "200"),
            b -> scale(b).param("strategy", "bounded").param("maxWorkers", "1000"),
            b -> scale(b).param("strategy", "virtual").param("maxWorkers", "1"),
            b -> scale(b).param("strategy", "async").param("maxWorkers", "100000"));

    private final String description;
    private final List<UnaryOperator<ChainedOptionsBuilder>> parts;

    @SafeVarargs
    Suite(String description, UnaryOperator<ChainedOptionsBuilder>... parts) {
        this.description = description;
        this.parts = List.of(parts);
    }

    private static ChainedOptionsBuilder scale(ChainedOptionsBuilder b) {
        return b.param("codes", "1000", "5000", "10000").param("latency", "100ms")
                .param("transport", "http", "simulated").param("timeout", "30s")
                .forks(1).warmupIterations(2).measurementIterations(5);
    }

    public String description() {
        return description;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The JMH options of each part: the benchmark's own defaults, then the suite's. */
    List<Options> parts() {
        return parts.stream().map(part -> part.apply(new OptionsBuilder()
                .include(DownloadBenchmark.class.getName() + ".downloadMany")
                .forks(2).warmupIterations(3).measurementIterations(8)
                .shouldFailOnError(true)).build()).toList();
    }

    public static Suite parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown suite '" + name + "': use one of "
                    + Arrays.stream(values()).map(Suite::label).collect(Collectors.joining(", ")));
        }
    }
}
