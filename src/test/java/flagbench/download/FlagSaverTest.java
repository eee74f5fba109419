package flagbench.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlagSaverTest {

    @TempDir
    Path dir;

    @Test
    void savesAsUpperCaseCodeDotGifAndLeavesNoTemporaryFile() throws Exception {
        var saver = new FlagSaver(dir.resolve("flags"));
        Path saved = saver.save("br", new byte[] {1, 2, 3});
        assertThat(saved).isEqualTo(dir.resolve("flags/BR.gif"));
        assertThat(Files.readAllBytes(saved)).containsExactly(1, 2, 3);
        saver.save("BR", new byte[] {4});
        assertThat(Files.readAllBytes(saved)).containsExactly(4);
        try (var files = Files.list(dir.resolve("flags"))) {
            assertThat(files).containsExactly(saved);
        }
    }

    @Test
    void refusesCodesThatCouldLeaveTheDirectory() throws Exception {
        var saver = new FlagSaver(dir);
        for (String bad : new String[] {"../x", "..", "a/b", "/etc/passwd", "ABC", ""}) {
            assertThatThrownBy(() -> saver.save(bad, new byte[] {1})).as(bad).hasMessageContaining("refusing");
        }
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
