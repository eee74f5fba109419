package flagbench.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;

/**
 * The server's TCP connections accepted and TLS handshakes completed, counted as Jetty makes them: what a protocol or
 * a cold client costs beyond its requests. Counts only grow; a client takes differences, as with requests.
 *
 * <p>A connection is counted once, however many protocol layers Jetty stacks on it (TLS, ALPN, HTTP/2 each a
 * {@link Connection} of their own on the decrypted end point). A handshake is counted as <em>resumed</em> when its
 * session's creation time is earlier than its connection's opening, that is, when the session is an earlier
 * handshake's. Whether the JDK's server keeps that time on a TLS 1.3 resumption is not checked here: no run so far has
 * had a client resume a session (a cold client starts with a fresh TLS context), and every one read 0.
 *
 * <p>Thread-safe: Jetty's selector threads call it at once.
 */
public final class ConnectionMeter implements Connection.Listener, SslHandshakeListener {

    private final LongAdder connections = new LongAdder();
    private final LongAdder handshakes = new LongAdder();
    private final LongAdder resumed = new LongAdder();

    /** When each TLS connection opened, until its handshake ends: a session made before then is an earlier one's. */
    private final Map<SSLEngine, Long> opened = new ConcurrentHashMap<>();

    @Override
    public void onOpened(Connection connection) {
        if (!(connection.getEndPoint() instanceof SslConnection.DecryptedEndPoint)) {
            connections.increment(); // the network's connection, not a protocol layered on the decrypted one
        }
        if (connection instanceof SslConnection tls) {
            opened.put(tls.getSSLEngine(), System.currentTimeMillis());
        }
    }

    @Override
    public void onClosed(Connection connection) {
        if (connection instanceof SslConnection tls) {
            opened.remove(tls.getSSLEngine()); // a handshake that never ended
        }
    }

    @Override
    public void handshakeSucceeded(Event event) {
        handshakes.increment();
        Long start = opened.remove(event.getSSLEngine());
        SSLSession session = event.getSSLEngine().getSession();
        if (start != null && session != null && session.getCreationTime() < start) {
            resumed.increment();
        }
    }

    public long connections() {
        return connections.sum();
    }

    public long handshakes() {
        return handshakes.sum();
    }

    public long resumedHandshakes() {
        return resumed.sum();
    }
}
