package flagbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code download} stopped by a signal mid-run, as Ctrl-C or a CI timeout stops it: what it leaves
 * in --dest is whole flags only, and nothing of it stays in the temp directory.
 */
class InterruptedDownloadIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}, stopped after {1} ms")
    @CsvSource({"pool, 700", "virtual, 1200", "async, 1700"})
    void aStoppedDownloadLeavesOnlyWholeFlags(String strategy, long afterMillis) throws Exception {
        Path dest = dir.resolve("flags");
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(
                        java,
                        "-Djava.io.tmpdir=" + tmp,
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "download",
                        "-a",
                        "-s",
                        "DELAY",
                        "--strategy",
                        strategy,
                        "--dest",
                        dest.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .start();
        Thread.sleep(afterMillis);
        process.destroy(); // SIGTERM: shutdown hooks run, as on Ctrl-C
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped").isTrue();

        Set<String> left = names(dest);
        assertThat(left).as("files in --dest").allMatch(name -> name.matches("[A-Z]{2}\\.gif"));
        for (String name : left) {
            assertThat(Files.size(dest.resolve(name)))
                    .as(name)
                    .isGreaterThan(1_000); // whole flags: the smallest is 1,193 bytes
        }
        assertThat(names(tmp)).as("left in the temp directory").isEmpty();
    }

    private static Set<String> names(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
