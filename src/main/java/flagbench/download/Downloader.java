package flagbench.download;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * The book's {@code download_one}: fetch one flag, save it if asked, report progress. What the
 * strategies schedule; it never throws.
 */
public final class Downloader {

    private final FlagFetcher fetcher;
    private final FlagSaver saver;
    private final Progress progress;

    public Downloader(FlagFetcher fetcher, FlagSaver saver, Progress progress) {
        this.fetcher = fetcher;
        this.saver = saver;
        this.progress = progress;
    }

    public Downloader(FlagFetcher fetcher) {
        this(fetcher, null, Progress.NONE);
    }

    public Outcome downloadOne(String code) {
        Outcome outcome;
        try {
            outcome = fetcher.fetch(code);
        } catch (RuntimeException e) {
            outcome = Outcome.error(code, e);
        }
        return finish(outcome);
    }

    public CompletableFuture<Outcome> downloadOneAsync(String code) {
        CompletableFuture<Outcome> fetching;
        try {
            fetching = fetcher.fetchAsync(code);
        } catch (RuntimeException e) {
            fetching = CompletableFuture.completedFuture(Outcome.error(code, e));
        }
        return fetching.exceptionally(e -> Outcome.error(code, e)).thenApply(this::finish);
    }

    private Outcome finish(Outcome outcome) {
        if (saver != null && outcome.status() == Outcome.Status.OK) {
            try {
                saver.save(outcome.code(), outcome.body());
            } catch (IOException | RuntimeException e) {
                outcome = Outcome.error(outcome.code(), e);
            }
        }
        progress.done(outcome);
        return outcome;
    }
}
