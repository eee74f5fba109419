package flagbench.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.core.Version;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Extension;
import flagbench.timing.Network;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The book's flag server on WireMock: {@code /flags/{cc}/{cc}.gif} and {@code /flags/{cc}/metadata.json}
 * with the latency, errors and faults of a {@link ServerConfig}, tuned so that the server is never
 * the bottleneck of a benchmark on a small machine.
 */
public final class FlagServer implements AutoCloseable {

    private static final int MAX_REQUEST_HEADER_BYTES = 8 * 1024;

    // the tuned settings, named once for options() and describe()
    private static final int ASYNC_RESPONSE_THREADS = 4;
    private static final int CONTAINER_THREADS = 64;
    private static final int ACCEPT_QUEUE = 4096;

    private final WireMockServer wireMock;
    private final ServerConfig config;
    private final ControlToken token;
    private final InFlightMeter meter = new InFlightMeter();
    private final ConnectionMeter connections = new ConnectionMeter();
    private final FlagResponder responder;
    /** The network in front of the server, started with the first network other than loopback; null before. */
    private NetworkLink link;
    /** Null without TLS. */
    private final ServerCertificate certificate;
    /** The key store Jetty reads at start, deleted once it has: null without TLS, or once deleted. */
    private Path keyStore;

    private FlagServer(ServerConfig config, ControlToken token, ServerCertificate given) throws IOException {
        this.config = config;
        this.token = token;
        this.responder = new FlagResponder(config, meter);
        meter.tokens(responder::tokens);
        meter.connections(connections);
        this.certificate =
                !config.tls() ? null : given != null ? given : ServerCertificate.forBindAddress(config.bindAddress());
        this.keyStore = certificate == null ? null : certificate.keyStoreFile();
        var options =
                options(config, token, connections, responder, new ControlRoutes(meter, responder, this::network));
        if (certificate != null) {
            options.dynamicHttpsPort()
                    .keystorePath(keyStore.toString())
                    .keystoreType("PKCS12")
                    .keystorePassword(certificate.password())
                    .keyManagerPassword(certificate.password())
                    .http2TlsDisabled(false);
        }
        this.wireMock = new WireMockServer(options);
    }

    /** Starts a server with a control token of its own; see {@link #start(ServerConfig, String)}. */
    public static FlagServer start(ServerConfig config) {
        return start(config, ControlToken.random());
    }

    /**
     * Starts a server whose control routes answer only {@code token}; a port in use or an
     * address that cannot be bound is one clear error.
     */
    public static FlagServer start(ServerConfig config, String token) {
        return start(config, token, null);
    }

    /**
     * Starts a server with TLS on {@code certificate} rather than one made for its addresses: a test's certificate for
     * another host, which clients must refuse.
     */
    public static FlagServer start(ServerConfig config, ServerCertificate certificate) {
        return start(config.withTls(true), ControlToken.random(), certificate);
    }

    private static FlagServer start(ServerConfig config, String token, ServerCertificate certificate) {
        FlagServer server;
        try {
            server = new FlagServer(config, new ControlToken(token), certificate);
        } catch (IOException e) {
            throw new IllegalStateException("flag server did not start: " + e.getMessage(), e);
        }
        try {
            server.wireMock.start();
            server.forgetKeyStore(); // Jetty has read it: the private key stays in memory only
        } catch (Exception e) { // Jetty throws checked exceptions undeclared
            server.stopQuietly(e);
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException) {
                    throw new IllegalArgumentException(
                            "cannot listen on " + config.bindAddress() + ":" + config.port() + ": " + t.getMessage());
                }
            }
            throw new IllegalStateException("flag server did not start: " + e, e);
        }
        // One catch-all stub: FlagResponder turns it into a flag, metadata, 404, error or fault.
        server.wireMock.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
        return server;
    }

    private static WireMockConfiguration options(
            ServerConfig config, ControlToken token, ConnectionMeter connections, Extension... extensions) {
        var options = WireMockConfiguration.options()
                .bindAddress(config.bindAddress())
                .port(config.port())
                .notifier(new ConsoleNotifier(false))
                // safe by default, tuned or not: only flag URLs and the control routes get through,
                // the control routes only with the token, and request headers are bounded
                .httpServerFactory(new GatedJettyServerFactory(token, connections, config.maxStreams()))
                .adminAuthenticator(token)
                .jettyHeaderRequestSize(MAX_REQUEST_HEADER_BYTES)
                .extensions(extensions);
        if (!config.tuned()) {
            return options;
        }
        return options
                // a delay must not hold one of Jetty's threads: answer from a scheduler instead
                .asynchronousResponseEnabled(true)
                .asynchronousResponseThreads(ASYNC_RESPONSE_THREADS)
                .containerThreads(CONTAINER_THREADS)
                .jettyAcceptQueueSize(ACCEPT_QUEUE)
                .disableRequestJournal()
                .stubRequestLoggingDisabled(true)
                .gzipDisabled(true)
                .templatingEnabled(false)
                .http2PlainDisabled(true)
                .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER);
    }

    private void stopQuietly(Exception startFailure) {
        try {
            wireMock.stop(); // frees what the failed start opened
        } catch (Exception alsoFailed) {
            startFailure.addSuppressed(alsoFailed);
        }
        forgetKeyStore();
    }

    private void forgetKeyStore() {
        if (keyStore != null) {
            try {
                Files.deleteIfExists(keyStore);
                keyStore = null;
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot delete the server's key store " + keyStore + ": " + e.getMessage(), e);
            }
        }
    }

    public int port() {
        return wireMock.port();
    }

    /** Where the flags are: {@code http://127.0.0.1:PORT/flags}. */
    public String baseUrl() {
        return flagsUrl("http", port());
    }

    /** {@code SCHEME://BIND_ADDRESS:PORT/flags}: the server's own addresses, and its network link's in front of them. */
    private String flagsUrl(String scheme, int port) {
        return scheme + "://" + config.bindAddress() + ":" + port + "/flags";
    }

    /** Where the flags are over TLS (HTTP/2 or HTTP/1.1 by ALPN): {@code https://127.0.0.1:PORT/flags}; empty without TLS. */
    public Optional<String> tlsBaseUrl() {
        return certificate == null ? Optional.empty() : Optional.of(flagsUrl("https", wireMock.httpsPort()));
    }

    /**
     * Puts {@code network} between the server and the connections that clients open from now on, and says where they reach the
     * server across it: a relay port in front of each of its ports ({@link NetworkLink}), or the server's own addresses for
     * {@link Network#LOOPBACK}. Connections already open keep the network they were opened under.
     */
    public synchronized Addresses network(Network network) {
        if (network.loopback()) {
            if (link != null) {
                link.network(network);
            }
            return new Addresses(baseUrl(), tlsBaseUrl());
        }
        if (link == null) {
            link = new NetworkLink(config.bindAddress(), config.seed());
        }
        link.network(network);
        return new Addresses(
                flagsUrl("http", link.relay(port())),
                certificate == null
                        ? Optional.empty()
                        : Optional.of(flagsUrl("https", link.relay(wireMock.httpsPort()))));
    }

    /** The network clients cross to reach the server, as {@link #network(Network)} set it last. */
    public synchronized Network network() {
        return link == null ? Network.LOOPBACK : link.network();
    }

    /**
     * Whether every HTTP/1.1 answer from now on says {@code Connection: close}, so that each download opens a connection of
     * its own, as the book's {@code flags.py} does (its {@code httpx.get} makes a client per call). HTTP/2 answers are not
     * touched: a stream's end is not a connection's.
     */
    public void closeEachConnection(boolean close) {
        responder.closeEachConnection(close);
    }

    /** Where clients reach the flags: in clear, and over TLS when the server has it. */
    public record Addresses(String http, Optional<String> https) {}

    /** The certificate its TLS address serves, which clients trust; empty without TLS. */
    public Optional<ServerCertificate> certificate() {
        return Optional.ofNullable(certificate);
    }

    /** The token that the control routes ask for ({@link FlagServerClient} sends it). */
    public String token() {
        return token.value();
    }

    public ServerConfig config() {
        return config;
    }

    /** What {@code machine.json} says of this server: its URL and configuration, as it runs. */
    public Map<String, Object> describe() {
        var description = new LinkedHashMap<String, Object>();
        description.put("url", baseUrl());
        description.put("bindAddress", config.bindAddress());
        description.put("latency", config.latency().text());
        description.put("seed", config.seed());
        description.put("errorRate", config.errorRate());
        description.put("errorStatus", config.errorStatus());
        description.put("faultRate", config.faultRate());
        description.put(
                "faults",
                config.faults().stream()
                        .map(f -> f.name().toLowerCase(Locale.ROOT))
                        .toList());
        description.put("bytesPerSecond", config.bytesPerSecond());
        description.put("downstream", config.downstream().text());
        description.put("tuned", config.tuned());
        description.put(
                "tls",
                certificate == null
                        ? "off"
                        : tlsBaseUrl().orElseThrow() + ", TLS 1.3, ALPN h2 and http/1.1, ECDSA P-256"
                                + " certificate for "
                                + certificate
                                        .certificate()
                                        .getSubjectX500Principal()
                                        .getName());
        description.put("maxStreams", config.maxStreams());
        description.put("network", network().text());
        description.put(
                "wiremock",
                Version.getCurrentVersion()
                        + (config.tuned()
                                ? ", async responses (" + ASYNC_RESPONSE_THREADS + " threads), " + CONTAINER_THREADS
                                        + " container threads, journal off, accept queue " + ACCEPT_QUEUE
                                : ", WireMock's defaults"));
        return description;
    }

    public InFlightMeter meter() {
        return meter;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (link != null) {
                link.close();
            }
        }
        wireMock.stop();
        forgetKeyStore();
    }
}
