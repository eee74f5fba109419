package flagbench.download;

import static org.assertj.core.api.Assertions.assertThat;

import flagbench.catalog.CodeSets;
import flagbench.timing.Latency;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An interrupted call returns promptly, counts every code, and leaves nothing behind: no thread
 * (platform or virtual) still in a download, no file saved and no progress reported after it returns.
 */
class InterruptTest {

    private static final long LATENCY_MILLIS = 300;

    @TempDir
    Path dest;

    static List<String> strategies() {
        return Strategies.names();
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void anInterruptedCallReturnsPromptlyAndNothingOfItHappensAfterwards(String strategy) throws Exception {
        List<String> codes = CodeSets.named("all");
        var fetcher = new SimulatedFlagFetcher(Latency.parse(LATENCY_MILLIS + "ms"), 1);
        var returned = new java.util.concurrent.atomic.AtomicBoolean();
        var reportedAfterReturn = new AtomicInteger();
        Progress progress = outcome -> {
            if (returned.get()) {
                reportedAfterReturn.incrementAndGet();
            }
        };
        var downloader = new Downloader(fetcher, new FlagSaver(dest), progress);
        var result = new AtomicReference<Tally>();
        var caller = new Thread(() -> {
            result.set(Strategies.named(strategy).downloadMany(codes, downloader, 4));
            returned.set(true);
        });
        caller.start();
        Thread.sleep(LATENCY_MILLIS / 3);
        long start = System.nanoTime();
        caller.interrupt();
        caller.join(5_000);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(caller.isAlive()).as("returned after the interrupt").isFalse();
        assertThat(millis).isLessThan(1_500);
        Tally tally = result.get();
        assertThat(tally.total()).isEqualTo(194);
        assertThat(tally.error()).isGreaterThan(150);
        assertThat(tally.errorReasons()).containsOnlyKeys(Tally.NOT_STARTED);
        assertThat(ThreadDumps.all())
                .as("no thread is still in a download")
                .doesNotContain("flagbench.download.Downloader.");

        Thread.sleep(LATENCY_MILLIS * 2); // whatever was still in flight would have ended by now
        assertThat(reportedAfterReturn).as("progress reported after return").hasValue(0);
        try (var files = Files.list(dest)) {
            assertThat(files).as("files in dest").hasSize(tally.ok());
        }
    }
}
