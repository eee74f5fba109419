package flagbench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchLockTest {

    @Test
    void theBenchLockIsTheUsersOwnFileUnderTheirHomeOwnerOnlyNotASharedOneInTheTempDirectory(@TempDir Path home) throws Exception {
        assumeTrue(System.getenv("XDG_CACHE_HOME") == null, "XDG_CACHE_HOME would place it");
        String before = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try {
            Path lock = BenchLauncher.lockFile();
            assertThat(lock).isEqualTo(home.resolve(".cache/flagbench/bench.lock")).isRegularFile();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(lock))).isEqualTo("rw-------");
            assertThat(BenchLauncher.lockFile()).isEqualTo(lock); // found again, not made twice
        } finally {
            System.setProperty("user.home", before);
        }
    }
}
