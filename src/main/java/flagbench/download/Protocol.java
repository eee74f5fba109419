package flagbench.download;

/**
 * How a client talks to the flag server: the HTTP version, and whether over TLS. Adding one is one class and one line in
 * {@code META-INF/services/flagbench.download.Protocol} ({@link Protocols}), and the clients that speak it name it in
 * their {@link Client#protocols()}: nothing else changes.
 *
 * <p>Contract: {@link #name()} is what users type and results carry (lower case, stable: jmh.json keeps it); a protocol
 * with {@link #tls()} is reached at the server's {@code https://} address, trusting exactly the server's certificate
 * with host-name verification on ({@link Trust}).
 */
public interface Protocol {

    /** The HTTP versions a client may be asked to speak. */
    enum Version {
        HTTP_1_1,
        HTTP_2
    }

    /** What users type and results carry, e.g. {@code h2}. */
    String name();

    /** In a sentence, e.g. {@code HTTP/2 over TLS 1.3, negotiated by ALPN}. */
    String description();

    /** Whether the connection is encrypted: the {@code https://} address and a certificate to trust. */
    boolean tls();

    Version version();
}
