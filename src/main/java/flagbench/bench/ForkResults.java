package flagbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import flagbench.results.RowKey;
import flagbench.results.RunFolder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.WorkloadParams;

/**
 * A bench's forks as JMH's own JSON: one result per benchmark and parameters, with {@code "forks": N} and one
 * {@code rawData} entry (and one per secondary metric) per fork, whichever JVM each fork ran in. Score, error,
 * confidence and percentiles are JMH's own computation over all the forks, as if JMH had forked them itself; so
 * JMH's tools, and any script that keys a result by benchmark and parameters, read a row once.
 *
 * <p>Why this is needed: the launcher runs each fork as a JMH run of its own ({@link SharedForks}, and
 * {@code -f 1} runs for a JVM per fork), so JMH writes each as a result with one fork. This class takes each run's
 * {@link RunResult}s (in this JVM, or serialised by a {@link MeasuringJvm}), keeps every fork's
 * {@link BenchmarkResult} untouched, and writes one {@link RunResult} per row through JMH's JSON format.
 *
 * <p>Which JVM each fork ran in, and at which place in it, goes beside jmh.json in {@value #FORKS_JSON}, by row
 * key, in the forks' order: JMH's fields keep their meaning. Rows keep the order they were first measured in.
 *
 * <p>Not thread-safe: one launcher adds its runs one after another.
 */
final class ForkResults {

    /** In the run folder: where each fork of each row ran, by row key. */
    static final String FORKS_JSON = "forks.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where a fork ran: the JVM (numbered from 1 in the order they started) and its place among that JVM's runs. */
    record Place(int jvm, int position) {}

    private record Fork(BenchmarkResult result, Place place) {}

    private final Map<String, List<Fork>> byRow = new LinkedHashMap<>();

    /** Adds the forks of one JMH run, each measured at {@code place}. */
    void add(Collection<RunResult> run, Place place) {
        for (RunResult result : run) {
            for (BenchmarkResult fork : result.getBenchmarkResults()) {
                byRow.computeIfAbsent(key(fork.getParams()), k -> new ArrayList<>())
                        .add(new Fork(fork, place));
            }
        }
    }

    /** Adds another's forks after this one's, row by row. */
    void addAll(ForkResults other) {
        other.byRow.forEach((key, forks) ->
                byRow.computeIfAbsent(key, k -> new ArrayList<>()).addAll(forks));
    }

    boolean isEmpty() {
        return byRow.isEmpty();
    }

    /** The row key of a fork's parameters: what waits.json and noise.json call the row too. */
    static String key(BenchmarkParams params) {
        var values = new TreeMap<String, String>();
        params.getParamsKeys().forEach(name -> values.put(name, params.getParam(name)));
        return RowKey.ofJmh(params.getBenchmark(), values).toString();
    }

    /** One result per row, each with all its forks: what JMH would have returned had it forked them itself. */
    List<RunResult> merged() {
        return byRow.values().stream()
                .map(forks -> {
                    List<BenchmarkResult> results =
                            forks.stream().map(Fork::result).toList();
                    return new RunResult(withForks(results.get(0).getParams(), results.size()), results);
                })
                .toList();
    }

    /** Writes jmh.json (JMH's JSON format) and {@value #FORKS_JSON} into {@code folder}, each whole or not at all. */
    void write(Path folder) {
        var text = new ByteArrayOutputStream();
        try (var out = new PrintStream(text, true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(merged());
        }
        RunFolder.writeAtomically(folder.resolve(RunFolder.JMH_JSON), text.toByteArray());
        ObjectNode places = JSON.createObjectNode();
        byRow.forEach((key, forks) -> {
            ArrayNode row = places.putArray(key);
            forks.forEach(fork -> row.addObject()
                    .put("jvm", fork.place().jvm())
                    .put("position", fork.place().position()));
        });
        try {
            RunFolder.writeAtomically(
                    folder.resolve(FORKS_JSON),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(places));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JMH's parameters of a row with {@code forks} forks: the same in every other field. */
    static BenchmarkParams withForks(BenchmarkParams p, int forks) {
        var workload = new WorkloadParams();
        int order = 0;
        for (String name : p.getParamsKeys()) {
            workload.put(name, p.getParam(name), order++);
        }
        @SuppressWarnings("unchecked")
        Collection<String> labels = p.getThreadGroupLabels();
        @SuppressWarnings("unchecked")
        Collection<String> jvmArgs = p.getJvmArgs();
        return new BenchmarkParams(
                p.getBenchmark(),
                p.generatedBenchmark(),
                p.shouldSynchIterations(),
                p.getThreads(),
                p.getThreadGroups(),
                labels,
                forks,
                0,
                p.getWarmup(),
                p.getMeasurement(),
                p.getMode(),
                workload,
                p.getTimeUnit(),
                p.getOpsPerInvocation(),
                p.getJvm(),
                jvmArgs,
                p.getJdkVersion(),
                p.getVmName(),
                p.getVmVersion(),
                p.getJmhVersion(),
                p.getTimeout());
    }

    /** Where a measuring JVM leaves the results of a run whose JMH JSON goes to {@code json}: beside it. */
    static Path savedBeside(Path json) {
        return json.resolveSibling(json.getFileName() + ".ser");
    }

    /**
     * A measuring JVM's results for its runner: JMH's own objects, serialised as JMH's binary link between a fork and
     * its host serialises them.
     */
    static void save(Collection<RunResult> run, OutputStream to) throws IOException {
        try (var out = new ObjectOutputStream(to)) {
            out.writeObject(new ArrayList<>(run));
        }
    }

    /**
     * Reads what {@link #save} wrote, admitting only JMH's result classes and the JDK's collections and numbers: the
     * file lies in a run folder, and deserialising whatever classes a file names is how a planted file runs code.
     *
     * @throws IOException when the file is not such a list
     */
    @SuppressWarnings("unchecked")
    static List<RunResult> load(InputStream from) throws IOException {
        try (var in = new ObjectInputStream(from)) {
            in.setObjectInputFilter(
                    ObjectInputFilter.Config.createFilter(
                            "maxdepth=30;maxrefs=1000000;org.openjdk.jmh.**;java.util.*;java.lang.*;java.util.concurrent.TimeUnit;!*"));
            Object read = in.readObject();
            if (!(read instanceof List<?> list) || !list.stream().allMatch(RunResult.class::isInstance)) {
                throw new IOException("not a list of JMH run results");
            }
            return (List<RunResult>) read;
        } catch (ClassNotFoundException | InvalidClassException e) {
            throw new IOException("not JMH run results (" + e.getMessage() + ")", e);
        }
    }

    static List<RunResult> load(Path file) {
        try (var in = Files.newInputStream(file)) {
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
