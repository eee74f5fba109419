package flagbench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import flagbench.catalog.CodeSets;
import flagbench.download.Downloader;
import flagbench.download.FlagFetcher;
import flagbench.download.Outcome;
import flagbench.download.Strategies;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Each counter of {@link CostMeter} against a workload whose cost is known. */
class CostMeterTest {

    /** A fetcher doing {@code work} per download on the calling thread, and nothing else. */
    private static FlagFetcher doing(Function<String, Outcome> work) {
        return new FlagFetcher() {
            @Override
            public Outcome fetch(String code) {
                return work.apply(code);
            }

            @Override
            public CompletableFuture<Outcome> fetchAsync(String code) {
                return CompletableFuture.supplyAsync(() -> work.apply(code));
            }
        };
    }

    private static CostMeter.Costs measure(String strategy, int downloads, int workers, FlagFetcher fetcher) {
        List<String> codes = CodeSets.named("" + downloads);
        CostMeter meter = CostMeter.start();
        Strategies.named(strategy).downloadMany(codes, new Downloader(fetcher), workers);
        return meter.stop();
    }

    @Test
    void clientCpuIsTheCpuTimeTheDownloadsBurnedOnEveryThread() {
        long burn = 2_000_000; // 2 ms of CPU per download, measured on the thread that does it
        var threads = ManagementFactory.getThreadMXBean();
        FlagFetcher burner = doing(code -> {
            long until = threads.getCurrentThreadCpuTime() + burn;
            long spins = 0;
            while (threads.getCurrentThreadCpuTime() < until) {
                spins++;
            }
            return Outcome.ok(code, new byte[(int) (spins & 1)]);
        });
        measure("pool", 20, 2, burner); // compiled before it is measured
        CostMeter.Costs costs = measure("pool", 200, 2, burner);
        // 200 downloads x 2 ms = 400 ms on two pool threads; the process adds some of its own (JIT, GC: up to 170 ms
        // seen on two busy cores), while counting a thread twice would read 800 ms or more
        assertThat(costs.cpuNanos()).isBetween(400_000_000L, 720_000_000L);
        // the downloads' own share leaves the JVM's background out: much closer to the 400 ms burned
        assertThat(costs.downloadCpuNanos()).isPresent();
        assertThat(costs.downloadCpuNanos().getAsLong()).isBetween(400_000_000L, 520_000_000L);
        assertThat(costs.backgroundCpuNanos().getAsLong()).isBetween(0L, costs.cpuNanos() - 400_000_000L);
    }

    @Test
    void theProcessCpuClockCountsThreadsThatHaveEndedAndMovesInNanosecondsNotTicks() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"));
        assertThat(ProcessCpu.precise())
                .as("the build gives the test JVM native access")
                .isTrue();
        var threads = ManagementFactory.getThreadMXBean();
        long before = ProcessCpu.nanos();
        Thread burner = new Thread(
                () -> { // 30 ms on a thread that has ended by the second reading
                    long until = threads.getCurrentThreadCpuTime() + 30_000_000;
                    while (threads.getCurrentThreadCpuTime() < until) {
                        Thread.onSpinWait();
                    }
                });
        burner.start();
        try {
            burner.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThat(ProcessCpu.nanos() - before).isGreaterThanOrEqualTo(30_000_000L); // other threads only add
        // read while this thread burns: the clock's smallest step, which the MXBean's ticks make 10 ms
        long smallest = Long.MAX_VALUE;
        long last = ProcessCpu.nanos();
        for (int i = 0; i < 10_000; i++) {
            long now = ProcessCpu.nanos();
            if (now > last) {
                smallest = Math.min(smallest, now - last);
                last = now;
            }
        }
        assertThat(smallest).isLessThan(1_000_000L);
    }

    @Test
    void theJvmsBackgroundIsItsCompilerAndGcThreadsWhatStartedCountingFromZeroWhatEndedLeftOut() {
        assertThat(JvmBackground.available())
                .as("the build exports sun.management to the test JVM")
                .isTrue();
        assertThat(JvmBackground.snapshot().keySet())
                .anyMatch(name -> name.contains("CompilerThread"))
                .anyMatch(name -> name.startsWith("GC Thread") || name.startsWith("VM Thread"));
        var before = Map.of("C2 CompilerThread0", 100L, "C1 CompilerThread1", 40L, "GC Thread#0", 10L);
        var after = Map.of("C2 CompilerThread0", 130L, "GC Thread#0", 15L, "GC Thread#1", 7L);
        assertThat(JvmBackground.spent(before, after)).isEqualTo(30 + 5 + 7);
    }

    @Test
    void allocationsOnVirtualThreadsAreCounted() {
        int size = 256 * 1024;
        var onVirtual = new AtomicInteger();
        FlagFetcher allocator = doing(code -> {
            if (Thread.currentThread().isVirtual()) {
                onVirtual.incrementAndGet();
            }
            return Outcome.ok(code, new byte[size]);
        });
        measure("virtual", 20, 1, allocator);
        onVirtual.set(0);
        CostMeter.Costs costs = measure("virtual", 100, 1, allocator);
        assertThat(onVirtual).hasValue(100); // every allocation happened on a virtual thread
        long expected = 100L * size; // 25.6 MB, counted on the carriers that ran them
        assertThat(costs.allocatedBytes()).isBetween(expected, expected + 8L * 1024 * 1024);
    }

    @Test
    void peakThreadsCountAPoolsPlatformThreadsButNotVirtualOnes() {
        FlagFetcher sleeper = doing(code -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Outcome.ok(code, new byte[1]);
        });
        // virtual first: a pool's 100 threads may still be ending when the next measurement starts
        int virtual = measure("virtual", 100, 100, sleeper).peakThreads();
        int pool = measure("pool", 100, 100, sleeper).peakThreads();
        assertThat(pool - virtual).isGreaterThanOrEqualTo(90); // 100 platform threads against a few carriers
    }

    @Test
    void peakResidentMemoryIsReadOnLinux() {
        if (System.getProperty("os.name").startsWith("Linux")) {
            byte[] touched = new byte[128 << 20]; // 128 MB, every page written: resident
            for (int i = 0; i < touched.length; i += 4096) {
                touched[i] = 1;
            }
            assertThat(CostMeter.peakResidentBytes())
                    .isGreaterThan(touched.length)
                    .isLessThan(64L << 30);
        }
    }
}
