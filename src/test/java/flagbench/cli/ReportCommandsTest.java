package flagbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandsTest {

    static final String FIXTURE = "src/test/resources/flagbench/report/fixture-run";

    @TempDir
    Path dir;

    @Test
    void compareOfARunWithItselfChangesNothingAndTwoForksDecideNothing() {
        Cli cli = Cli.run("compare", FIXTURE, FIXTURE);
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out())
                .contains("| **geometric mean** | | | +0.0% |")
                .doesNotContain("machines differ")
                .contains(
                        "Every row: `client=jdk codes=pop20 connections=warm downstream=none latency=100ms network=loopback protocol=http transport=http`")
                .contains("A has rows with 2 fork(s): too few");
        assertThat(cli.out().lines().filter(l -> l.matches("\\| maxWorkers=\\d+ \\w+ \\|.*")))
                .hasSize(3)
                .allMatch(l -> l.contains("| ? +0.0% ["));
    }

    @Test
    void compareWritesCsvAndAChart() {
        Path chart = dir.resolve("change.png");
        Cli cli = Cli.run("compare", "--format", "csv", "--chart", chart.toString(), FIXTURE, FIXTURE);
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).startsWith("row,column,forks,mean_ms,ci_low_ms,ci_high_ms,change_pct");
        assertThat(chart).exists();
    }

    @Test
    void everyCommandHasHelpAndVersion() {
        for (String command : new String[] {"serve", "download", "bench", "compare", "tune", "report"}) {
            Cli help = Cli.run(command, "--help");
            assertThat(help.exitCode()).as(command).isZero();
            assertThat(help.out()).as(command).startsWith("Usage: flagbench " + command);
            Cli version = Cli.run(command, "--version");
            assertThat(version.exitCode()).as(command).isZero();
            assertThat(version.out()).as(command).startsWith("flagbench ");
        }
        assertThat(Cli.run().exitCode()).isEqualTo(2);
    }

    @Test
    void aPassingGateSaysSoInOneLine() {
        Cli cli = Cli.run("compare", FIXTURE, FIXTURE, "--fail-on-regression", "5");
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.err()).startsWith("compare: passed: no row is flagged slower by more than 5 %");
    }

    @Test
    void tunesHelpNamesOnlyTheStrategiesItCanTune() {
        String help = Cli.run("tune", "--help").out().replaceAll("\\s+", " ");
        String strategy =
                help.substring(help.indexOf("--strategy=<strategy> A strategy"), help.indexOf("Default: pool;"));
        assertThat(strategy)
                .contains("pool, bounded, async-limited, reactive")
                .doesNotContain("sequential")
                .doesNotContain("virtual");
    }

    @Test
    void tuneReadsASweepFromARunFolder() {
        Cli cli = Cli.run("tune", FIXTURE, "--strategy", "pool");
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).contains("Recommended maxWorkers: **20**");
    }

    @Test
    void tuneReadsTheStrategyOfARunsOneCurveAndNamesTheCurvesOfARunWithSeveral() throws Exception {
        Cli one = Cli.run("tune", FIXTURE);
        assertThat(one.exitCode()).isZero();
        assertThat(one.out()).startsWith("# tune pool").contains("Recommended maxWorkers: **20**");

        Path two = Files.createDirectories(dir.resolve("two-curves"));
        var json = new ObjectMapper();
        var rows = (ArrayNode) json.readTree(Path.of(FIXTURE, "jmh.json").toFile());
        var copies = json.createArrayNode();
        rows.forEach(row -> {
            copies.add(row);
            if (row.path("params").path("strategy").asText().equals("pool")) {
                var bounded = row.deepCopy();
                ((ObjectNode) bounded.path("params")).put("strategy", "bounded");
                copies.add(bounded);
            }
        });
        Files.write(two.resolve("jmh.json"), json.writeValueAsBytes(copies));
        Cli several = Cli.run("tune", two.toString());
        assertThat(several.exitCode()).isEqualTo(2);
        assertThat(several.err())
                .contains("curves of pool, bounded: name one with --strategy")
                .hasLineCount(1);
        assertThat(Cli.run("tune", two.toString(), "--strategy", "bounded").out())
                .startsWith("# tune bounded");
    }

    @Test
    void badRunFoldersAreOneLineErrors() throws Exception {
        Path notJmh = Files.createDirectories(dir.resolve("not-jmh"));
        Files.writeString(notJmh.resolve("jmh.json"), "[{\"x\": 1}]");
        Path truncated = Files.createDirectories(dir.resolve("truncated"));
        Files.writeString(
                truncated.resolve("jmh.json"),
                Files.readString(Path.of(FIXTURE, "jmh.json")).substring(0, 300));
        String[][] commands = {
            {"compare", dir.resolve("missing").toString(), FIXTURE},
            {"compare", FIXTURE, notJmh.toString()},
            {"compare", FIXTURE, truncated.toString()},
            {"report", dir.resolve("missing").toString()},
            {"tune", FIXTURE, "--strategy", "async-limited"},
            {"compare", "--format", "xml", FIXTURE, FIXTURE},
        };
        String[] messages = {
            "no such run folder",
            "not JMH JSON output",
            "not valid JSON",
            "no such run folder",
            "no rows for strategy 'async-limited'",
            "but was 'xml'"
        };
        for (int i = 0; i < commands.length; i++) {
            Cli cli = Cli.run(commands[i]);
            assertThat(cli.exitCode()).as(String.join(" ", commands[i])).isEqualTo(2);
            assertThat(cli.err())
                    .as(String.join(" ", commands[i]))
                    .contains(messages[i])
                    .hasLineCount(1);
        }
    }

    @Test
    void runsWithNoRowInCommonAreAnError() throws Exception {
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(
                other.resolve("jmh.json"),
                Files.readString(Path.of(FIXTURE, "jmh.json")).replace("100ms", "50ms"));
        Cli cli = Cli.run("compare", FIXTURE, other.toString());
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("no benchmark row in common").hasLineCount(1);
    }

    @Test
    void nanSamplesAreAnErrorThatNamesTheRow() throws Exception {
        Path broken = Files.createDirectories(dir.resolve("nan"));
        String jmh = Files.readString(Path.of(FIXTURE, "jmh.json"));
        int raw = jmh.indexOf("\"rawData\"");
        int firstNumber = jmh.indexOf("[", jmh.indexOf("[", raw) + 1) + 1;
        Files.writeString(
                broken.resolve("jmh.json"), jmh.substring(0, firstNumber) + "\"NaN\", " + jmh.substring(firstNumber));
        Cli cli = Cli.run("compare", FIXTURE, broken.toString());
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err())
                .contains("downloadMany", "samples that are not times")
                .hasLineCount(1);
    }

    @Test
    void copiesOfOneRunAreToldApartByTheirFolders() throws Exception {
        Path copy = Files.createDirectories(dir.resolve("copy-of-fixture"));
        for (String file : new String[] {"jmh.json", "machine.json"}) {
            Files.copy(Path.of(FIXTURE, file), copy.resolve(file));
        }
        Cli cli = Cli.run("compare", FIXTURE, copy.toString());
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).contains("- **A** `fixture-run`").contains("- **B** `copy-of-fixture`");
    }
}
