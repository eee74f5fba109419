package flagbench.download;

/**
 * HTTP/2 over TLS 1.3, negotiated by ALPN: downloads share a connection as streams, up to the server's
 * SETTINGS_MAX_CONCURRENT_STREAMS; whether a client then opens another connection, queues or fails is its own.
 */
public final class H2 extends SimpleProtocol {

    public H2() {
        super("h2", "HTTP/2 over TLS 1.3, negotiated by ALPN", true, Version.HTTP_2);
    }
}
