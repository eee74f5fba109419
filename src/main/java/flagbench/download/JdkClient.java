package flagbench.download;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code java.net.http.HttpClient}: both calls, one engine. Its blocking {@code send} is
 * {@code sendAsync} plus a wait: the client's selector thread reads and writes every socket and
 * its executor (a cached pool of platform threads) completes the futures, so a strategy's threads
 * only wait. It opens as many connections as requests in flight: no pool limit to size.
 */
public final class JdkClient implements Client {

    @Override
    public String name() {
        return "jdk";
    }

    @Override
    public String library() {
        return "java.net.http.HttpClient " + Runtime.version().feature() + " (send, sendAsync)";
    }

    @Override
    public Set<Call> calls() {
        return EnumSet.allOf(Call.class);
    }

    @Override
    public Set<String> protocols() {
        return Set.of("http", "https", "h2");
    }

    @Override
    public String pool() {
        return "no limit on connections (HTTP/1.1: one per request in flight; HTTP/2: one per origin, its streams up to"
                + " the server's limit, then \"too many concurrent streams\")";
    }

    @Override
    public FlagFetcher open(Endpoint endpoint, Duration timeout, int connections) {
        return new HttpFlagFetcher(endpoint, timeout);
    }
}
