package flagbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

class RowConsoleTest {

    @Test
    void jmhsConsoleGoesToTheLogAndAFailedForkGetsOneLineOnTheUsersConsole() {
        var log = new ByteArrayOutputStream();
        var console = new ByteArrayOutputStream();
        var format = new RowConsole(
                OutputFormatFactory.createFormatInstance(
                        new PrintStream(log, true, StandardCharsets.UTF_8), VerboseMode.NORMAL),
                new PrintStream(console, true, StandardCharsets.UTF_8),
                List.of("strategy"));
        format.println("# Run progress: 12.50% complete, ETA 00:05:10");
        format.println("Iteration   1: <failure>");
        format.println("java.lang.IllegalStateException: all 20 downloads failed");
        format.println("\tat flagbench.bench.DownloadBenchmark.downloadAll(DownloadBenchmark.java:1)");
        format.flush();
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("# Run progress: 12.50%")
                .contains("Iteration   1: <failure>")
                .contains("\tat flagbench.bench.DownloadBenchmark");
        assertThat(console.toString(StandardCharsets.UTF_8))
                .isEqualTo(
                        "flagbench: a fork failed (its trace is in jmh.log; bench --verbose shows JMH's console here)\n");
    }
}
