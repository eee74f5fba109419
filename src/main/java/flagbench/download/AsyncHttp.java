package flagbench.download;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * {@code sendAsync} and {@link CompletableFuture}s, no thread per download: the book's
 * {@code flags_asyncio.py}. At most {@code maxWorkers} requests are open at once; a limit of at
 * least the number of codes makes it unbounded, as the book's version is.
 */
final class AsyncHttp implements Strategy {

    private final int maxWorkers;

    AsyncHttp(int maxWorkers) {
        this.maxWorkers = maxWorkers;
    }

    @Override
    public Tally downloadMany(List<String> codes, Downloader downloader) {
        var permits = new Semaphore(maxWorkers);
        var futures = new ArrayList<CompletableFuture<Outcome>>();
        try {
            for (String code : codes) {
                permits.acquire();
                futures.add(downloader.downloadOneAsync(code).whenComplete((outcome, e) -> permits.release()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Tally.await(codes, futures);
    }
}
