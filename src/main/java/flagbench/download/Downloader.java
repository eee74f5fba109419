package flagbench.download;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The book's {@code download_one}: fetch one flag, save it if asked, report progress. What the
 * strategies schedule; it never throws.
 */
public final class Downloader {

    private final FlagFetcher fetcher;
    private final FlagSaver saver;
    private final Progress progress;
    private final DownloadTimes times;

    public Downloader(FlagFetcher fetcher, FlagSaver saver, Progress progress) {
        this(fetcher, saver, progress, null);
    }

    private Downloader(FlagFetcher fetcher, FlagSaver saver, Progress progress, DownloadTimes times) {
        this.fetcher = fetcher;
        this.saver = saver;
        this.progress = progress;
        this.times = times;
    }

    public Downloader(FlagFetcher fetcher) {
        this(fetcher, null, Progress.NONE);
    }

    /** A downloader that records when each download started and ended in {@code times} (the benchmark's). */
    public Downloader(FlagFetcher fetcher, DownloadTimes times) {
        this(fetcher, null, Progress.NONE, times);
    }

    public Outcome downloadOne(String code) {
        long started = times == null ? 0 : times.started();
        Outcome outcome;
        try {
            outcome = fetcher.fetch(code);
        } catch (RuntimeException e) {
            outcome = Outcome.error(code, e);
        }
        if (Thread.currentThread().isInterrupted()) {
            // cancelled while fetching: the caller has counted it as not done, so it is neither saved nor reported
            // as done (a client that reads the socket in this thread may still have got the whole answer)
            outcome = Outcome.error(code, Tally.NOT_STARTED);
        }
        return finish(outcome, started);
    }

    /**
     * The same without holding a thread while fetching. Cancelling the result before the answer
     * arrives cancels the fetch, and then nothing is saved or reported; once the answer is being
     * finished, cancelling fails and the result completes as usual, so a caller that cancels and
     * then waits knows that nothing of this download happens after it.
     */
    public CompletableFuture<Outcome> downloadOneAsync(String code) {
        long started = times == null ? 0 : times.started();
        CompletableFuture<Outcome> fetching;
        try {
            fetching = fetcher.fetchAsync(code);
        } catch (RuntimeException e) {
            fetching = CompletableFuture.completedFuture(Outcome.error(code, e));
        }
        var download = new AsyncDownload(fetching, started);
        fetching.whenComplete((outcome, e) -> download.finish(e == null ? outcome : Outcome.error(code, e)));
        return download;
    }

    /** A download whose finish (save, progress) and cancel exclude each other: whichever claims it first. */
    private final class AsyncDownload extends CompletableFuture<Outcome> {

        private final AtomicBoolean claimed = new AtomicBoolean();
        private final CompletableFuture<Outcome> fetching;
        private final long started;

        AsyncDownload(CompletableFuture<Outcome> fetching, long started) {
            this.fetching = fetching;
            this.started = started;
        }

        void finish(Outcome fetched) {
            if (claimed.compareAndSet(false, true)) {
                complete(Downloader.this.finish(fetched, started));
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (!claimed.compareAndSet(false, true)) {
                return false;
            }
            fetching.cancel(true);
            return super.cancel(mayInterruptIfRunning);
        }
    }

    private Outcome finish(Outcome outcome, long started) {
        if (saver != null && outcome.status() == Outcome.Status.OK) {
            try {
                saver.save(outcome.code(), outcome.body());
            } catch (IOException e) {
                outcome = Outcome.error(outcome.code(), e.getMessage()); // FlagSaver's messages say what and where
            } catch (RuntimeException e) {
                outcome = Outcome.error(outcome.code(), e);
            }
        }
        progress.done(outcome);
        if (times != null) {
            times.finished(started);
        }
        return outcome;
    }
}
