package flagbench.cli;

import flagbench.server.FaultKind;
import flagbench.server.ServerConfig;
import flagbench.timing.Latency;
import flagbench.timing.Network;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The flag server's behaviour options, shared by {@code serve} and {@code download}'s embedded server. */
final class ServerOptions {

    @Option(
            names = "--latency",
            paramLabel = "LATENCY",
            description =
                    "Delay per request: 0, 100ms, 2s, 500ms..5s (uniform), lognormal:100ms:0.5. Default: the profile's.")
    Latency latency;

    @Option(
            names = "--error-rate",
            paramLabel = "RATE",
            description = "Fraction 0..1 of all requests answered with --error-status. Default: the profile's.")
    Double errorRate;

    @Option(
            names = "--error-status",
            paramLabel = "STATUS",
            defaultValue = "418",
            description =
                    "Status of injected errors: 418 as the book's server, or e.g. 503. Default: ${DEFAULT-VALUE}.")
    int errorStatus;

    @Option(
            names = "--fault-rate",
            paramLabel = "RATE",
            defaultValue = "0",
            description =
                    "Fraction 0..1 of requests that get one of --faults instead of an answer. Default: ${DEFAULT-VALUE}.")
    double faultRate;

    @Option(
            names = "--faults",
            paramLabel = "KIND",
            split = ",",
            defaultValue = "reset,empty,malformed,garbage",
            description = "Fault kinds to draw from: ${COMPLETION-CANDIDATES}. Default: all.")
    List<FaultKind> faults;

    @Option(
            names = "--bandwidth",
            paramLabel = "BYTES_PER_S",
            defaultValue = "0",
            description = "Limit each response to this many bytes per second (0: no limit).")
    long bandwidth;

    @Option(
            names = "--network",
            paramLabel = "LINK",
            defaultValue = "loopback",
            description =
                    "The network between clients and the server: loopback, or rtt=50ms, rtt=50ms+bandwidth=20mbit,"
                            + " rtt=100ms+bandwidth=5mbit+jitter=5ms (a relay in the server's process; docs/network.md). Default: ${DEFAULT-VALUE}.")
    Network network;

    @Mixin
    DownstreamOptions downstream = new DownstreamOptions();

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed of the per-request latency, error and fault draws. Default: ${DEFAULT-VALUE}.")
    long seed;

    /** The profile's configuration with these options on top. */
    ServerConfig apply(ServerConfig profile) {
        ServerConfig config = profile.withSeed(seed)
                .withErrors(errorRate == null ? profile.errorRate() : errorRate, errorStatus)
                .withFaults(faultRate, faults)
                .withBandwidth(bandwidth)
                .withDownstream(downstream.downstream());
        return latency == null ? config : config.withLatency(latency);
    }
}
