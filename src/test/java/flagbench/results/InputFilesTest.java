package flagbench.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** machine.json and waits.json checked field by field: a damaged file is one line naming the file, the row and the field. */
class InputFilesTest {

    private static final Path FIXTURE = Path.of("src/test/resources/flagbench/report/fixture-run");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            /logicalCores | "two"   | field logicalCores must be a whole number of at least 1, got "two"
            /logicalCores | 0       | field logicalCores must be a whole number of at least 1, got 0
            /logicalCores | 2.5     | field logicalCores must be a whole number of at least 1, got 2.5
            /memoryBytes  | -5      | field memoryBytes must be a whole number of bytes (or -1, unknown), got -5
            /git/dirty    | "no"    | field git.dirty must be true or false, got "no"
            /git/commit   | 42      | field git.commit must be a string, got 42
            /host         | ["a"]   | field host must be a string, got ["a"]
            /speedRuler   | {}      | field speedRuler must be a string, got {}
            /forkIsolation | "some"  | field forkIsolation must be one of [own, shared], got "some"
            /forkIsolation | 1       | field forkIsolation must be one of [own, shared], got 1
            """)
    void aMachineFieldOfAnotherTypeIsRefusedByName(String field, String value, String message) throws Exception {
        var machine = (ObjectNode)
                JSON.readTree(FIXTURE.resolve(RunFolder.MACHINE_JSON).toFile());
        JsonEdit.set(machine, field, value);
        write(machine.toString());
        assertThatThrownBy(() -> RunFolder.read(dir))
                .isInstanceOf(BadRunException.class)
                .hasMessage(dir.resolve(RunFolder.MACHINE_JSON) + ": " + message);
    }

    @Test
    void aMachineFileThatIsNotAnObjectIsRefusedAndAFieldAnOlderRunLacksIsNot() throws Exception {
        write("[1, 2]");
        assertThatThrownBy(() -> RunFolder.read(dir))
                .isInstanceOf(BadRunException.class)
                .hasMessageEndingWith("machine.json: not a JSON object: not a machine.json that flagbench wrote");
        write("{\"host\": \"old\", \"cpuModel\": null}"); // no speedRuler, no git: a run from before they existed
        assertThat(RunFolder.read(dir).machineText("/speedRuler")).isEqualTo("?");
        assertThat(RunFolder.read(dir).machineText("/cpuModel")).isEqualTo("?");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            [1]                                                              | not a JSON object of rows
            {"r": {}}                                                        | row r: withQueue.histogram is missing
            {"r": {"withQueue": {"histogram": 7}}}                           | row r: withQueue.histogram is not a string
            {"r": {"withQueue": {"histogram": "$$$"}}}                       | row r: withQueue.histogram is not an encoded histogram
            {"r": {"withQueue": {"histogram": "AAAA"}}}                      | row r: withQueue.histogram is not an encoded histogram
            {"r": {"withQueue": {"histogram": "GOOD"}, "withoutQueue": {}}}  | row r: withoutQueue.histogram is missing
            """)
    void aWaitsFileWithAFieldThatIsNotAHistogramIsRefusedByRowAndField(String content, String message)
            throws Exception {
        var good = new Histogram(3);
        good.recordValue(1_000);
        Path forks = Files.createDirectories(dir.resolve("forks"));
        new Waits(good, good).writeFork(forks, "r");
        Waits.merge(forks, dir.resolve("valid.json"));
        String encoded = JSON.readTree(dir.resolve("valid.json").toFile())
                .at("/r/withQueue/histogram")
                .asText();
        Files.writeString(dir.resolve(Waits.WAITS_JSON), content.replace("GOOD", encoded));
        assertThat(Waits.read(dir.resolve("valid.json"))).containsOnlyKeys("r");
        assertThatThrownBy(() -> Waits.read(dir.resolve(Waits.WAITS_JSON)))
                .isInstanceOf(BadRunException.class)
                .hasMessageStartingWith(dir.resolve(Waits.WAITS_JSON) + ": " + message);
    }

    /**
     * A jmh.json value that is not what it must be, set at a JSON pointer in the fixture's first result: refused with one
     * line, never read as 0 (Jackson's {@code asDouble} of a string, null or array) or as a row that matches nothing.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            /primaryMetric/rawData/0/0            | "fast"      | a sample is 'fast', not a number
            /primaryMetric/rawData/0/0            | null        | a sample is null, not a number
            /primaryMetric/rawData/0/0            | [1, 2]      | a sample is array, not a number
            /primaryMetric/rawData/0/0            | -3          | samples that are not times (NaN, infinite or negative)
            /primaryMetric/scoreUnit              | "ops/ms"    | its unit is ops/ms, not a time per operation
            /params/maxWorkers                    | "lots"      | maxWorkers 'lots' is not a whole number from 1 to 999,999,999
            /params/maxWorkers                    | "0"         | maxWorkers '0' is not a whole number from 1 to 999,999,999
            /params/maxWorkers                    | "99999999999" | maxWorkers '99999999999' is not a whole number
            /secondaryMetrics/ok/rawData/0/0      | "20"        | counter ok is '20', not a number
            /primaryMetric/rawData/0/0            | "NaN"       | samples that are not times (NaN, infinite or negative)
            /primaryMetric/rawData/0/0            | "Infinity"  | samples that are not times (NaN, infinite or negative)
            /primaryMetric/rawData/0/0            | 1e300       | samples longer than a day an operation
            /primaryMetric/rawData/0/0            | {}          | a sample is object, not a number
            /primaryMetric/rawData/0/0            | true        | a sample is boolean, not a number
            /primaryMetric/scoreUnit              | "ops/s"     | its unit is ops/s, not a time per operation
            /primaryMetric/scoreUnit              | null        | its unit is missing, not a time per operation
            /params/maxWorkers                    | "-5"        | maxWorkers '-5' is not a whole number
            /params/maxWorkers                    | "2.5"       | maxWorkers '2.5' is not a whole number
            /secondaryMetrics/ok/rawData/0/0      | -1          | counter ok has values that are not counts
            /secondaryMetrics/ok/rawData/0/0      | 1e16        | counter ok has values above 1e+15, more than any run measures
            /secondaryMetrics/rulerBeforeNanos/rawData/0/0 | 1e300 | counter rulerBeforeNanos has values above 6e+10
            /secondaryMetrics/rulerAfterNanos/rawData/0/0  | "-Infinity" | counter rulerAfterNanos has values that are not counts
            /secondaryMetrics/clientCpuNanos/rawData/0/0   | null  | counter clientCpuNanos is null, not a number
            """)
    void aJmhValueOfAnotherKindIsRefusedWithOneLine(String pointer, String value, String message) throws Exception {
        var results = (com.fasterxml.jackson.databind.node.ArrayNode)
                JSON.readTree(FIXTURE.resolve(RunFolder.JMH_JSON).toFile());
        JsonEdit.set(results.get(0), pointer, value);
        Files.copy(FIXTURE.resolve(RunFolder.MACHINE_JSON), dir.resolve(RunFolder.MACHINE_JSON));
        Files.writeString(dir.resolve(RunFolder.JMH_JSON), results.toString());
        assertThatThrownBy(() -> RunFolder.read(dir))
                .isInstanceOf(BadRunException.class)
                .hasMessageStartingWith(dir.resolve(RunFolder.JMH_JSON).toString())
                .hasMessageContaining(message)
                .hasMessageNotContaining("\n");
    }

    private void write(String machine) throws Exception {
        Files.copy(
                FIXTURE.resolve(RunFolder.JMH_JSON),
                dir.resolve(RunFolder.JMH_JSON),
                StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve(RunFolder.MACHINE_JSON), machine);
    }
}
