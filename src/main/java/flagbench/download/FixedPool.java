package flagbench.download;

import java.util.List;
import java.util.concurrent.Executors;

/** A fixed pool of platform threads: the book's {@code flags_threadpool.py}. */
public final class FixedPool implements Strategy {

    @Override
    public String name() {
        return "pool";
    }

    @Override
    public String analogue() {
        return "flags_threadpool.py";
    }

    @Override
    public Tally downloadMany(List<String> codes, Downloader downloader, int maxWorkers) {
        int workers = Math.max(1, concurrency(codes.size(), maxWorkers));
        try (var executor = Executors.newFixedThreadPool(workers)) {
            var futures = codes.stream()
                    .map(code -> executor.submit(() -> downloader.downloadOne(code)))
                    .toList();
            return Tally.await(codes, futures);
        }
    }
}
