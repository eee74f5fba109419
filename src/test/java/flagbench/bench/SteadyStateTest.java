package flagbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SteadyStateTest {

    private static final Duration WINDOW = Duration.ofSeconds(4);
    private static final Duration LIMIT = Duration.ofSeconds(90);

    /**
     * A stepped clock: each operation takes {@code opMillis}; the compilers spend {@code busyShare} of
     * it while the operation count is under {@code busyOps}, then 1 %.
     */
    private static SteadyState.Warmup warmUp(long opMillis, int busyOps, double busyShare) {
        var now = new AtomicLong();
        var compiled = new AtomicLong();
        var ops = new AtomicLong();
        Runnable operation = () -> {
            long n = ops.incrementAndGet();
            now.addAndGet(opMillis * 1_000_000);
            compiled.addAndGet(Math.round(opMillis * (n <= busyOps ? busyShare : 0.01)));
        };
        return SteadyState.warmUp(operation, compiled::get, now::get, WINDOW, SteadyState.QUIET_SHARE, LIMIT);
    }

    @Test
    void endsOneWindowAfterTheCompilersGoQuiet() {
        // 500 ms operations, compilers busy 40 % of the first 30 (15 s): quiet from operation 31, a window (8 ops)
        // later it ends
        var warmup = warmUp(500, 30, 0.40);
        assertThat(warmup.quiet()).isTrue();
        assertThat(warmup.operations()).isEqualTo(38);
        assertThat(warmup.elapsed()).isEqualTo(Duration.ofSeconds(19));
    }

    @Test
    void shortAndLongOperationsWarmUpForTheSameTimeNotTheSameCount() {
        // the compilers are busy for the first 12 s whatever the operation's length
        var short_ = warmUp(100, 120, 0.40);
        var long_ = warmUp(2_000, 6, 0.40);
        assertThat(short_.operations()).isBetween(150, 160);
        assertThat(long_.operations()).isEqualTo(8);
        for (var warmup : java.util.List.of(short_, long_)) {
            assertThat(warmup.quiet()).isTrue();
            assertThat(warmup.elapsed())
                    .isBetween(Duration.ofSeconds(12), Duration.ofSeconds(16)); // the busy 12 s and at most a window
        }
    }

    @Test
    void aQuietStartStillRunsAWindowAndTwoOperations() {
        assertThat(warmUp(10_000, 0, 0).operations()).isEqualTo(2);
        var fast = warmUp(1_000, 0, 0);
        assertThat(fast.operations()).isEqualTo(4);
        assertThat(fast.quiet()).isTrue();
    }

    @Test
    void stopsAtTheLimitAndSaysTheCompilersWereStillBusy() {
        var warmup = warmUp(1_000, Integer.MAX_VALUE, 0.40);
        assertThat(warmup.quiet()).isFalse();
        assertThat(warmup.elapsed()).isEqualTo(LIMIT);
        assertThat(warmup.describe()).contains("still busy").contains("90 operations");
    }
}
