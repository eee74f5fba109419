package flagbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import flagbench.results.ForkJvms;
import flagbench.results.NewRunFolder;
import flagbench.results.Noise;
import flagbench.results.RunFolder;
import flagbench.results.Waits;
import flagbench.server.FlagServer;
import flagbench.server.ServerConfig;
import flagbench.server.TempFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;

/**
 * Runs a suite: starts the flag server here (unless an external one is given), runs JMH with the
 * forks pointed at it, and writes a run folder whole or not at all ({@link NewRunFolder}).
 */
public final class BenchLauncher {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** In the run folder: the console of the JVMs a plan measures in ({@link Lab#start}), JMH's included. */
    public static final String JMH_LOG = "jmh.log";

    private BenchLauncher() {}

    /**
     * What the command does to a measured run folder before it is committed (writing report.md): it belongs to the
     * whole-or-nothing folder, and the report is not the bench's to know.
     */
    @FunctionalInterface
    public interface Finish {
        void accept(Path folder) throws IOException;
    }

    /** Runs the suite and returns the finished run folder, with nothing more in it than the bench writes. */
    public static Path run(BenchRequest request) throws RunnerException {
        return run(request, folder -> {});
    }

    /** Runs the suite, lets {@code finish} add to the run folder, and returns the folder once whole. */
    public static Path run(BenchRequest request, Finish finish) throws RunnerException {
        Options user = BenchRequest.userOptions(request.jmhArgs());
        BenchRequest.check(request, user);
        try (var turn = MachineLock.acquire(request.resultsDir(), System.out)) {
            if (request.clean()) {
                // with the turn, no other bench is writing: every partial folder of this user's is an interrupted one's
                NewRunFolder.stale(request.resultsDir(), System.getProperty("user.name"))
                        .forEach(stale -> {
                            NewRunFolder.delete(stale);
                            System.err.println("bench: removed " + stale + ", left by an interrupted run");
                        });
            }
            return runAlone(request, user, finish);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path runAlone(BenchRequest request, Options user, Finish finish) throws RunnerException {
        Instant start = Instant.now();
        try (var folder = NewRunFolder.create(request.resultsDir(), start, MachineInfo.hostName())) {
            ObjectNode machine;
            Path tokenFile = null;
            Path certificateFile = null;
            // with an HTTPS address too, for the protocols over TLS; its certificate is the forks' only trust
            FlagServer localServer = request.externalServer() == null
                    ? FlagServer.start(ServerConfig.local().withTls(true))
                    : null;
            try {
                String serverUrl = localServer != null ? localServer.baseUrl() : request.externalServer();
                machine =
                        MachineInfo.describe(JSON, folder.id(), request, user, describeServer(localServer, serverUrl));
                System.out.printf(
                        "flagbench: suite %s (%s)%nflagbench: flag server %s (%s)%n",
                        request.suite().label(),
                        request.suite().description(),
                        serverUrl,
                        localServer != null ? "in this JVM" : "external");
                TempFiles.removeStale(); // what a killed bench of this user left
                tokenFile = TempFiles.create("token", ""); // owner-only on POSIX; removed on exit too (Ctrl-C, SIGTERM)
                Files.writeString(tokenFile, localServer != null ? localServer.token() : request.externalToken());
                if (localServer != null) {
                    certificateFile =
                            localServer.certificate().orElseThrow().writeTemporaryPem(TempFiles.prefix("server"));
                }
                var server = new ForkServer(
                        serverUrl,
                        localServer == null ? null : localServer.tlsBaseUrl().orElseThrow(),
                        certificateFile,
                        tokenFile);
                Path waits = Files.createDirectories(folder.path().resolve(Waits.FORK_DIR));
                SharedForks.whyNotShared(user)
                        .filter(why -> !request.jvmPerFork() && request.suite().takesJmhOptions())
                        .ifPresent(why -> System.out.println(
                                "flagbench: " + ForkJvms.OWN.sentence() + ", for " + why + " act as a JVM starts"));
                runRepetitions(request, user, server, folder.path());
                Waits.merge(waits, folder.path().resolve(Waits.WAITS_JSON));
            } finally {
                if (tokenFile != null) {
                    Files.deleteIfExists(tokenFile);
                }
                if (certificateFile != null) {
                    Files.deleteIfExists(certificateFile);
                }
                if (localServer != null) {
                    localServer.close();
                }
            }
            MachineInfo.finish(machine, start, Instant.now());
            RunFolder.writeAtomically(folder.path().resolve(RunFolder.MACHINE_JSON), JSON.writeValueAsBytes(machine));
            finish.accept(folder.path());
            Path finished = folder.commit();
            System.out.println("flagbench: run folder " + finished);
            return finished;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> describeServer(FlagServer local, String url) {
        if (local == null) {
            var external = new LinkedHashMap<String, Object>();
            external.put("url", url);
            external.put("placement", "external");
            return external;
        }
        var description = new LinkedHashMap<String, Object>();
        description.put("placement", "JMH runner JVM");
        description.putAll(local.describe());
        description.put("latency", "set per trial by the latency parameter");
        return description;
    }

    /**
     * Runs the suite {@code repeat} times, each a separate set of JMH runs with forks of its own.
     * jmh.json holds every repetition's forks, a row once with all of them ({@link ForkResults});
     * with two or more, noise.json gets each row's run-to-run spread.
     */
    private static void runRepetitions(BenchRequest request, Options user, ForkServer server, Path folder)
            throws RunnerException, IOException {
        if (request.repeat() == 1) {
            runParts(request.suite(), user, server, folder, "", request.verbose(), request.sharesJvms(user))
                    .write(folder);
            return;
        }
        var all = new ForkResults();
        var repetitions = new ArrayList<RunFolder>();
        for (int r = 1; r <= request.repeat(); r++) {
            System.out.printf("flagbench: repetition %d of %d%n", r, request.repeat());
            ForkResults forks = runParts(
                    request.suite(),
                    user,
                    server,
                    folder,
                    "repeat" + r + "-",
                    request.verbose(),
                    request.sharesJvms(user));
            Path repetition = Files.createDirectories(folder.resolve("repeat" + r));
            forks.write(repetition);
            repetitions.add(RunFolder.read(repetition));
            all.addAll(forks);
        }
        Noise.write(Noise.of(repetitions), request.repeat(), folder);
        all.write(folder);
        for (RunFolder repetition : repetitions) {
            NewRunFolder.delete(repetition.path());
        }
    }

    /** Runs the plan; returns the forks of its JMH runs, each run's own files removed. */
    private static ForkResults runParts(
            Plan plan, Options user, ForkServer server, Path folder, String prefix, boolean verbose, boolean shared)
            throws RunnerException, IOException {
        return new FolderLab(user, server, folder, prefix, verbose, shared).measure(plan);
    }

    /**
     * Where the forks find the flag server: its http address, its https address and the PEM file of its certificate
     * (null for an external server, which gives no TLS), and the file holding its control token.
     */
    record ForkServer(String url, String tlsUrl, Path certificate, Path tokenFile) {
        /** The forks' system properties that say it. */
        List<String> properties() {
            var properties = new ArrayList<>(List.of(
                    "-D" + DownloadBenchmark.SERVER_PROPERTY + "=" + url,
                    "-D" + DownloadBenchmark.TOKEN_FILE_PROPERTY + "=" + tokenFile));
            if (tlsUrl != null) {
                properties.add("-D" + DownloadBenchmark.TLS_SERVER_PROPERTY + "=" + tlsUrl);
                properties.add("-D" + DownloadBenchmark.CERTIFICATE_PROPERTY + "=" + certificate);
            }
            return properties;
        }
    }
}
