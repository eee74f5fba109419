package flagbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import flagbench.download.Protocols;
import flagbench.results.ForkJvms;
import flagbench.results.NewRunFolder;
import flagbench.results.Noise;
import flagbench.results.ResultRow;
import flagbench.results.RunFolder;
import flagbench.results.Waits;
import flagbench.server.FlagServer;
import flagbench.server.FlagServerClient;
import flagbench.server.ServerConfig;
import flagbench.server.TempFiles;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs a suite: starts the flag server here (unless an external one is given), runs JMH with the
 * forks pointed at it, and writes a run folder whole or not at all ({@link NewRunFolder}).
 */
public final class BenchLauncher {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** In the run folder: the console of the JVMs a plan measures in ({@link Lab#start}), JMH's included. */
    public static final String JMH_LOG = "jmh.log";
    /** The most repetitions of a suite one bench makes: 100 of the default suite are five hours; more is a typo. */
    static final int MAX_REPEAT = 100;

    /**
     * @param jmhArgs        JMH command-line options that override the suite's (e.g. {@code -p maxWorkers=4,8 -f 1})
     * @param externalServer a flagbench server's base URL ({@code http://host:port/flags}), or null to start one here
     * @param externalToken  that server's control token, as its {@code serve} printed it (null without an external server)
     * @param clean          whether to remove the run folders that interrupted benches left half-written in
     *                       {@code resultsDir}: done once this bench has its turn, so never a running bench's
     * @param jvmPerFork     whether every fork of a suite gets a JVM of its own, as JMH makes them, instead of sharing one
     *                       per turn and client ({@link SharedForks})
     */
    public record Request(
            Plan suite,
            List<String> jmhArgs,
            String externalServer,
            String externalToken,
            Path resultsDir,
            int repeat,
            boolean verbose,
            boolean clean,
            boolean jvmPerFork) {
        public Request {
            if (repeat > 1 && !suite.repeatable()) {
                throw new IllegalArgumentException(
                        "--repeat: suite " + suite.label() + " chooses what to measure from what it measured,"
                                + " so its repetitions would not measure the same rows");
            }
            if (externalServer != null && (externalToken == null || externalToken.isBlank())) {
                throw new IllegalArgumentException(
                        "--server needs --token-file FILE or $FLAGBENCH_TOKEN (or --token): the control token"
                                + " that its serve printed");
            }
            if (repeat < 1 || repeat > MAX_REPEAT) {
                throw new IllegalArgumentException("--repeat must be from 1 to " + MAX_REPEAT + ", got " + repeat);
            }
            if (Files.exists(resultsDir) && !Files.isDirectory(resultsDir)) {
                throw new IllegalArgumentException("--results " + resultsDir + ": not a directory");
            }
            jmhArgs = canonical(jmhArgs);
        }

        /**
         * The JMH options with each benchmark parameter's values in the one spelling a run records ({@link
         * BenchmarkParameters#canonical}): {@code -p client=JDK} ran as jdk but was recorded as typed, and matched no run later.
         */
        private static List<String> canonical(List<String> args) {
            return mapParams(args, Request::canonicalParam);
        }

        private static String canonicalParam(String param) {
            int eq = param.indexOf('=');
            if (eq < 0) {
                return param;
            }
            String name = param.substring(0, eq);
            return name + "="
                    + Arrays.stream(param.substring(eq + 1).split(",", -1))
                            .map(value -> BenchmarkParameters.canonical(name, value))
                            .collect(Collectors.joining(","));
        }

        /**
         * The JMH options with each {@code name=values} of a {@code -p} (or {@code -pname=values}, but not {@code -prof}) replaced
         * by what {@code param} makes of it; every other option as it is.
         */
        static List<String> mapParams(List<String> args, UnaryOperator<String> param) {
            var out = new ArrayList<String>(args.size());
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals("-p") && i + 1 < args.size()) {
                    out.add(arg);
                    out.add(param.apply(args.get(++i)));
                } else if (arg.startsWith("-p") && arg.contains("=") && !arg.startsWith("-prof")) {
                    out.add("-p" + param.apply(arg.substring(2)));
                } else {
                    out.add(arg);
                }
            }
            return List.copyOf(out);
        }

        /** A suite run once against a server started here. */
        public Request(Plan suite, List<String> jmhArgs, Path resultsDir) {
            this(suite, jmhArgs, null, null, resultsDir, 1, false, false, false);
        }

        /**
         * How the suite's forks get their JVMs: one of their own, or shared ({@link SharedForks}); with the reason when
         * the user's options need their own.
         */
        ForkJvms forkJvms(Options user) {
            return jvmPerFork || SharedForks.whyNotShared(user).isPresent() ? ForkJvms.OWN : ForkJvms.SHARED;
        }

        /** {@link #forkJvms} in words, with why where the forks could have shared. */
        String forkJvmsSentence(Options user) {
            if (jvmPerFork) {
                return ForkJvms.OWN.sentence("--jvm-per-fork");
            }
            return SharedForks.whyNotShared(user).map(ForkJvms.OWN::sentence).orElse(ForkJvms.SHARED.sentence());
        }

        boolean sharesJvms(Options user) {
            return forkJvms(user) == ForkJvms.SHARED;
        }
    }

    private BenchLauncher() {}

    /** Parses the JMH pass-through options now, so a typo fails before anything starts. */
    public static Options userOptions(List<String> jmhArgs) {
        try {
            return new CommandLineOptions(jmhArgs.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            throw new IllegalArgumentException("bad JMH option in " + jmhArgs + ": " + e.getMessage());
        }
    }

    /**
     * Refuses, before anything starts, what would otherwise fail inside a forked JVM with a stack
     * trace: a bad parameter value, no fork, an unreachable external server.
     */
    static void check(Request request, Options user) {
        if (user.getForkCount().orElse(1) < 1) {
            throw new IllegalArgumentException(
                    "-f " + user.getForkCount().get()
                            + ": at least one fork, so that the measured client never shares a JVM with the runner and its server");
        }
        // JMH ignores a -p name that no @Param has: a typo (maxworkers) would run the suite unchanged
        Request.mapParams(request.jmhArgs(), param -> {
            if (!BenchmarkParameters.NAMES.contains(param.split("=", 2)[0])) {
                // the parameter check's own words for an unknown name
                BenchmarkParameters.check(param.split("=", 2)[0], param.contains("=") ? param.split("=", 2)[1] : "");
            }
            return param;
        });
        if (!request.jmhArgs().isEmpty() && !request.suite().takesJmhOptions()) {
            throw new IllegalArgumentException("suite " + request.suite().label()
                    + " chooses its own runs and forks, so JMH options" + " after -- mean nothing to it: use flagbench "
                    + request.suite().label() + " and its options (--help)");
        }
        List<Options> known = request.suite().knownParts();
        for (Options part : known.isEmpty() ? List.of(new OptionsBuilder().build()) : known) {
            var layered = new LayeredOptions(user, part);
            for (String name : BenchmarkParameters.NAMES) {
                layered.getParameter(name).orElse(List.of()).forEach(value -> BenchmarkParameters.check(name, value));
            }
            // JMH measures every combination of the values: each must be one that can exist
            for (var row : BenchmarkParameters.combinations(name -> values(layered, name, List.of()))) {
                BenchmarkParameters.checkCombination(row);
                if (request.externalServer() != null
                        && Protocols.named(row.get("protocol")).tls()) {
                    throw new IllegalArgumentException(
                            "-p protocol=" + row.get("protocol") + " needs the server's https address"
                                    + " and certificate, which --server does not give: bench against the server it starts");
                }
            }
        }
        if (request.externalServer() != null) {
            try (var client = new FlagServerClient(request.externalServer(), request.externalToken())) {
                client.meter();
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }
    }

    private static List<String> values(LayeredOptions options, String parameter, List<String> otherwise) {
        var values = options.getParameter(parameter);
        return values.hasValue() ? List.copyOf(values.get()) : otherwise;
    }

    /**
     * What the command does to a measured run folder before it is committed (writing report.md): it belongs to the
     * whole-or-nothing folder, and the report is not the bench's to know.
     */
    @FunctionalInterface
    public interface Finish {
        void accept(Path folder) throws IOException;
    }

    /** Runs the suite and returns the finished run folder, with nothing more in it than the bench writes. */
    public static Path run(Request request) throws RunnerException {
        return run(request, folder -> {});
    }

    /** Runs the suite, lets {@code finish} add to the run folder, and returns the folder once whole. */
    public static Path run(Request request, Finish finish) throws RunnerException {
        Options user = userOptions(request.jmhArgs());
        check(request, user);
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

    private static Path runAlone(Request request, Options user, Finish finish) throws RunnerException {
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
    private static void runRepetitions(Request request, Options user, ForkServer server, Path folder)
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
        var lab = new FolderLab(user, server, folder, prefix, verbose, shared);
        plan.measure(lab);
        if (lab.forks.isEmpty()) {
            throw new IllegalStateException("suite " + plan.label() + " has nothing to run");
        }
        for (Path part : lab.parts) {
            Files.deleteIfExists(part);
            Files.deleteIfExists(ForkResults.savedBeside(part));
        }
        return lab.forks;
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

    /** The lab of one bench: its server, its run folder, a part file per JMH run. */
    private static final class FolderLab implements Lab {
        private final Options user;
        private final ForkServer server;
        private final Path folder;
        private final String prefix;
        private final boolean verbose;
        private final boolean shared;
        private final List<Path> parts = new ArrayList<>();
        private final ForkResults forks = new ForkResults();
        private int jvms;

        FolderLab(Options user, ForkServer server, Path folder, String prefix, boolean verbose, boolean shared) {
            this.shared = shared;
            this.user = user;
            this.server = server;
            this.folder = folder;
            this.prefix = prefix;
            this.verbose = verbose;
        }

        /** What every fork gets after the part's own JVM arguments: where the server is, and quiet on JDK 24+. */
        private List<String> forkArgs(List<String> own) {
            var forkArgs = new ArrayList<>(own);
            if (Runtime.version().feature() >= 24) {
                // JMH 1.37 uses sun.misc.Unsafe: without this, four lines of deprecation warnings a fork
                forkArgs.add("--sun-misc-unsafe-memory-access=allow");
            }
            forkArgs.addAll(server.properties());
            forkArgs.add("-D" + DownloadBenchmark.WAITS_DIR_PROPERTY + "=" + folder.resolve(Waits.FORK_DIR));
            return forkArgs;
        }

        private Path nextPart() {
            return folder.resolve(prefix + "jmh-part" + (parts.size() + 1) + ".json");
        }

        @Override
        public boolean sharesJvms() {
            return shared;
        }

        @Override
        public Options layered(Options part) {
            return new LayeredOptions(user, part);
        }

        @Override
        public int forks(Options part) {
            return new LayeredOptions(user, part).getForkCount().orElse(1);
        }

        @Override
        public void runFork(Options part) throws RunnerException {
            Path partFile = nextPart();
            // a builder's own JVM arguments replace its parent's: the part's (a plan's fork properties) go first, by
            // hand
            Options withServer = new OptionsBuilder()
                    .parent(part)
                    .jvmArgsAppend(forkArgs(List.copyOf(part.getJvmArgsAppend().orElse(List.of())))
                            .toArray(String[]::new))
                    .resultFormat(ResultFormatType.JSON)
                    .result(partFile.toString())
                    .build();
            // one fork whatever -f says: the plan takes the rows' forks in turns
            var options =
                    new LayeredOptions(new OptionsBuilder().forks(1).build(), new LayeredOptions(user, withServer));
            VerboseMode verbosity = options.verbosity().orElse(VerboseMode.NORMAL);
            Collection<RunResult> results;
            if (verbose) {
                results = new Runner(options, OutputFormatFactory.createFormatInstance(System.out, verbosity)).run();
            } else {
                // JMH's console to the log, a line per row to the user's
                try (var log = new PrintStream(
                        new FileOutputStream(folder.resolve(JMH_LOG).toFile(), true), true, StandardCharsets.UTF_8)) {
                    List<String> varied = BenchmarkParameters.NAMES.stream()
                            .filter(p -> p.equals("strategy")
                                    || options.getParameter(p).orElse(List.of()).size() > 1)
                            .toList();
                    results = new Runner(
                                    options,
                                    new RowConsole(
                                            OutputFormatFactory.createFormatInstance(log, verbosity),
                                            System.out,
                                            varied))
                            .run();
                } catch (FileNotFoundException e) {
                    throw new UncheckedIOException(e);
                }
            }
            if (results.isEmpty()) {
                throw new IllegalStateException(
                        "JMH ran no benchmark: check the -p and include options " + user.getIncludes());
            }
            parts.add(partFile);
            for (RunResult row : results) { // JMH gave each row a JVM of its own
                forks.add(List.of(row), new ForkResults.Place(++jvms, 1));
            }
        }

        @Override
        public Jvm start(List<String> jvmArgs) {
            var jvm = new MeasuringJvm(forkArgs(jvmArgs), verbose ? null : folder.resolve(JMH_LOG));
            int number = ++jvms;
            return new Jvm() {
                private int runs;

                @Override
                public List<ResultRow> run(List<String> jmhArgs) {
                    Path partFile = nextPart();
                    parts.add(partFile);
                    jvm.run(partFile, jmhArgs);
                    forks.add(
                            ForkResults.load(ForkResults.savedBeside(partFile)), new ForkResults.Place(number, ++runs));
                    return RunFolder.rows(partFile);
                }

                @Override
                public void close() {
                    jvm.close();
                }
            };
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public PrintStream console() {
            return System.out;
        }
    }
}
