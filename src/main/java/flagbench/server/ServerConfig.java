package flagbench.server;

import flagbench.timing.Downstream;
import flagbench.timing.Latency;
import java.util.List;
import java.util.Objects;

/**
 * Everything that shapes the flag server's answers. {@code port} 0 means a free port chosen at
 * start. {@code downstream} gives the server a capacity, a queue and a rate limit ({@link Admission}); its
 * latency is then each request's service time. {@code tuned} false keeps WireMock's own defaults (journal on, sync delays, accept queue 50):
 * only for showing why the tuned settings matter. {@code tls} adds an HTTPS address (HTTP/2 and HTTP/1.1 by ALPN), whose
 * connections may each have {@code maxStreams} HTTP/2 streams open at once.
 */
public record ServerConfig(
        String bindAddress,
        int port,
        Latency latency,
        long seed,
        double errorRate,
        int errorStatus,
        double faultRate,
        List<FaultKind> faults,
        long bytesPerSecond,
        Downstream downstream,
        boolean tuned,
        boolean tls,
        int maxStreams) {

    public static final String LOOPBACK = "127.0.0.1";
    public static final long DEFAULT_SEED = 42;
    /** Jetty's own SETTINGS_MAX_CONCURRENT_STREAMS, which WireMock never changes: what users' servers mostly have. */
    public static final int DEFAULT_MAX_STREAMS = 128;

    public ServerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        requireRate("error rate", errorRate);
        requireRate("fault rate", faultRate);
        if (errorStatus < 400 || errorStatus > 599) {
            throw new IllegalArgumentException("error status must be in 400..599, got " + errorStatus);
        }
        faults = List.copyOf(faults);
        Objects.requireNonNull(downstream, "downstream");
        if (faultRate > 0 && faults.isEmpty()) {
            throw new IllegalArgumentException("a fault rate needs at least one fault kind");
        }
        if (maxStreams < 1) {
            throw new IllegalArgumentException("max streams must be at least 1, got " + maxStreams);
        }
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("bandwidth must not be negative, got " + bytesPerSecond);
        }
    }

    private static void requireRate(String what, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(what + " must be in 0..1, got " + rate);
        }
    }

    /** No delay, no errors, a free port on 127.0.0.1. */
    public static ServerConfig local() {
        return Profile.LOCAL.config().withPort(0);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(
                bindAddress,
                newPort,
                latency,
                seed,
                errorRate,
                errorStatus,
                faultRate,
                faults,
                bytesPerSecond,
                downstream,
                tuned,
                tls,
                maxStreams);
    }

    public ServerConfig withBindAddress(String address) {
        return new ServerConfig(
                address,
                port,
                latency,
                seed,
                errorRate,
                errorStatus,
                faultRate,
                faults,
                bytesPerSecond,
                downstream,
                tuned,
                tls,
                maxStreams);
    }

    public ServerConfig withLatency(Latency newLatency) {
        return new ServerConfig(
                bindAddress,
                port,
                newLatency,
                seed,
                errorRate,
                errorStatus,
                faultRate,
                faults,
                bytesPerSecond,
                downstream,
                tuned,
                tls,
                maxStreams);
    }

    public ServerConfig withSeed(long newSeed) {
        return new ServerConfig(
                bindAddress,
                port,
                latency,
                newSeed,
                errorRate,
                errorStatus,
                faultRate,
                faults,
                bytesPerSecond,
                downstream,
                tuned,
                tls,
                maxStreams);
    }

    public ServerConfig withErrors(double rate, int status) {
        return new ServerConfig(
                bindAddress,
                port,
                latency,
                seed,
                rate,
                status,
                faultRate,
                faults,
                bytesPerSecond,
                downstream,
                tuned,
                tls,
                maxStreams);
    }

    public ServerConfig withFaults(double rate, List<FaultKind> kinds) {
        return new ServerConfig(
                bindAddress,
                port,
                latency,
                seed,
                errorRate,
                errorStatus,
                rate,
                kinds,
                bytesPerSecond,
                downstream,
                tuned,
                tls,
                maxStreams);
    }

    public ServerConfig withBandwidth(long newBytesPerSecond) {
        return new ServerConfig(
                bindAddress,
                port,
                latency,
                seed,
                errorRate,
                errorStatus,
                faultRate,
                faults,
                newBytesPerSecond,
                downstream,
                tuned,
                tls,
                maxStreams);
    }

    public ServerConfig withDownstream(Downstream newDownstream) {
        return new ServerConfig(
                bindAddress,
                port,
                latency,
                seed,
                errorRate,
                errorStatus,
                faultRate,
                faults,
                bytesPerSecond,
                newDownstream,
                tuned,
                tls,
                maxStreams);
    }

    public ServerConfig withTuned(boolean newTuned) {
        return new ServerConfig(
                bindAddress,
                port,
                latency,
                seed,
                errorRate,
                errorStatus,
                faultRate,
                faults,
                bytesPerSecond,
                downstream,
                newTuned,
                tls,
                maxStreams);
    }

    /**
     * With an HTTPS address beside the HTTP one: TLS 1.3 with ALPN, HTTP/2 or HTTP/1.1, on a certificate made for this
     * server ({@link ServerCertificate}).
     */
    public ServerConfig withTls(boolean newTls) {
        return new ServerConfig(
                bindAddress,
                port,
                latency,
                seed,
                errorRate,
                errorStatus,
                faultRate,
                faults,
                bytesPerSecond,
                downstream,
                tuned,
                newTls,
                maxStreams);
    }

    /** The HTTP/2 streams a connection may have open at once (SETTINGS_MAX_CONCURRENT_STREAMS). */
    public ServerConfig withMaxStreams(int newMaxStreams) {
        return new ServerConfig(
                bindAddress,
                port,
                latency,
                seed,
                errorRate,
                errorStatus,
                faultRate,
                faults,
                bytesPerSecond,
                downstream,
                tuned,
                tls,
                newMaxStreams);
    }

    /** The book's three servers. */
    public enum Profile {
        LOCAL(8000, Latency.NONE, 0),
        DELAY(8001, new Latency.Uniform(500, 5000), 0),
        ERROR(8002, new Latency.Uniform(500, 5000), 0.25);

        public final int bookPort;
        private final Latency latency;
        private final double errorRate;

        Profile(int bookPort, Latency latency, double errorRate) {
            this.bookPort = bookPort;
            this.latency = latency;
            this.errorRate = errorRate;
        }

        public ServerConfig config() {
            return new ServerConfig(
                    LOOPBACK,
                    bookPort,
                    latency,
                    DEFAULT_SEED,
                    errorRate,
                    418,
                    0,
                    List.of(),
                    0,
                    Downstream.NONE,
                    true,
                    false,
                    DEFAULT_MAX_STREAMS);
        }
    }
}
