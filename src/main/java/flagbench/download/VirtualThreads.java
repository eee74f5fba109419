package flagbench.download;

import java.util.List;
import java.util.concurrent.Executors;

/** One virtual thread per download, with no limit: what Java 21 adds. */
final class VirtualThreads implements Strategy {

    @Override
    public Tally downloadMany(List<String> codes, Downloader downloader) {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = codes.stream().map(code -> executor.submit(() -> downloader.downloadOne(code))).toList();
            return Tally.await(codes, futures);
        }
    }
}
