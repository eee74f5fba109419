package flagbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergePartsTest {

    @TempDir
    Path dir;

    @Test
    void joinsJmhArraysKeepingEachResultsTextExactly() throws Exception {
        Path a = Files.writeString(dir.resolve("a.json"), "[\n    {\"benchmark\": \"x\", \"score\": 1.0E-4}\n]\n");
        Path b = Files.writeString(dir.resolve("b.json"), "[\n    {\"benchmark\": \"y\"},\n    {\"benchmark\": \"z\"}\n]\n");
        Path merged = dir.resolve("jmh.json");
        BenchLauncher.mergeParts(List.of(a, b), merged);
        String text = Files.readString(merged);
        assertThat(text).contains("\"score\": 1.0E-4");
        assertThat(new ObjectMapper().readTree(text).findValuesAsText("benchmark")).containsExactly("x", "y", "z");
        assertThat(a).doesNotExist();
        assertThat(b).doesNotExist();
    }

    @Test
    void aSinglePartIsMovedUntouched() throws Exception {
        String jmh = "[\n    {\"benchmark\": \"only\"}\n]\n";
        Path a = Files.writeString(dir.resolve("a.json"), jmh);
        BenchLauncher.mergeParts(List.of(a), dir.resolve("jmh.json"));
        assertThat(Files.readString(dir.resolve("jmh.json"))).isEqualTo(jmh);
    }
}
