package flagbench.download;

import java.util.List;
import java.util.concurrent.Executors;

/** One virtual thread per download, with no limit: what Java 21 adds. */
public final class VirtualThreads implements Strategy {

    @Override
    public String name() {
        return "virtual";
    }

    @Override
    public String analogue() {
        return "(new in Java 21: blocking code, unbounded like flags_asyncio.py)";
    }

    @Override
    public int concurrency(int n, int maxWorkers) {
        return n;
    }

    @Override
    public Tally downloadMany(List<String> codes, Downloader downloader, int maxWorkers) {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = codes.stream()
                    .map(code -> executor.submit(() -> downloader.downloadOne(code)))
                    .toList();
            return Tally.await(codes, futures);
        }
    }
}
