package flagbench.results;

import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a row is called in every file of a run folder (jmh.json's rows read back, waits.json, noise.json): the benchmark's
 * short name and its parameters in name order, e.g. {@code downloadMany latency=100ms strategy=pool}. A fork names the
 * row it measured by it, and the launcher merges the forks' files by it: one definition, so the two always agree.
 */
public record RowKey(String benchmark, SortedMap<String, String> params) {

    public RowKey {
        params = new TreeMap<>(params);
    }

    /** The key of a row as JMH names its benchmark ({@code flagbench.bench.DownloadBenchmark.downloadMany}). */
    public static RowKey ofJmh(String jmhBenchmark, SortedMap<String, String> params) {
        return new RowKey(shortName(jmhBenchmark), params);
    }

    /** JMH's benchmark name less its package and class: the method. */
    public static String shortName(String jmhBenchmark) {
        return jmhBenchmark.substring(jmhBenchmark.lastIndexOf('.') + 1);
    }

    /** The parameters as {@code name=value} words in name order. */
    public String paramText() {
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    @Override
    public String toString() {
        return benchmark + " " + paramText();
    }
}
