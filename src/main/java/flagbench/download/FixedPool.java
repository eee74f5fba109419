package flagbench.download;

import java.util.List;
import java.util.concurrent.Executors;

/** A fixed pool of platform threads: the book's {@code flags_threadpool.py}. */
final class FixedPool implements Strategy {

    private final int maxWorkers;

    FixedPool(int maxWorkers) {
        this.maxWorkers = maxWorkers;
    }

    @Override
    public Tally downloadMany(List<String> codes, Downloader downloader) {
        int workers = Math.max(1, Math.min(maxWorkers, codes.size()));
        try (var executor = Executors.newFixedThreadPool(workers)) {
            var futures = codes.stream().map(code -> executor.submit(() -> downloader.downloadOne(code))).toList();
            return Tally.await(codes, futures);
        }
    }
}
