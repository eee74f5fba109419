package flagbench.download;

import java.util.List;

/**
 * One way of scheduling {@link Downloader#downloadOne}: the book's {@code download_many}. A
 * strategy is everything about itself: its name, its analogue in the book, and how many downloads
 * it runs at once. The benchmark's parameter values, the report's ideal time and {@code download}'s
 * "N concurrent connections" line all ask it. Adding one is one class and one line in
 * {@code META-INF/services/flagbench.download.Strategy} (see {@link Strategies}).
 */
public interface Strategy {

    /** What users type and results carry, e.g. {@code pool}. */
    String name();

    /** What it is in Fluent Python, or what Java adds, e.g. {@code flags_threadpool.py}. */
    String analogue();

    /**
     * How many of {@code n} downloads it runs at once with at most {@code maxWorkers} workers:
     * between 1 and n. Little's law turns it into the ideal time: ceil(n / concurrency) latencies.
     * By default, as a strategy that maxWorkers limits: min(maxWorkers, n).
     */
    default int concurrency(int n, int maxWorkers) {
        return Math.min(maxWorkers, n);
    }

    /** Whether {@code maxWorkers} limits it at all; false for one-at-a-time and for all-at-once. */
    default boolean usesMaxWorkers() {
        return concurrency(2, 1) != concurrency(2, 2);
    }

    /**
     * How it calls a client: {@link Client.Call#BLOCKING} for a strategy whose threads wait for
     * each download, {@link Client.Call#ASYNC} for one that holds futures. It runs on every client
     * that offers that call ({@link Clients#requireCompatible}).
     */
    default Client.Call call() {
        return Client.Call.BLOCKING;
    }

    /**
     * Downloads every code once, at most {@link #concurrency} at a time. The tally's total always
     * equals {@code codes.size()}; when the calling thread is interrupted, it returns promptly,
     * counting what was not done as errors. Nothing it started outlives the call: no thread still
     * runs, no file is written and no progress is reported after it returns.
     */
    Tally downloadMany(List<String> codes, Downloader downloader, int maxWorkers);
}
