package flagbench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineLockTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream said = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(said, true, StandardCharsets.UTF_8);

    @Test
    void theMachinesLockIsJmhsOwnInTheTemporaryDirectory() {
        assertThat(MachineLock.sharedFile()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock"));
    }

    @Test
    void theHolderMakesTheLockWritableByEveryUserSaysWhoItIsAndEmptiesItWhenDone() throws Exception {
        Path shared = dir.resolve("jmh.lock");
        try (var turn = MachineLock.acquire(shared, dir.resolve("own/bench.lock"), dir, out)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)))
                    .endsWith("w-");
            assertThat(Files.readString(shared))
                    .contains("pid " + ProcessHandle.current().pid())
                    .contains("results in " + dir);
        }
        assertThat(Files.readString(shared)).isEmpty();
        assertThat(said.toString())
                .as("nothing to say when the machine is free")
                .isEmpty();
        assertThat(dir.resolve("own")).doesNotExist();
    }

    @Test
    void aBenchWaitsForAPlainJmhRunOfAnotherProcessAndSaysSo() throws Exception {
        Path shared = dir.resolve("jmh.lock");
        Process jmh = holdInAnotherProcess(shared);
        try {
            var turn = CompletableFuture.supplyAsync(() -> {
                try {
                    return MachineLock.acquire(shared, dir.resolve("own/bench.lock"), dir, out);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (said.size() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(said.toString())
                    .contains("another benchmark is measuring on this machine (a JMH run); waiting for it to finish");
            assertThat(turn).as("still waiting").isNotDone();
            jmh.destroyForcibly().waitFor(); // the kernel releases a dead process's lock
            turn.get(30, TimeUnit.SECONDS).close();
        } finally {
            jmh.destroyForcibly();
        }
    }

    @Test
    void whereTheSharedLockCannotBeMadeTheUsersOwnIsTakenAndThatIsSaid() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "");
        Path own = dir.resolve("cache/flagbench/bench.lock");
        try (var turn = MachineLock.acquire(notADirectory.resolve("jmh.lock"), own, dir, out)) {
            assertThat(own).isRegularFile();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(own)))
                    .as("the user's own")
                    .isEqualTo("rw-------");
        }
        assertThat(said.toString().lines())
                .singleElement()
                .asString()
                .startsWith("flagbench: " + notADirectory.resolve("jmh.lock") + " cannot be written (")
                .endsWith("benches of other users of this machine are not kept apart from yours");
    }

    @Test
    void whereNeitherCanBeMadeItFailsWithOneLineNamingBoth() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "");
        assertThatThrownBy(() -> MachineLock.acquire(
                        notADirectory.resolve("jmh.lock"), notADirectory.resolve("own.lock"), dir, out))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot take the bench lock: " + notADirectory.resolve("jmh.lock") + ": ")
                .hasMessageContaining("; " + notADirectory.resolve("own.lock") + ": ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        // and the turn was given back: the next one does not wait
        try (var turn = MachineLock.acquire(dir.resolve("jmh.lock"), dir.resolve("own.lock"), dir, out)) {
            assertThat(turn).isNotNull();
        }
    }

    /** A JVM that holds {@code file}'s lock as a plain JMH run does (writing nothing) until it is killed. */
    private Process holdInAnotherProcess(Path file) throws Exception {
        Path source = Files.writeString(dir.resolve("Hold.java"), """
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                public class Hold {
                    public static void main(String[] args) throws Exception {
                        var channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        channel.lock();
                        System.out.println("held");
                        Thread.sleep(Long.MAX_VALUE);
                    }
                }
                """);
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        source.toString(),
                        file.toString())
                .redirectErrorStream(true)
                .start();
        assertThat(process.inputReader().readLine()).isEqualTo("held");
        return process;
    }
}
