package flagbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import flagbench.results.JsonEdit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A run folder damaged by hand or by a hostile user, read by every command that reads one: each refuses it with one line
 * naming the file and the value, exit 2, and leaves the folder as it found it (no report.md, no chart, no temporary file:
 * nothing half-written, nothing lost).
 */
class DamagedRunFolderTest {

    private static final Path FIXTURE = Path.of("src/test/resources/flagbench/report/fixture-run");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** file | JSON pointer (in jmh.json's first result) | the value set there | what the one line says. */
    private static final String[][] DAMAGES = {
        {"jmh.json", "/primaryMetric/rawData/0/0", "\"fast\"", "a sample is 'fast', not a number"},
        {"jmh.json", "/primaryMetric/rawData/0/0", "null", "a sample is null, not a number"},
        {"jmh.json", "/primaryMetric/rawData/0/0", "-1", "samples that are not times"},
        {"jmh.json", "/primaryMetric/rawData/0/0", "1e300", "samples longer than a day an operation"},
        {"jmh.json", "/primaryMetric/scoreUnit", "\"ops/s\"", "its unit is ops/s, not a time per operation"},
        {"jmh.json", "/params/maxWorkers", "\"lots\"", "maxWorkers 'lots' is not a whole number"},
        {"jmh.json", "/secondaryMetrics/ok/rawData/0/0", "[20]", "counter ok is array, not a number"},
        {
            "jmh.json",
            "/secondaryMetrics/downloads/rawData/0/0",
            "-20",
            "counter downloads has values that are not counts"
        },
        {
            "jmh.json",
            "/secondaryMetrics/rulerBeforeNanos/rawData/0/0",
            "1e300",
            "counter rulerBeforeNanos has values above 6e+10"
        },
        {
            "jmh.json",
            "/secondaryMetrics/clientCpuNanos/rawData/0/0",
            "1e18",
            "counter clientCpuNanos has values above 1e+15"
        },
        {"machine.json", "/logicalCores", "-2", "field logicalCores must be a whole number of at least 1"},
        {"machine.json", "/memoryBytes", "1.5", "field memoryBytes must be a whole number of bytes"},
        {"machine.json", "/git/commit", "[]", "field git.commit must be a string"},
        {"machine.json", "/speedRuler", "1e300", "field speedRuler must be a string"},
        {"jmh.json", "", "{\"not\": \"an array\"}", "jmh.json"},
    };

    static Stream<Arguments> damagesByCommand() {
        return Stream.of("report", "compare", "tune")
                .flatMap(command -> Stream.of(DAMAGES).map(d -> Arguments.of(command, d[0], d[1], d[2], d[3])));
    }

    @ParameterizedTest(name = "{0}: {1} {2} = {3}")
    @MethodSource("damagesByCommand")
    void aDamagedValueIsOneLineExitTwoAndTheFolderIsLeftAsItWas(
            String command, String file, String pointer, String value, String message) throws Exception {
        Path run = Files.createDirectories(dir.resolve("damaged"));
        Files.copy(FIXTURE.resolve("jmh.json"), run.resolve("jmh.json"));
        Files.copy(FIXTURE.resolve("machine.json"), run.resolve("machine.json"));
        damage(run.resolve(file), pointer, value);
        Map<String, String> before = contents(run);

        Cli cli = switch (command) {
            case "report" -> Cli.run("report", run.toString());
            case "compare" -> Cli.run("compare", FIXTURE.toString(), run.toString());
            default -> Cli.run("tune", run.toString());
        };

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err())
                .contains(run.resolve(file).toString())
                .contains(message)
                .doesNotContain("\tat ")
                .hasLineCount(1);
        assertThat(contents(run)).as("the folder as it was").isEqualTo(before);
    }

    private static void damage(Path file, String pointer, String value) throws Exception {
        JsonNode root = JSON.readTree(file.toFile());
        if (pointer.isEmpty()) {
            Files.writeString(file, value);
            return;
        }
        JsonEdit.set(file.getFileName().toString().equals("jmh.json") ? root.get(0) : root, pointer, value);
        Files.writeString(file, JSON.writeValueAsString(root));
    }

    private static Map<String, String> contents(Path run) throws Exception {
        var files = new TreeMap<String, String>();
        try (Stream<Path> all = Files.list(run)) {
            for (Path p : all.toList()) {
                files.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        return files;
    }
}
