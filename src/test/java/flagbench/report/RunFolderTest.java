package flagbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThat(pool4.key()).isEqualTo("downloadMany codes=pop20 connections=warm latency=100ms maxWorkers=4 strategy=pool transport=http");
        assertThat(pool4.samples()).hasSize(6);
        assertThat(pool4.ok()).isEqualTo(120);
        assertThat(pool4.downloads()).isEqualTo(120);
        assertThat(pool4.countsAddUp()).isTrue();
        assertThat(pool4.peakInFlight()).isEqualTo(4); // the maximum over iterations, not JMH's sum
        assertThat(pool4.idealMillis()).isEqualTo(500);
        assertThat(run.rows().get(0).idealMillis()).isEqualTo(2000);
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
    void badFoldersAreOneLineErrors() throws Exception {
        assertThatThrownBy(() -> RunFolder.read(dir.resolve("missing")))
                .isInstanceOf(BadRunException.class).hasMessageEndingWith("missing: no such run folder");
        Files.writeString(dir.resolve("jmh.json"), "{\"hello\": 1}");
        assertThatThrownBy(() -> RunFolder.read(dir)).hasMessageContaining("not JMH JSON output");
        Files.writeString(dir.resolve("jmh.json"), Files.readString(FIXTURE.resolve("jmh.json")).substring(0, 500));
        assertThatThrownBy(() -> RunFolder.read(dir)).hasMessageContaining("not valid JSON");
        Files.delete(dir.resolve("jmh.json"));
        assertThatThrownBy(() -> RunFolder.read(dir)).hasMessageContaining("no jmh.json");
    }
}
