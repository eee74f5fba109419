package flagbench.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/** A run folder read back: its JMH rows and its machine description. */
public record RunFolder(Path path, List<ResultRow> rows, JsonNode machine) {

    public static final String JMH_JSON = "jmh.json";
    public static final String MACHINE_JSON = "machine.json";
    public static final String REPORT_MD = "report.md";
    /** Written by {@code bench --repeat}: each row's run-to-run spread in percent, by row key. */
    public static final String NOISE_JSON = "noise.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A run folder, or a directory of run folders read as one run ({@link #pooled}).
     *
     * @throws BadRunException with a one-line message for a missing folder or unreadable JSON
     */
    public static RunFolder read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new BadRunException(folder + ": no such run folder");
        }
        Path jmh = folder.resolve(JMH_JSON);
        if (!Files.isRegularFile(jmh)) {
            List<Path> runs = runsIn(folder);
            if (!runs.isEmpty()) {
                return pooled(folder, runs.stream().map(RunFolder::read).toList());
            }
            throw new BadRunException(folder + ": no " + JMH_JSON + " in it, and no run folders");
        }
        Path machine = folder.resolve(MACHINE_JSON);
        return new RunFolder(
                folder,
                rows(jmh),
                Files.isRegularFile(machine) ? MachineJson.check(machine, readJson(machine)) : JSON.createObjectNode());
    }

    /**
     * The run folders directly in {@code dir} (those with a jmh.json), by name: the order they were made in. Not a hidden
     * one: a {@code .ID.partial} is a bench still writing, or one that was interrupted, never a round.
     */
    private static List<Path> runsIn(Path dir) {
        try (var entries = Files.list(dir)) {
            return entries.filter(p ->
                            !p.getFileName().toString().startsWith(".") && Files.isRegularFile(p.resolve(JMH_JSON)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new BadRunException(dir + ": cannot list (" + e.getMessage() + ")");
        }
    }

    /**
     * Runs of the same code on the same machine read as one run, as {@code scripts/ab} makes them (a round of one fork
     * per row at a time, the two commits' rounds in alternation): each row with the forks of every run, in order, and the
     * machine as the first run describes it.
     *
     * @throws BadRunException when they were made on other hosts or from other commits: their forks are not of one thing
     */
    static RunFolder pooled(Path dir, List<RunFolder> runs) {
        for (String field : List.of("/host", "/git/commit", "/git/dirty", "/suite")) {
            List<String> values =
                    runs.stream().map(r -> r.machineText(field)).distinct().toList();
            if (values.size() > 1) {
                throw new BadRunException(dir + ": its run folders differ in " + field.substring(1) + " ("
                        + String.join(", ", values) + "): pool only runs of one commit on one machine");
            }
        }
        List<ResultRow> all = runs.stream().flatMap(r -> r.rows().stream()).toList();
        // a copied run folder is not a second round: its forks would count twice
        refuseCopies(
                all,
                row -> dir + ": " + row.key() + " has the same samples in two of its run folders:"
                        + " a copy of one run, not a second round");
        var machine = runs.get(0).machine().deepCopy();
        if (machine instanceof ObjectNode object) {
            object.put("runId", String.valueOf(dir.toAbsolutePath().normalize().getFileName()));
            var pooled = object.putArray("pooledRuns");
            runs.forEach(r -> pooled.add(r.name()));
        }
        return new RunFolder(dir, oneRowPerKey(all), machine);
    }

    /** The rows of one JMH JSON file; a row measured several times (bench --repeat) is one row with all its forks. */
    public static List<ResultRow> rows(Path jmh) {
        JsonNode results = readJson(jmh);
        if (!results.isArray() || results.isEmpty() || !results.get(0).has("primaryMetric")) {
            throw new BadRunException(jmh + ": not JMH JSON output (an array of results with primaryMetric)");
        }
        var rows = new ArrayList<ResultRow>();
        for (JsonNode result : results) {
            rows.add(row(jmh, result));
        }
        // a row measured again (--repeat, tune) has samples of its own; the same samples twice are a copy
        refuseCopies(
                rows,
                row -> jmh + ": " + row.key() + " appears twice with the same samples:"
                        + " a copy of one result, not a second measurement (its forks would count twice)");
        return oneRowPerKey(rows);
    }

    /** @throws BadRunException with {@code complaint}'s line for the first row whose key and samples an earlier row has too */
    private static void refuseCopies(List<ResultRow> rows, Function<ResultRow, String> complaint) {
        var seen = new HashMap<String, List<double[][]>>();
        for (ResultRow row : rows) {
            List<double[][]> earlier = seen.computeIfAbsent(row.key(), k -> new ArrayList<>());
            if (earlier.stream().anyMatch(forks -> Arrays.deepEquals(forks, row.forks()))) {
                throw new BadRunException(complaint.apply(row));
            }
            earlier.add(row.forks());
        }
    }

    /**
     * A row measured several times (bench --repeat, or a plan measuring a point again) as one row
     * with all its forks, in the order each was first measured.
     */
    public static List<ResultRow> oneRowPerKey(List<ResultRow> rows) {
        var byKey = new LinkedHashMap<String, ResultRow>();
        rows.forEach(row -> byKey.merge(row.key(), row, ResultRow::mergedWith));
        return List.copyOf(byKey.values());
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new BadRunException(file + ": not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new BadRunException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    private static ResultRow row(Path jmh, JsonNode result) {
        JsonNode primary = result.path("primaryMetric");
        if (!primary.has("score") || !result.has("benchmark")) {
            throw new BadRunException(jmh + ": a result without benchmark or score: not JMH JSON output");
        }
        String benchmark = result.get("benchmark").asText();
        String where = jmh + ": " + RowKey.shortName(benchmark) + " " + result.path("params");
        String unit = primary.path("scoreUnit").isTextual()
                ? primary.get("scoreUnit").asText()
                : ""; // asText of null: "null"
        if (!ResultRow.isTimeUnit(unit)) {
            throw new BadRunException(
                    where + ": its unit is " + (unit.isEmpty() ? "missing" : unit) + ", not a time per operation"
                            + " (flagbench reads single-shot times, -bm ss; a throughput run, -bm thrpt, is not one)");
        }
        double[][] forks = forks(primary.path("rawData"), where + ": a sample");
        double[] samples = ResultRow.flat(forks);
        if (samples.length == 0 || Arrays.stream(samples).anyMatch(x -> !Double.isFinite(x) || x < 0)) {
            throw new BadRunException(where + " has "
                    + (samples.length == 0 ? "no samples" : "samples that are not times (NaN, infinite or negative)"));
        }
        if (Arrays.stream(samples).anyMatch(x -> x * ResultRow.millisPer(unit) > DAY_MILLIS)) {
            throw new BadRunException(
                    where + " has samples longer than a day an operation, more than any run measures");
        }
        var params = new TreeMap<String, String>();
        result.path("params")
                .fields()
                .forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        String workers = params.get("maxWorkers");
        if (workers != null && !workers.matches("0*[1-9]\\d{0,8}")) {
            throw new BadRunException(
                    where + ": maxWorkers '" + workers + "' is not a whole number from 1 to 999,999,999");
        }
        var secondary = new TreeMap<String, double[][]>();
        result.path("secondaryMetrics")
                .fields()
                .forEachRemaining(e -> secondary.put(
                        e.getKey(), forks(e.getValue().path("rawData"), where + ": counter " + e.getKey())));
        secondary.forEach((name, values) -> { // a count below zero, or not a number, would be summed into every total
            if (!Counter.NAMES.contains(name)) {
                return;
            }
            double ceiling = Counter.valueOf(name).ceiling();
            double[] all = ResultRow.flat(values);
            if (Arrays.stream(all).anyMatch(x -> !Double.isFinite(x) || x < 0)) {
                throw new BadRunException(
                        where + ": counter " + name + " has values that are not counts (NaN, infinite or negative)");
            }
            if (Arrays.stream(all).anyMatch(x -> x > ceiling)) {
                throw new BadRunException(String.format(
                        java.util.Locale.ROOT,
                        "%s: counter %s has values above %.0e, more than any run measures",
                        where,
                        name,
                        ceiling));
            }
        });
        return new ResultRow(RowKey.shortName(benchmark), params, unit, forks, secondary);
    }

    /** The longest operation a run can honestly report (the longest suite's operation is seconds). */
    private static final double DAY_MILLIS = 86_400_000;

    private static final java.util.Set<String> JMH_NON_FINITE = java.util.Set.of("NaN", "Infinity", "-Infinity");

    /**
     * JMH's rawData: one array of samples per fork. Every sample a JSON number, or JMH's own text for the numbers JSON has no
     * word for ("NaN", "Infinity", which the row's checks then refuse by name): Jackson reads any other string, null or an
     * array as 0, which a row's mean would take as a 0 ms sample.
     *
     * @param what the value's place, for the one line that refuses it
     */
    private static double[][] forks(JsonNode rawData, String what) {
        var forks = new ArrayList<double[]>();
        for (JsonNode fork : rawData) {
            var samples = new ArrayList<Double>();
            for (JsonNode sample : fork) {
                if (sample.isTextual() && JMH_NON_FINITE.contains(sample.asText())) {
                    samples.add(Double.parseDouble(sample.asText()));
                    continue;
                }
                if (!sample.isNumber()) {
                    throw new BadRunException(what + " is "
                            + (sample.isTextual()
                                    ? "'" + sample.asText() + "'"
                                    : sample.getNodeType().toString().toLowerCase(java.util.Locale.ROOT))
                            + ", not a number");
                }
                samples.add(sample.asDouble());
            }
            if (!samples.isEmpty()) {
                forks.add(samples.stream().mapToDouble(Double::doubleValue).toArray());
            }
        }
        return forks.toArray(double[][]::new);
    }

    /** The run's id from machine.json, else the folder's name: what the run calls itself. */
    public String id() {
        return machineValue("/runId").orElseGet(this::name);
    }

    /** The folder's name: two copies of one run in two folders are told apart by where they are. */
    public String name() {
        return String.valueOf(path.toAbsolutePath().normalize().getFileName());
    }

    /** Writes a file of a run folder whole or not at all: a hidden temporary beside it, then a rename. */
    public static Path writeAtomically(Path target, byte[] content) {
        Path temp = null;
        try {
            // a temporary of its own, so two writers of one file never share it; created with the umask's permissions
            // as any tool's output is (a JDK temporary file is owner-only)
            temp = Files.createFile(target.toAbsolutePath()
                    .resolveSibling("." + target.getFileName() + "."
                            + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp"));
            Files.write(temp, content);
            return Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp); // gone after the move; left only by a failure, and removed here
                } catch (IOException ignored) {
                    // the failure above is the one to report
                }
            }
        }
    }

    /** Each row's download waits from waits.json, by row key; empty for a run without one. */
    public Map<String, Waits> waits() {
        return Waits.read(path.resolve(Waits.WAITS_JSON));
    }

    /** Each row's run-to-run spread in percent from noise.json, by row key; empty without one. */
    public Map<String, Double> noise() {
        Path file = path.resolve(NOISE_JSON);
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        var spreads = new TreeMap<String, Double>();
        JsonNode rows = readJson(file).path("rows");
        if (!rows.isObject()) {
            throw new BadRunException(file + ": no \"rows\" object: not a noise.json of bench --repeat");
        }
        rows.fields().forEachRemaining(e -> {
            JsonNode spread = e.getValue().path("spreadPct");
            // a missing or negative spread would become a floor of 0 % or less, and fail rows that are only noisy
            if (!spread.isNumber() || !Double.isFinite(spread.asDouble()) || spread.asDouble() < 0) {
                throw new BadRunException(
                        file + ": row " + e.getKey() + ": spreadPct must be a number of at least 0, got "
                                + (spread.isMissingNode() ? "none" : spread.toString()));
            }
            spreads.put(e.getKey(), spread.asDouble());
        });
        return spreads;
    }

    public String machineText(String field) {
        return machineValue(field).orElse("?");
    }

    /** A machine.json field's value as text; empty when the run lacks it (one made before it existed) or it is null. */
    public java.util.Optional<String> machineValue(String field) {
        JsonNode node = machine.at(field);
        return node.isMissingNode() || node.isNull()
                ? java.util.Optional.empty()
                : java.util.Optional.of(node.asText());
    }
}
