package flagbench.download;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * When each download of one {@code downloadMany} ended, measured from two starts: the call's
 * (every strategy here is handed all its codes at once, as {@code download_many} is, so this is the
 * wait <em>with</em> the queue: a fixed pool's 21st download waits for a free thread) and the
 * download's own (without the queue). Also which virtual threads ran downloads: the strategies that
 * use them start one per download. Recorded from many threads at once with HdrHistogram's
 * {@link Recorder}, in microseconds.
 */
public final class DownloadTimes {

    /** Three significant digits: 0.1 % resolution, whatever the magnitude. */
    private static final int DIGITS = 3;

    private final long callStart;
    private final Recorder withQueue = new Recorder(DIGITS);
    private final Recorder withoutQueue = new Recorder(DIGITS);
    private final Set<Long> virtualThreads = ConcurrentHashMap.newKeySet();

    /** Starts the clock of one call: create it just before {@code downloadMany}. */
    public DownloadTimes() {
        callStart = System.nanoTime();
    }

    /** A download starts on the current thread; returns its start for {@link #finished}. */
    long started() {
        Thread thread = Thread.currentThread();
        if (thread.isVirtual()) {
            virtualThreads.add(thread.threadId());
        }
        return System.nanoTime();
    }

    void finished(long started) {
        long now = System.nanoTime();
        withQueue.recordValue(Math.max(0, (now - callStart) / 1_000));
        withoutQueue.recordValue(Math.max(0, (now - started) / 1_000));
    }

    /** Each download's time since the call began, in µs (what was recorded since the last call of this method). */
    public Histogram withQueue() {
        return withQueue.getIntervalHistogram();
    }

    /** Each download's time since it started, in µs (since the last call of this method). */
    public Histogram withoutQueue() {
        return withoutQueue.getIntervalHistogram();
    }

    /** How many distinct virtual threads ran a download. */
    public int virtualThreads() {
        return virtualThreads.size();
    }
}
