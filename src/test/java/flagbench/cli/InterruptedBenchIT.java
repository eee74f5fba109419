package flagbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench} stopped by a signal mid-run leaves no half-written run folder behind. */
class InterruptedBenchIT {

    @TempDir
    Path results;

    @Test
    void aStoppedBenchRemovesItsPartialFolder() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "bench",
                        "--suite",
                        "quick",
                        "--results",
                        results.toString())
                .redirectErrorStream(true)
                .redirectOutput(results.resolveSibling("bench-out.txt").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && isEmpty(results)) {
            Thread.sleep(100);
        }
        assertThat(isEmpty(results)).as("the run started a partial folder").isFalse();
        Thread.sleep(1_000); // into JMH's fork
        process.destroy(); // SIGTERM, as Ctrl-C or a CI timeout
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped").isTrue();
        try (Stream<Path> left = Files.list(results)) {
            assertThat(left).as("left in --results").isEmpty();
        }
    }

    private static boolean isEmpty(Path folder) throws Exception {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }
}
