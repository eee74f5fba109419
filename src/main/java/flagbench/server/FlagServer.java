package flagbench.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Extension;
import java.net.BindException;

/**
 * The book's flag server on WireMock: {@code /flags/{cc}/{cc}.gif} and {@code /flags/{cc}/metadata.json}
 * with the latency, errors and faults of a {@link ServerConfig}, tuned so that the server is never
 * the bottleneck of a benchmark on a small machine.
 */
public final class FlagServer implements AutoCloseable {

    /** Admin API for a benchmark in another JVM (see MeterAdminApi), relative to the server's root. */
    public static final String ADMIN_METER = "/__admin/flagbench/meter";
    public static final String ADMIN_METER_RESET = "/__admin/flagbench/meter/reset";
    public static final String ADMIN_LATENCY = "/__admin/flagbench/latency";

    private final WireMockServer wireMock;
    private final ServerConfig config;
    private final InFlightMeter meter = new InFlightMeter();

    private FlagServer(ServerConfig config) {
        this.config = config;
        var responder = new FlagResponder(config, meter);
        this.wireMock = new WireMockServer(options(config, responder, new MeterAdminApi(meter, responder)));
    }

    /** Starts a server; a port in use or an address that cannot be bound is one clear error. */
    public static FlagServer start(ServerConfig config) {
        var server = new FlagServer(config);
        try {
            server.wireMock.start();
        } catch (Exception e) { // Jetty throws checked exceptions undeclared
            server.stopQuietly(e);
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException) {
                    throw new IllegalArgumentException("cannot listen on " + config.bindAddress() + ":"
                            + config.port() + ": " + t.getMessage());
                }
            }
            throw new IllegalStateException("flag server did not start: " + e, e);
        }
        // One catch-all stub: FlagResponder turns it into a flag, metadata, 404, error or fault.
        server.wireMock.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
        return server;
    }

    private static Options options(ServerConfig config, Extension... extensions) {
        var options = WireMockConfiguration.options()
                .bindAddress(config.bindAddress())
                .port(config.port())
                .notifier(new ConsoleNotifier(false))
                .extensions(extensions);
        if (!config.tuned()) {
            return options;
        }
        return options
                // a delay must not hold one of Jetty's threads: answer from a scheduler instead
                .asynchronousResponseEnabled(true)
                .asynchronousResponseThreads(4)
                .containerThreads(64)
                .jettyAcceptQueueSize(4096)
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
    }

    public int port() {
        return wireMock.port();
    }

    /** Where the flags are: {@code http://127.0.0.1:PORT/flags}. */
    public String baseUrl() {
        return "http://" + config.bindAddress() + ":" + port() + "/flags";
    }

    public ServerConfig config() {
        return config;
    }

    public InFlightMeter meter() {
        return meter;
    }

    @Override
    public void close() {
        wireMock.stop();
    }
}
