package flagbench.download;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * {@code sendAsync} with at most {@code maxWorkers} requests open: the book's {@code flags2_asyncio.py},
 * whose semaphore is what {@code tune} turns. Cancellation behaves as in {@link AsyncHttp}.
 */
public final class LimitedAsyncHttp implements Strategy {

    @Override
    public String name() {
        return "async-limited";
    }

    @Override
    public String analogue() {
        return "flags2_asyncio.py";
    }

    @Override
    public Client.Call call() {
        return Client.Call.ASYNC;
    }

    @Override
    public Tally downloadMany(List<String> codes, Downloader downloader, int maxWorkers) {
        var permits = new Semaphore(maxWorkers);
        var futures = new ArrayList<CompletableFuture<Outcome>>();
        try {
            for (String code : codes) {
                permits.acquire();
                var download = downloader.downloadOneAsync(code);
                download.whenComplete((outcome, e) -> permits.release());
                futures.add(download); // the download itself, so that cancelling it reaches the request
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Tally.await(codes, futures);
    }
}
