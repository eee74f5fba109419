package flagbench.download;

import java.time.Duration;
import java.util.Set;

/** The tests' client that speaks {@link TlsAgain}: java.net.http, as the {@code jdk} client sets it up. */
public final class JdkAgainClient implements Client {

    private final Client jdk = new JdkClient();

    @Override
    public String name() {
        return "jdk-again";
    }

    @Override
    public String library() {
        return jdk.library();
    }

    @Override
    public Set<Call> calls() {
        return jdk.calls();
    }

    @Override
    public Set<String> protocols() {
        return Set.of("tls-again");
    }

    @Override
    public String pool() {
        return jdk.pool();
    }

    @Override
    public FlagFetcher open(Endpoint endpoint, Duration timeout, int connections) {
        return jdk.open(endpoint, timeout, connections);
    }
}
