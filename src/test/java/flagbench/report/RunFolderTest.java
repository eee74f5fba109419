package flagbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import flagbench.results.BadRunException;
import flagbench.results.ResultRow;
import flagbench.results.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {

    static final Path FIXTURE = Path.of("src/test/resources/flagbench/report/fixture-run");

    @TempDir
    Path dir;

    @Test
    void readsRowsCountsAndPeakFromJmhJson() {
        RunFolder run = RunFolder.read(FIXTURE);
        assertThat(run.id()).isEqualTo("20260101-120000-fixture");
        assertThat(run.name()).isEqualTo("fixture-run");
        assertThat(run.rows()).hasSize(3);
        ResultRow pool4 = run.rows().get(1);
        assertThat(pool4.key())
                .isEqualTo(
                        "downloadMany codes=pop20 connections=warm latency=100ms maxWorkers=4 strategy=pool transport=http");
        assertThat(pool4.samples()).hasSize(6);
        assertThat(pool4.ok()).isEqualTo(120);
        assertThat(pool4.downloads()).isEqualTo(120);
        assertThat(pool4.countsAddUp()).isTrue();
        assertThat(pool4.peakInFlight()).isEqualTo(4); // the maximum over iterations, not JMH's sum
        assertThat(pool4.idealMillis()).isEqualTo(500);
        assertThat(run.rows().get(0).idealMillis()).isEqualTo(2000);
    }

    /** A copy of the fixture run in {@code target}, every sample times {@code factor}, from {@code commit}. */
    private static void copyOfFixture(Path target, double factor, String commit) throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        Files.createDirectories(target);
        var results = json.readTree(FIXTURE.resolve(RunFolder.JMH_JSON).toFile());
        for (var result : results) {
            for (var fork : result.at("/primaryMetric/rawData")) {
                for (int i = 0; i < fork.size(); i++) {
                    ((com.fasterxml.jackson.databind.node.ArrayNode) fork)
                            .set(i, fork.get(i).asDouble() * factor);
                }
            }
        }
        json.writeValue(target.resolve(RunFolder.JMH_JSON).toFile(), results);
        var machine = (com.fasterxml.jackson.databind.node.ObjectNode)
                json.readTree(FIXTURE.resolve(RunFolder.MACHINE_JSON).toFile());
        machine.putObject("git").put("commit", commit);
        json.writeValue(target.resolve(RunFolder.MACHINE_JSON).toFile(), machine);
    }

    @Test
    void aDirectoryOfRoundsOfOneCommitIsOneRunWithEveryRoundsForks() throws Exception {
        copyOfFixture(dir.resolve("base/round1"), 1.0, "abc");
        copyOfFixture(dir.resolve("base/round2"), 1.01, "abc");
        Files.writeString(dir.resolve("base/base.log"), "a round's console"); // what scripts/ab leaves beside them
        copyOfFixture(
                dir.resolve("base/.20261207-000000-vm.partial"), 1.02, "abc"); // a round still being written: not one
        RunFolder pooled = RunFolder.read(dir.resolve("base"));
        RunFolder one = RunFolder.read(FIXTURE);
        assertThat(pooled.rows()).hasSameSizeAs(one.rows());
        for (int i = 0; i < one.rows().size(); i++) {
            assertThat(pooled.rows().get(i).forks())
                    .hasNumberOfRows(2 * one.rows().get(i).forks().length);
        }
        assertThat(pooled.machine().at("/pooledRuns")).hasSize(2);

        copyOfFixture(dir.resolve("copied/round1"), 1.0, "abc");
        copyOfFixture(dir.resolve("copied/round2"), 1.0, "abc");
        assertThatThrownBy(() -> RunFolder.read(dir.resolve("copied")))
                .isInstanceOf(BadRunException.class)
                .hasMessageContaining("a copy of one run, not a second round");
        copyOfFixture(dir.resolve("mixed/round1"), 1.0, "abc");
        copyOfFixture(dir.resolve("mixed/round2"), 1.01, "def");
        assertThatThrownBy(() -> RunFolder.read(dir.resolve("mixed")))
                .isInstanceOf(BadRunException.class)
                .hasMessageContaining("differ in git/commit (abc, def)");
        Files.createDirectories(dir.resolve("empty"));
        copyOfFixture(dir.resolve("empty/.20261207-000000-vm.partial"), 1.0, "abc");
        assertThatThrownBy(() -> RunFolder.read(dir.resolve("empty")))
                .hasMessageContaining("no jmh.json in it, and no run folders");
    }

    @Test
    void goldenMarkdownReport() throws Exception {
        String golden = Files.readString(FIXTURE.resolveSibling("fixture-report.md"));
        assertThat(MarkdownReport.render(RunFolder.read(FIXTURE))).isEqualTo(golden);
    }

    @Test
    void writesReportAndChartsIntoTheFolder() throws Exception {
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        Files.copy(FIXTURE.resolve("jmh.json"), run.resolve("jmh.json"));
        Files.copy(FIXTURE.resolve("machine.json"), run.resolve("machine.json"));
        MarkdownReport.write(RunFolder.read(run));
        assertThat(run.resolve("report.md")).exists();
        for (String png : new String[] {"strategies.png", "workers-pool.png"}) {
            byte[] bytes = Files.readAllBytes(run.resolve(png));
            assertThat(bytes).as(png).startsWith(0x89, 'P', 'N', 'G');
        }
        try (var files = Files.list(run)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("."));
        }
    }

    @Test
    void aRowMeasuredAgainIsOneRowWithEveryForkButACopiedRowIsRefused() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var results = (com.fasterxml.jackson.databind.node.ArrayNode)
                json.readTree(FIXTURE.resolve("jmh.json").toFile());
        var again = results.get(1).deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) again.path("primaryMetric"))
                .set("rawData", json.readTree("[[100.0, 101.0]]"));
        var measuredAgain = results.deepCopy().add(again);
        Files.writeString(dir.resolve("jmh.json"), measuredAgain.toString());
        assertThat(RunFolder.read(dir).rows().get(1).forks())
                .hasNumberOfRows(RunFolder.read(FIXTURE).rows().get(1).forks().length + 1);

        var copied = results.deepCopy().add(results.get(1).deepCopy()); // two files concatenated, a paste
        Files.writeString(dir.resolve("jmh.json"), copied.toString());
        assertThatThrownBy(() -> RunFolder.read(dir))
                .isInstanceOf(BadRunException.class)
                .hasMessageContaining("maxWorkers=4 strategy=pool transport=http appears twice with the same samples");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {"{}", "{\"spreadPct\": \"NaN\"}", "{\"spreadPct\": -1}", "{\"spreadPct\": null}"})
    void aNoiseFileWhoseSpreadIsNotAPercentIsRefused(String row) throws Exception {
        Files.copy(FIXTURE.resolve("jmh.json"), dir.resolve("jmh.json"));
        Files.writeString(
                dir.resolve(RunFolder.NOISE_JSON), "{\"rows\": {\"downloadMany strategy=pool\": " + row + "}}");
        assertThatThrownBy(() -> RunFolder.read(dir).noise())
                .isInstanceOf(BadRunException.class)
                .hasMessageContaining(
                        "noise.json: row downloadMany strategy=pool: spreadPct must be a number of at least 0");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"-20.0", "\"NaN\"", "\"Infinity\""})
    void aCounterThatIsNotACountIsRefused(String value) throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var results = json.readTree(FIXTURE.resolve(RunFolder.JMH_JSON).toFile());
        var downloads = (com.fasterxml.jackson.databind.node.ArrayNode)
                results.get(0).at("/secondaryMetrics/downloads/rawData/0");
        downloads.set(0, json.readTree(value));
        json.writeValue(dir.resolve(RunFolder.JMH_JSON).toFile(), results);
        assertThatThrownBy(() -> RunFolder.read(dir))
                .isInstanceOf(BadRunException.class)
                .hasMessageContaining("counter downloads has values that are not counts");
    }

    @Test
    void badFoldersAreOneLineErrors() throws Exception {
        assertThatThrownBy(() -> RunFolder.read(dir.resolve("missing")))
                .isInstanceOf(BadRunException.class)
                .hasMessageEndingWith("missing: no such run folder");
        Files.writeString(dir.resolve("jmh.json"), "{\"hello\": 1}");
        assertThatThrownBy(() -> RunFolder.read(dir)).hasMessageContaining("not JMH JSON output");
        Files.writeString(
                dir.resolve("jmh.json"),
                Files.readString(FIXTURE.resolve("jmh.json")).substring(0, 500));
        assertThatThrownBy(() -> RunFolder.read(dir)).hasMessageContaining("not valid JSON");
        Files.delete(dir.resolve("jmh.json"));
        assertThatThrownBy(() -> RunFolder.read(dir)).hasMessageContaining("no jmh.json");
    }
}
