package flagbench.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import flagbench.catalog.CodeSets;
import flagbench.timing.Latency;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The waits of a pool's downloads follow from N, W and L: Little's law, download by download. */
class DownloadTimesTest {

    private static final int N = 20;
    private static final int W = 4;
    private static final double L = 50;

    @Test
    void aPoolsLaterDownloadsWaitForAThreadAndTheQueueShowsIt() {
        var times = run("pool");
        Histogram withQueue = times.withQueue();
        Histogram withoutQueue = times.withoutQueue();
        assertThat(withQueue.getTotalCount()).isEqualTo(N);
        // round k (1..5) of W downloads ends at k·L: the mean wait with the queue is L·(1+…+5)/5 = 3L
        assertThat(withQueue.getMean() / 1000).isCloseTo(3 * L, within(0.1 * 3 * L));
        assertThat(withQueue.getMaxValue() / 1000.0).isCloseTo(N / W * L, within(0.1 * N / W * L));
        // without the queue every download takes L
        assertThat(withoutQueue.getMean() / 1000).isCloseTo(L, within(0.1 * L));
        assertThat(times.virtualThreads()).isZero();
    }

    @Test
    void boundedVirtualThreadsQueueTheSameWayOnTheirSemaphoreAndAreCounted() {
        var times = run("bounded");
        assertThat(times.withQueue().getMean() / 1000).isCloseTo(3 * L, within(0.1 * 3 * L));
        assertThat(times.virtualThreads()).isEqualTo(N); // one virtual thread per download
    }

    private static DownloadTimes run(String strategy) {
        once(
                strategy,
                new DownloadTimes()); // the first call makes the flag images and loads classes: not a wait to measure
        return once(strategy, new DownloadTimes());
    }

    private static DownloadTimes once(String strategy, DownloadTimes times) {
        Tally tally = Strategies.named(strategy)
                .downloadMany(
                        CodeSets.named("" + N),
                        new Downloader(new SimulatedFlagFetcher(Latency.parse((int) L + "ms"), 1), times),
                        W);
        assertThat(tally.ok()).isEqualTo(N);
        return times;
    }
}
