package flagbench.download;

import java.time.Duration;
import java.util.Set;

/**
 * One HTTP client library, as a user's code would set it up to fetch flags: its name, which calls
 * it offers, and a {@link FlagFetcher} opened on a server. Adding one is one class and one line in
 * {@code META-INF/services/flagbench.download.Client} (see {@link Clients}).
 *
 * <p>Every client keeps the same semantics, so that only the library differs between two rows:
 * the endpoint's protocol, the connect-and-request timeout given, the body read whole, exactly one
 * {@link Outcome} per fetch, and a connection pool that never holds concurrency below the
 * {@code connections} asked for (the libraries' defaults cap it at 5 per host). Beyond that each is
 * set up as its users set it up: how it multiplexes HTTP/2 is the library's own.
 */
public interface Client {

    /** The two ways a strategy can call a client. */
    enum Call {
        /** The calling thread waits for the answer (thread strategies). */
        BLOCKING,
        /** A future that completes with the answer, no thread waiting (async strategies). */
        ASYNC
    }

    /** What users type and results carry, e.g. {@code apache}. */
    String name();

    /** The library and the calls used, e.g. {@code Apache HttpClient 5 classic (CloseableHttpClient.execute)}. */
    String library();

    /** The calls it offers; a strategy runs on it only if it offers the strategy's {@link Strategy#call()}. */
    Set<Call> calls();

    /** The names of the {@link Protocol}s it speaks; a row runs on it only with one of them. */
    Set<String> protocols();

    /**
     * Whether a new fetcher starts with no connections ({@code connections=cold}): false where the
     * library keeps one pool per JVM.
     */
    default boolean startsCold() {
        return true;
    }

    /** What its connections are set to beyond its defaults, for machine.json. */
    String pool();

    /**
     * A fetcher of {@code BASE/{cc}/{cc}.gif} at the endpoint, speaking its protocol, whose pool allows at least
     * {@code connections} requests at once. Closing it closes its connections. A TLS endpoint's certificate is the
     * only one trusted, with host names verified.
     *
     * @throws IllegalArgumentException for a protocol not in {@link #protocols()}
     */
    FlagFetcher open(Endpoint endpoint, Duration timeout, int connections);
}
