package flagbench.download;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A sixth strategy that lives only in the tests, to prove that adding one takes one class and one
 * registration line: {@code maxWorkers} downloads at a time, each batch waiting for its slowest
 * download before the next starts (what a naive "chunk the list" loop does).
 */
public final class Batches implements Strategy {

    @Override
    public String name() {
        return "batches";
    }

    @Override
    public String analogue() {
        return "(not in the book: chunks of maxWorkers, each awaited whole)";
    }

    @Override
    public Tally downloadMany(List<String> codes, Downloader downloader, int maxWorkers) {
        var futures = new ArrayList<Future<Outcome>>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int from = 0; from < codes.size() && !Thread.currentThread().isInterrupted(); from += maxWorkers) {
                var batch = codes.subList(from, Math.min(codes.size(), from + maxWorkers)).stream()
                        .map(code -> executor.submit(() -> downloader.downloadOne(code)))
                        .toList();
                futures.addAll(batch);
                Tally.await(codes.subList(from, from + batch.size()), batch);
            }
            return Tally.await(codes, futures);
        }
    }
}
