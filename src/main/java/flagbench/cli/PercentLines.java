package flagbench.cli;

import flagbench.download.Outcome;
import flagbench.download.Progress;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;

/** Progress for a log or a pipe: one line each time another tenth of the downloads is done. */
final class PercentLines implements Progress {

    private final int total;
    private final PrintWriter err;
    private final AtomicInteger done = new AtomicInteger();

    PercentLines(int total, PrintWriter err) {
        this.total = total;
        this.err = err;
    }

    @Override
    public void done(Outcome outcome) {
        int n = done.incrementAndGet();
        if (n * 10 / total != (n - 1) * 10 / total) {
            synchronized (err) {
                err.printf("flags: %d of %d done%n", n, total);
                err.flush();
            }
        }
    }
}
