package flagbench.download;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/** A virtual thread per download, at most {@code maxWorkers} downloading: the book's {@code flags2_asyncio.py}. */
public final class BoundedVirtualThreads implements Strategy {

    @Override
    public String name() {
        return "bounded";
    }

    @Override
    public String analogue() {
        return "flags2_asyncio.py (its semaphore)";
    }

    @Override
    public Tally downloadMany(List<String> codes, Downloader downloader, int maxWorkers) {
        var permits = new Semaphore(maxWorkers);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = codes.stream()
                    .map(code -> executor.submit(() -> {
                        permits.acquire();
                        try {
                            return downloader.downloadOne(code);
                        } finally {
                            permits.release();
                        }
                    }))
                    .toList();
            return Tally.await(codes, futures);
        }
    }
}
