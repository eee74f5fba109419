package flagbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempFilesTest {

    @TempDir
    Path tmp;

    @Test
    void aDeadProcessesFilesAreRemovedALiveOnesAndOthersAreNot() throws Exception {
        long dead = LongStream.iterate(4_000_000, pid -> pid + 1)
                .filter(pid -> ProcessHandle.of(pid).isEmpty())
                .findFirst()
                .orElseThrow();
        Path token = Files.writeString(tmp.resolve("flagbench-token-" + dead + "-123"), "secret");
        Path pins = Files.writeString(tmp.resolve("flagbench-pins-" + dead + "-9.jfr"), "");
        Path mine = Files.writeString(tmp.resolve(TempFiles.prefix("token") + "5"), "live");
        Path keyStore = Files.writeString(tmp.resolve("flagbench-keystore-" + dead + "-7.p12"), "a private key");
        Path other = Files.writeString(tmp.resolve("flagbench-cache-" + dead + "-1"), "not a kind it knows");
        Path unrelated = Files.writeString(tmp.resolve("notes-" + dead), "");

        assertThat(TempFiles.removeStale(tmp)).isEqualTo(3);
        assertThat(keyStore).doesNotExist();
        assertThat(token).doesNotExist();
        assertThat(pins).doesNotExist();
        assertThat(mine).exists();
        assertThat(other).exists();
        assertThat(unrelated).exists();
    }

    @Test
    void aFileOfThisProcessIsNamedAfterIt() throws Exception {
        Path file = TempFiles.create("token", "");
        try {
            assertThat(file.getFileName().toString())
                    .startsWith("flagbench-token-" + ProcessHandle.current().pid() + "-");
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
