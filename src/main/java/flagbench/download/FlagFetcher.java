package flagbench.download;

import java.util.concurrent.CompletableFuture;

/** Fetches one flag. Never throws: whatever happens ends as one {@link Outcome}. */
public interface FlagFetcher extends AutoCloseable {

    Outcome fetch(String code);

    /** The same without holding a thread while waiting, for the {@code async} strategy. */
    CompletableFuture<Outcome> fetchAsync(String code);

    @Override
    default void close() {
    }
}
