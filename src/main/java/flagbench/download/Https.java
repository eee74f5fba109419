package flagbench.download;

/** HTTP/1.1 over TLS 1.3: a connection per request in flight, and a handshake per new connection. */
public final class Https extends SimpleProtocol {

    public Https() {
        super("https", "HTTP/1.1 over TLS 1.3", true, Version.HTTP_1_1);
    }
}
