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
                JmhResults.rows(jmh),
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

    /** @throws BadRunException with {@code complaint}'s line for the first row whose key and samples an earlier row has too */
    static void refuseCopies(List<ResultRow> rows, Function<ResultRow, String> complaint) {
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

    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new BadRunException(file + ": not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new BadRunException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

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
