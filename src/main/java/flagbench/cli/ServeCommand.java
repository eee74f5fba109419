package flagbench.cli;

import flagbench.download.Protocol;
import flagbench.download.Protocols;
import flagbench.download.Trust;
import flagbench.server.FlagServer;
import flagbench.server.ServerConfig;
import flagbench.server.TempFiles;
import flagbench.timing.Network;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Serve the 194 flags as the book's server does, until Ctrl-C.",
            "URLs: BASE/{cc}/{cc}.gif and BASE/{cc}/metadata.json, cc in lower case; anything else is 404."
        })
final class ServeCommand implements Callable<Integer> {

    @Option(
            names = "--profile",
            defaultValue = "LOCAL",
            paramLabel = "PROFILE",
            description =
                    "LOCAL (port 8000, no delay), DELAY (8001, 0.5-5 s) or ERROR (8002, 25%% 418s plus delay). Default: ${DEFAULT-VALUE}.")
    ServerConfig.Profile profile;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "Port to listen on (0: any free port). Default: the profile's book port.")
    Integer port;

    @Option(
            names = "--bind",
            defaultValue = ServerConfig.LOOPBACK,
            paramLabel = "ADDRESS",
            description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
    String bind;

    /** The control token that bench must send (16+ characters); without one, a random one, printed at start. */
    @picocli.CommandLine.Mixin
    TokenOptions tokenOptions = new TokenOptions();

    @Option(
            names = "--protocol",
            defaultValue = Protocols.DEFAULT,
            paramLabel = "PROTOCOL",
            completionCandidates = Converters.ProtocolNames.class,
            description =
                    "What clients will speak: ${COMPLETION-CANDIDATES}. Over TLS the server also listens on an https:// port, with a"
                            + " certificate made for it at start (its PEM file and fingerprint are printed); h2 or HTTP/1.1 is the client's choice"
                            + " by ALPN. Default: ${DEFAULT-VALUE}.")
    Protocol protocol;

    @Option(
            names = "--max-streams",
            paramLabel = "N",
            defaultValue = "" + ServerConfig.DEFAULT_MAX_STREAMS,
            description =
                    "HTTP/2 streams a connection may have open at once (SETTINGS_MAX_CONCURRENT_STREAMS). Default: ${DEFAULT-VALUE}, Jetty's.")
    int maxStreams;

    @Mixin
    ServerOptions serverOptions = new ServerOptions();

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind " + address + ": unknown address");
        }
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
        ServerConfig config = serverOptions
                .apply(profile.config())
                .withPort(port == null ? profile.bookPort : port)
                .withBindAddress(bind)
                .withTls(protocol.tls())
                .withMaxStreams(maxStreams);
        if (!isLoopback(bind)) {
            System.err.println(
                    "WARNING: listening on " + bind + ", not loopback: every host that reaches it can download"
                            + " flags and, with the control token, steer its latency. Use --bind 127.0.0.1 unless you mean it.");
        }
        TempFiles.removeStale(); // a killed server's key store and certificate
        String token = tokenOptions.token();
        FlagServer server = token == null ? FlagServer.start(config) : FlagServer.start(config, token);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            System.out.println("flag server stopped");
            stopped.countDown();
        }));
        Network network = serverOptions.network;
        var across = server.network(network);
        System.out.printf(
                "%s flag server: %s (latency %s, errors %.0f%% as %d, faults %.0f%%%s)%n",
                profile,
                server.baseUrl(),
                config.latency().text(),
                config.errorRate() * 100,
                config.errorStatus(),
                config.faultRate() * 100,
                config.downstream().limited() ? ", " + config.downstream().words() : "");
        if (!network.loopback()) {
            System.out.printf(
                    "Across %s: %s%s (the server's own address above skips the link)%n",
                    network.words(),
                    across.http(),
                    across.https().map(https -> " and " + https).orElse(""));
        }
        if (server.tlsBaseUrl().isPresent()) {
            Path pem = server.certificate().orElseThrow().writeTemporaryPem(TempFiles.prefix("serve"));
            var trust = new Trust(server.certificate().orElseThrow().certificate());
            System.out.printf(
                    "%s: %s (%s; HTTP/2 streams per connection: %d)%n",
                    protocol.name(), server.tlsBaseUrl().orElseThrow(), protocol.description(), maxStreams);
            System.out.printf(
                    "Certificate (trust only this one): %s, SHA-256 %s%n  e.g. curl --cacert %s %s/br/br.gif -o br.gif%n",
                    pem, trust.fingerprint(), pem, across.https().orElseThrow());
        }
        System.out.println("Control token (for bench --server URL with --token-file FILE or $" + TokenOptions.ENV
                + "): " + server.token());
        System.out.println("Ctrl-C to stop.");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
