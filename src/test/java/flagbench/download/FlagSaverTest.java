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

    @Test
    void aKilledSaversDebrisIsRemovedByTheNextAndALiveOnesIsKept() throws Exception {
        long dead =
                ProcessHandle.allProcesses().mapToLong(ProcessHandle::pid).max().orElse(1) + 100_000; // no such process
        long live = ProcessHandle.current().parent().map(ProcessHandle::pid).orElseThrow();
        Path debris = Files.createFile(dir.resolve(".cn." + dead + ".7.part"));
        Path writing = Files.createFile(dir.resolve(".br." + live + ".3.part"));
        Path notOurs = Files.createFile(dir.resolve(".cn.notes.part"));
        new FlagSaver(dir);
        assertThat(debris).doesNotExist();
        assertThat(writing).exists();
        assertThat(notOurs).exists();
    }

    @Test
    void aSavedFlagHasTheUmasksPermissionsAsAnyNewFileHas() throws Exception {
        Path reference = Files.createFile(dir.resolve("reference"));
        Path saved = new FlagSaver(dir.resolve("flags")).save("cn", new byte[] {1});
        assertThat(Files.getPosixFilePermissions(saved)).isEqualTo(Files.getPosixFilePermissions(reference));
        Path written = flagbench.results.RunFolder.writeAtomically(dir.resolve("report.md"), new byte[] {1});
        assertThat(Files.getPosixFilePermissions(written)).isEqualTo(Files.getPosixFilePermissions(reference));
    }
}
