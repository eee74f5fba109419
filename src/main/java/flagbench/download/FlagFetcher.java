package flagbench.download;

import java.util.concurrent.CompletableFuture;

/**
 * Fetches one flag through one client. Never throws: whatever happens ends as one {@link Outcome}.
 * A client offers one call or both ({@link Client#calls()}); the other is never asked for, since a
 * strategy runs only on a client that offers its call.
 */
public interface FlagFetcher extends AutoCloseable {

    /** The blocking call: the calling thread waits for the answer. */
    default Outcome fetch(String code) {
        throw new UnsupportedOperationException("this client has no blocking call");
    }

    /** The same without holding a thread while waiting, for the async strategies. */
    default CompletableFuture<Outcome> fetchAsync(String code) {
        throw new UnsupportedOperationException("this client has no async call");
    }

    @Override
    default void close() {}
}
