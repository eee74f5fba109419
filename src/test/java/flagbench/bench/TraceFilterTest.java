package flagbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TraceFilterTest {

    @Test
    void aFailuresTraceIsDroppedAndEverythingElsePasses() {
        var sink = new ByteArrayOutputStream();
        PrintStream filtered = TraceFilter.around(new PrintStream(sink, true, StandardCharsets.UTF_8));
        filtered.print("""
                # Fork: 1 of 1
                Iteration   1: <failure>

                java.lang.IllegalStateException: all 20 downloads failed: {HTTP 503=20}
                \tat flagbench.bench.DownloadBenchmark.downloadMany(DownloadBenchmark.java:200)
                \tat java.base/java.lang.Thread.run(Thread.java:1474)
                Caused by: java.io.IOException: closed
                \t... 3 more

                Benchmark had encountered error, and fail on error was requested
                Iteration   2: 120.5 ms/op
                """);
        filtered.flush();
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("""
                # Fork: 1 of 1
                Iteration   1: failed (the cause is the last line; bench --verbose shows the trace)
                Benchmark had encountered error, and fail on error was requested
                Iteration   2: 120.5 ms/op
                """);
    }
}
