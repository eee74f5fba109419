package flagbench.bench;

import flagbench.download.Strategies;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The benchmark suites. A suite is one or more JMH runs ("parts") whose results land in one
 * {@code jmh.json}; several parts give rows with different worker counts per strategy.
 * Every row runs in SingleShotTime: one sample is one whole {@code downloadMany}.
 */
public enum Suite {

    DEFAULT("POP20, every strategy, 20 workers: 100 ms and 0 ms warm, 100 ms cold; 2 forks x 8 samples",
            b -> b.param("latency", "100ms", "0").param("connections", "warm"),
            b -> b.param("latency", "100ms").param("connections", "cold")),

    QUICK("POP20 at 20 ms, every strategy, warm; 1 fork x 5 samples (a smoke test)",
            b -> b.param("latency", "20ms").forks(1).warmupIterations(2).measurementIterations(5)),

    SWEEP("pool and bounded over maxWorkers 1..128, all 194 flags at 50 ms; 1 fork x 10 samples",
            b -> b.param("strategy", "pool", "bounded")
                    .param("maxWorkers", "1", "2", "4", "8", "16", "20", "32", "64", "128")
                    .param("codes", "all").param("latency", "50ms")
                    .forks(1).warmupIterations(2).measurementIterations(10)),

    SCALE("pool(200), bounded(1000), virtual, async at 1,000 / 5,000 / 10,000 downloads, 100 ms,"
            + " http and simulated, 30 s timeout; 1 fork x 5 samples",
            b -> scale(b).param("strategy", "pool").param("maxWorkers", "200"),
            b -> scale(b).param("strategy", "bounded").param("maxWorkers", "1000"),
            b -> scale(b).param("strategy", "virtual", "async").param("maxWorkers", "1"));

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

    /** The JMH options of each part: the benchmark's own defaults (every registered strategy), then the suite's. */
    List<Options> parts() {
        return parts.stream().map(part -> part.apply(new OptionsBuilder()
                .include(DownloadBenchmark.class.getName() + ".downloadMany")
                .param("strategy", Strategies.names().toArray(String[]::new))
                .forks(2).warmupIterations(3).measurementIterations(8)
                .shouldFailOnError(true)).build()).toList();
    }
}
