package flagbench.download;

import java.util.ArrayList;
import java.util.List;

/** One download after another: the book's {@code flags.py}. */
public final class Sequential implements Strategy {

    @Override
    public String name() {
        return "sequential";
    }

    @Override
    public String analogue() {
        return "flags.py";
    }

    @Override
    public int concurrency(int n, int maxWorkers) {
        return Math.min(1, n);
    }

    @Override
    public Tally downloadMany(List<String> codes, Downloader downloader, int maxWorkers) {
        var outcomes = new ArrayList<Outcome>();
        for (String code : codes) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            outcomes.add(downloader.downloadOne(code));
        }
        return Tally.of(codes, outcomes);
    }
}
