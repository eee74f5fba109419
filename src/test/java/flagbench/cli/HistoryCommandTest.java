package flagbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flagbench history} on the committed A/A pair of the default suite, and on a copy of its B slowed by 10 %. */
class HistoryCommandTest {

    static final String A = "results/20261208-024928-vm";
    static final String B = "results/20261208-030155-vm";

    @TempDir
    Path dir;

    private String db() {
        return dir.resolve("store").toString();
    }

    @Test
    void anAaPairPassesTheCheckAndIngestingAgainChangesNothing() {
        Cli ingest = Cli.run("history", "ingest", "--db", db(), A, B);
        assertThat(ingest.exitCode()).isZero();
        assertThat(ingest.out()).contains("2 run(s) read, 2 new, 0 already");
        assertThat(Cli.run("history", "ingest", "--db", db(), B).out()).contains("1 run(s) read, 0 new, 1 already");
        Cli show = Cli.run("history", "show", "--db", db());
        assertThat(show.out())
                .contains("AMD EPYC, 2 cores, JDK 25.0.3, forks shared: 2 run(s)")
                .contains("20261208-024928-vm")
                .contains("20261208-030155-vm");
        Cli check = Cli.run("history", "check", "--db", db());
        assertThat(check.exitCode()).as(check.out()).isZero();
        assertThat(check.out()).contains("20261208-030155-vm against 1 earlier run(s), 21 row(s) judged");
    }

    @Test
    void aCopyOfTheNewestRunSlowedByTenPercentFailsTheCheck() throws Exception {
        Path copy = dir.resolve("slowed");
        Files.createDirectories(copy);
        var mapper = new ObjectMapper();
        var jmh = (ArrayNode) mapper.readTree(Path.of(B, "jmh.json").toFile());
        for (var result : jmh) {
            for (var fork : result.path("primaryMetric").path("rawData")) {
                for (int i = 0; i < fork.size(); i++) {
                    ((ArrayNode) fork).set(i, fork.get(i).asDouble() * 1.1);
                }
            }
        }
        mapper.writeValue(copy.resolve("jmh.json").toFile(), jmh);
        var machine = (ObjectNode) mapper.readTree(Path.of(B, "machine.json").toFile());
        machine.put("runId", "slowed").put("start", "2026-12-08T03:20:00Z");
        mapper.writeValue(copy.resolve("machine.json").toFile(), machine);
        assertThat(Cli.run("history", "ingest", "--db", db(), A, B, copy.toString())
                        .exitCode())
                .isZero();
        Cli check = Cli.run("history", "check", "--db", db());
        assertThat(check.exitCode()).as(check.out()).isEqualTo(1);
        assertThat(check.out())
                .contains("slowed against 2 earlier run(s)")
                .containsPattern("history: \\d+ row\\(s\\) slower");
    }

    /** The shelf of reference runs is what the history is built from: every committed run goes in, each testbed named. */
    @Test
    void theCommittedRunsMakeAHistory() throws Exception {
        long folders;
        try (var entries = Files.list(Path.of("results"))) {
            folders = entries.filter(d -> Files.isRegularFile(d.resolve("jmh.json")))
                    .count();
        }
        Cli ingest = Cli.run("history", "ingest", "--db", db(), "results");
        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        assertThat(ingest.out()).contains(folders + " run(s) read, " + folders + " new");
        Cli show = Cli.run("history", "show", "--db", db());
        assertThat(show.out())
                .contains("AMD EPYC, 2 cores, JDK 25.0.3, forks shared")
                .contains("AMD EPYC, 2 cores, JDK 25.0.3, forks own")
                .contains("Intel(R) Xeon(R) Processor, 2 cores, JDK 25.0.3, forks own")
                .doesNotContain("?");
        Cli page = Cli.run(
                "history",
                "page",
                "--db",
                db(),
                "--out",
                dir.resolve("history.html").toString());
        assertThat(page.exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("history.html"))).contains("20261208-040127-vm");
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() {
        Cli empty = Cli.run("history", "check", "--db", db());
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).isEqualTo("check: the store is empty: history ingest RUN|DIR first\n");
        Cli none = Cli.run("history", "ingest", "--db", db(), dir.toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err().lines()).singleElement().asString().contains("no run folder in it");
        assertThat(Cli.run("history").exitCode()).isEqualTo(2);
        Cli noServer = Cli.run("history", "show", "--db", "jdbc:postgresql://127.0.0.1:1/none?user=x");
        assertThat(noServer.exitCode()).isEqualTo(2);
        assertThat(noServer.err().lines())
                .singleElement()
                .asString()
                .startsWith("show: --db jdbc:postgresql://127.0.0.1:1/none?user=x: cannot open the store (");
    }
}
