package flagbench.download;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where a client fetches flags and how: the base URL ({@code http://127.0.0.1:PORT/flags}, or {@code https://…} for a
 * protocol over TLS), the protocol to speak, and for TLS the one certificate to trust. What every
 * {@link Client#open} takes, so that a new protocol, or a new way to trust, reaches every client through one value.
 *
 * <p>Immutable. The URL's scheme always matches the protocol's TLS: an {@code http://} URL with {@code https} is refused.
 */
public record Endpoint(String baseUrl, Protocol protocol, Trust trust) {

    public Endpoint {
        baseUrl = FlagAnswer.base(Objects.requireNonNull(baseUrl, "baseUrl"));
        Objects.requireNonNull(protocol, "protocol");
        boolean secure = baseUrl.regionMatches(true, 0, "https://", 0, 8);
        if (secure != protocol.tls()) {
            throw new IllegalArgumentException("protocol " + protocol.name() + " needs an "
                    + (protocol.tls() ? "https" : "http") + ":// address, got " + baseUrl);
        }
        if (protocol.tls() && trust == null) {
            throw new IllegalArgumentException(
                    "protocol " + protocol.name() + " needs the server's certificate to trust");
        }
    }

    /**
     * Where a server answers {@code protocol}: its {@code httpUrl} in clear, or its {@code tlsUrl} with {@code trust}
     * (asked for only over TLS). The one choice that bench's forks, {@code download} and the tests make alike.
     */
    public static Endpoint of(Protocol protocol, String httpUrl, String tlsUrl, Supplier<Trust> trust) {
        return protocol.tls() ? new Endpoint(tlsUrl, protocol, trust.get()) : new Endpoint(httpUrl, protocol, null);
    }

    /** The book's way: HTTP/1.1 in clear at {@code baseUrl}. */
    public static Endpoint plain(String baseUrl) {
        return new Endpoint(baseUrl, Protocols.named(Protocols.DEFAULT), null);
    }

    /** Whether the client must speak HTTP/2. */
    public boolean http2() {
        return protocol.version() == Protocol.Version.HTTP_2;
    }
}
