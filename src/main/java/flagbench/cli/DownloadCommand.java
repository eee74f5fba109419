package flagbench.cli;

import flagbench.catalog.CodeSets;
import flagbench.download.Client;
import flagbench.download.Clients;
import flagbench.download.Downloader;
import flagbench.download.Endpoint;
import flagbench.download.FlagSaver;
import flagbench.download.Outcome;
import flagbench.download.Progress;
import flagbench.download.Protocol;
import flagbench.download.Protocols;
import flagbench.download.Strategies;
import flagbench.download.Strategy;
import flagbench.download.Tally;
import flagbench.download.Trust;
import flagbench.server.FlagServer;
import flagbench.timing.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "download",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        description = {
            "Download flags, as the book's flags2 scripts do, with the strategy of your choice.",
            "With no CC and neither -a nor -e: the 20 most populous countries (POP20)."
        })
final class DownloadCommand implements Callable<Integer> {

    @Parameters(
            paramLabel = "CC",
            arity = "0..*",
            description = "Two-letter country codes, or one letter for its 26 codes (B: BA..BZ).")
    List<String> codes = List.of();

    @Option(
            names = {"-a", "--all"},
            description = "All 194 countries with a flag.")
    boolean all;

    @Option(
            names = {"-e", "--every"},
            description = "Every code AA..ZZ (676; 482 of them are 404).")
    boolean every;

    @Option(
            names = {"-l", "--limit"},
            paramLabel = "N",
            description = "At most N codes.")
    Integer limit;

    @Option(
            names = {"-m", "--max-req"},
            paramLabel = "N",
            defaultValue = Strategies.BOOK_MAX_WORKERS,
            description = "Maximum concurrent requests (the book's MAX_WORKERS). Default: ${DEFAULT-VALUE}.")
    int maxRequests;

    @Option(
            names = {"-s", "--server"},
            paramLabel = "LABEL|URL",
            defaultValue = "LOCAL",
            description = "LOCAL, DELAY or ERROR: an embedded server with that profile on a free port;"
                    + " or the base URL of a running server (http://127.0.0.1:8001/flags). Default: ${DEFAULT-VALUE}.")
    ServerChoice server;

    @Option(
            names = "--strategy",
            paramLabel = "NAME",
            defaultValue = "pool",
            completionCandidates = Converters.StrategyNames.class,
            description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    Strategy strategy;

    @Option(
            names = "--client",
            paramLabel = "NAME",
            defaultValue = Clients.DEFAULT,
            completionCandidates = Converters.ClientNames.class,
            description =
                    "The HTTP client: ${COMPLETION-CANDIDATES}. Blocking strategies need a blocking client (jdk, urlconnection,"
                            + " apache, okhttp, jetty), async ones an async client (jdk, apache-async, reactor, okhttp, jetty). Default: ${DEFAULT-VALUE}.")
    Client client;

    @Option(
            names = "--protocol",
            paramLabel = "NAME",
            defaultValue = Protocols.DEFAULT,
            completionCandidates = Converters.ProtocolNames.class,
            description =
                    "${COMPLETION-CANDIDATES}: HTTP/1.1 in clear, over TLS 1.3, or HTTP/2 over TLS (with the embedded server,"
                            + " whose own certificate is the only one trusted). Default: ${DEFAULT-VALUE}.")
    Protocol protocol;

    @Option(names = "--dest", paramLabel = "DIR", description = "Save the flags there as CC.gif.")
    Path dest;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = Durations.BOOK_TIMEOUT,
            description = "Connect and request timeout per download. Default: 3.1s.")
    Duration timeout;

    @Option(
            names = {"-v", "--verbose"},
            description = "One line per code instead of a progress bar.")
    boolean verbose;

    @Mixin
    ServerOptions serverOptions = new ServerOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1, got " + limit);
        }
        if (maxRequests < 1 || maxRequests > Strategies.MAX_WORKERS) {
            throw new IllegalArgumentException(
                    "--max-req must be from 1 to " + Strategies.MAX_WORKERS + ", got " + maxRequests);
        }
        Clients.requireCompatible(strategy, client);
        Clients.requireSpeaks(client, protocol);
        if (!server.embedded() && protocol.tls()) {
            throw new IllegalArgumentException(
                    "--protocol " + protocol.name() + " needs the server's certificate: use an embedded server"
                            + " (-s LOCAL, DELAY or ERROR), or serve --protocol " + protocol.name()
                            + " and curl with the certificate it prints");
        }
        List<String> ccList = CodeSets.expand(codes, all, every, limit == null ? 0 : limit);
        int concurrency = strategy.concurrency(ccList.size(), maxRequests);
        if (!server.embedded()) {
            var parsed = spec.commandLine().getParseResult();
            List<String> ignored = spec.mixins().get("serverOptions").options().stream()
                    .filter(parsed::hasMatchedOption)
                    .map(OptionSpec::longestName)
                    .toList();
            if (!ignored.isEmpty()) {
                throw new IllegalArgumentException(
                        String.join(", ", ignored) + " shape the embedded server: a running server at " + server.url()
                                + " has its own settings (start it with serve " + String.join(" ", ignored) + " …)");
            }
        }
        FlagSaver saver = dest == null ? null : new FlagSaver(dest);
        PrintWriter out = spec.commandLine().getOut();
        FlagServer embedded = server.embedded()
                ? FlagServer.start(serverOptions
                        .apply(server.profile().config())
                        .withPort(0)
                        .withTls(protocol.tls()))
                : null;
        var across = embedded == null ? null : embedded.network(serverOptions.network);
        Endpoint endpoint = embedded == null
                ? Endpoint.plain(reachable(server.url()))
                : Endpoint.of(
                        protocol,
                        across.http(),
                        across.https().orElse(null),
                        () -> new Trust(embedded.certificate().orElseThrow().certificate()));
        String baseUrl = endpoint.baseUrl();
        try (embedded;
                var fetcher = client.open(endpoint, timeout, concurrency)) {
            out.print(Reports.initial(server.label(), baseUrl, ccList, concurrency));
            out.flush();
            // Ctrl-C runs shutdown hooks, then stops every thread wherever it is: remove half-written files first
            Thread cleanUp = saver == null ? null : new Thread(saver::close);
            if (cleanUp != null) {
                Runtime.getRuntime().addShutdownHook(cleanUp);
            }
            long start = System.nanoTime();
            Tally tally;
            if (verbose) {
                Progress lines = outcome -> {
                    synchronized (out) {
                        out.println(Reports.line(outcome));
                        out.flush();
                    }
                };
                tally = strategy.downloadMany(ccList, new Downloader(fetcher, saver, lines), maxRequests);
            } else if (System.console() == null) {
                // not a terminal: a line every 10 %, not hundreds of carriage-return frames in a log
                tally = strategy.downloadMany(
                        ccList,
                        new Downloader(
                                fetcher,
                                saver,
                                new PercentLines(
                                        ccList.size(), spec.commandLine().getErr())),
                        maxRequests);
            } else {
                try (ProgressBar bar = new ProgressBarBuilder()
                        .setTaskName("flags")
                        .setInitialMax(ccList.size())
                        .setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(100)
                        .continuousUpdate()
                        .hideEta()
                        .build()) {
                    tally = strategy.downloadMany(
                            ccList, new Downloader(fetcher, saver, outcome -> bar.step()), maxRequests);
                }
            }
            if (cleanUp != null) {
                Runtime.getRuntime().removeShutdownHook(cleanUp);
            }
            out.print(Reports.finalReport(tally, (System.nanoTime() - start) / 1e9));
            out.flush();
        }
        return 0;
    }

    /** A base URL that answers HTTP at all; otherwise a usage error now rather than N errors later. */
    private static String reachable(URI url) {
        try (var client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()) {
            client.send(
                    HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return url.toString();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot reach server " + url + " (" + Outcome.describe(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException("interrupted while reaching " + url);
        }
    }
}
