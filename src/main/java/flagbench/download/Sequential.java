package flagbench.download;

import java.util.ArrayList;
import java.util.List;

/** One download after another: the book's {@code flags.py}. */
final class Sequential implements Strategy {

    @Override
    public Tally downloadMany(List<String> codes, Downloader downloader) {
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
