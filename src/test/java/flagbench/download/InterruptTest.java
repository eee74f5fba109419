package flagbench.download;

import static org.assertj.core.api.Assertions.assertThat;

import flagbench.catalog.CodeSets;
import flagbench.server.Latency;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** An interrupted call returns promptly, counts every code, and leaves no thread behind. */
class InterruptTest {

    static List<String> strategies() {
        return Strategies.names();
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void anInterruptedCallReturnsPromptlyWithEveryCodeCounted(String strategy) throws Exception {
        List<String> codes = CodeSets.named("all");
        var fetcher = new SimulatedFlagFetcher(Latency.parse("1s"), 1);
        var result = new AtomicReference<Tally>();
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        var caller = new Thread(() -> result.set(Strategies.create(strategy, 4).downloadMany(codes, new Downloader(fetcher))));
        caller.start();
        Thread.sleep(300);
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
        var leftover = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive() && !t.isDaemon()).toList();
        assertThat(leftover).isEmpty();
    }
}
