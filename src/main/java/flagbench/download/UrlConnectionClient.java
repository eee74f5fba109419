package flagbench.download;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * {@code java.net.HttpURLConnection}: the calling thread reads the socket itself. On a virtual
 * thread a blocked read parks on the JDK's poller and frees the carrier; an interrupt closes the
 * socket. Connections are kept alive in one cache per JVM, which keeps {@code http.maxConnections}
 * idle connections per host (5 unless set, read once at the first connection): more are opened
 * and closed on every round, which would make "warm" cold. A JVM-wide cache also means a new
 * fetcher cannot start cold, so this client is warm only.
 */
public final class UrlConnectionClient implements Client {

    private static final String MAX_CONNECTIONS = "http.maxConnections";

    @Override
    public String name() {
        return "urlconnection";
    }

    @Override
    public String library() {
        return "java.net.HttpURLConnection " + Runtime.version().feature() + " (getInputStream)";
    }

    @Override
    public Set<Call> calls() {
        return EnumSet.of(Call.BLOCKING);
    }

    @Override
    public Set<String> protocols() {
        return Set.of("http", "https"); // HTTP/1.1 only
    }

    @Override
    public boolean startsCold() {
        return false;
    }

    @Override
    public String pool() {
        return MAX_CONNECTIONS + " = the first fetcher's connections, the row's concurrency (default 5)";
    }

    @Override
    public FlagFetcher open(Endpoint endpoint, Duration timeout, int connections) {
        keepAlive(connections);
        // one socket factory per fetcher: the keep-alive cache reuses a TLS connection only for the same factory
        SSLSocketFactory tls =
                endpoint.protocol().tls() ? endpoint.trust().sslContext().getSocketFactory() : null;
        return new Fetcher(endpoint.baseUrl(), (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()), tls);
    }

    /** Raises the keep-alive cache to {@code connections}; the JDK reads it once, so only the first call counts. */
    private static synchronized void keepAlive(int connections) {
        String set = System.getProperty(MAX_CONNECTIONS);
        if (set == null || set.isBlank() || Integer.parseInt(set.strip()) < connections) {
            System.setProperty(MAX_CONNECTIONS, String.valueOf(Math.max(5, connections)));
        }
    }

    private record Fetcher(String base, int timeoutMillis, SSLSocketFactory tls) implements FlagFetcher {

        @Override
        public Outcome fetch(String code) {
            try {
                var connection =
                        (HttpURLConnection) FlagAnswer.uri(base, code).toURL().openConnection(Proxy.NO_PROXY);
                connection.setConnectTimeout(timeoutMillis);
                connection.setReadTimeout(timeoutMillis);
                connection.setUseCaches(false);
                if (connection instanceof HttpsURLConnection https) {
                    https.setSSLSocketFactory(tls); // host names verified by the default verifier
                }
                int status = connection.getResponseCode();
                // read to the end and closed: the connection goes back to the keep-alive cache
                try (InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                    byte[] bytes = body == null ? new byte[0] : body.readAllBytes();
                    return FlagAnswer.outcome(code, status, bytes, connection.getContentLengthLong());
                }
            } catch (IOException | RuntimeException e) {
                return Thread.currentThread().isInterrupted()
                        ? Outcome.error(code, Tally.NOT_STARTED)
                        : Outcome.error(code, e);
            }
        }
    }
}
