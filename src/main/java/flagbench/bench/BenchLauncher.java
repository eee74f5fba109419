package flagbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import flagbench.report.MarkdownReport;
import flagbench.report.RunFolder;
import flagbench.server.FlagServer;
import flagbench.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs a suite: starts the flag server here (unless an external one is given), runs JMH with the
 * forks pointed at it, and writes {@code results/<UTC time>-<host>/} whole or not at all.
 */
public final class BenchLauncher {

    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * @param jmhArgs        JMH command-line options that override the suite's (e.g. {@code -p maxWorkers=4,8 -f 1})
     * @param externalServer a flagbench server's base URL ({@code http://host:port/flags}), or null to start one here
     */
    public record Request(Suite suite, List<String> jmhArgs, String externalServer, Path resultsDir) {
    }

    private BenchLauncher() {
    }

    /** Parses the JMH pass-through options now, so a typo fails before anything starts. */
    public static Options userOptions(List<String> jmhArgs) {
        try {
            return new CommandLineOptions(jmhArgs.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            throw new IllegalArgumentException("bad JMH option in " + jmhArgs + ": " + e.getMessage());
        }
    }

    /** Runs the suite and returns the finished run folder. */
    public static Path run(Request request) throws RunnerException {
        Options user = userOptions(request.jmhArgs());
        Instant start = Instant.now();
        ObjectNode machine = MachineInfo.describe(JSON);
        String runId = RUN_ID.format(start) + "-" + MachineInfo.hostName().replaceAll("[^A-Za-z0-9.-]", "_");
        machine.put("runId", runId);
        Path finalFolder = request.resultsDir().resolve(runId);
        Path partial = request.resultsDir().resolve("." + runId + ".partial");
        try {
            Files.createDirectories(partial);
            FlagServer localServer = request.externalServer() == null ? FlagServer.start(ServerConfig.local()) : null;
            try {
                String serverUrl = localServer != null ? localServer.baseUrl() : request.externalServer();
                describeRun(machine, request, user, serverUrl, localServer);
                System.out.printf("flagbench: suite %s (%s)%nflagbench: flag server %s (%s)%n",
                        request.suite().label(), request.suite().description(), serverUrl,
                        localServer != null ? "in this JVM" : "external");
                runParts(request.suite(), user, serverUrl, partial);
            } finally {
                if (localServer != null) {
                    localServer.close();
                }
            }
            MachineInfo.finish(machine, start, Instant.now());
            RunFolder.writeAtomically(partial.resolve(RunFolder.MACHINE_JSON), JSON.writeValueAsBytes(machine));
            MarkdownReport.write(RunFolder.read(partial));
            Files.move(partial, finalFolder, StandardCopyOption.ATOMIC_MOVE);
            System.out.println("flagbench: run folder " + finalFolder);
            return finalFolder;
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new UncheckedIOException(e);
        } catch (RunnerException | RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
    }

    private static void describeRun(ObjectNode machine, Request request, Options user, String serverUrl, FlagServer local) {
        machine.put("suite", request.suite().label());
        machine.put("suiteDescription", request.suite().description());
        var args = machine.putArray("jmhArgs");
        request.jmhArgs().forEach(args::add);
        var jvmArgs = machine.putArray("runnerJvmArgs");
        ManagementFactory.getRuntimeMXBean().getInputArguments().forEach(jvmArgs::add);
        var forkArgs = machine.putArray("forkJvmArgs");
        user.getJvmArgs().orElse(List.of()).forEach(forkArgs::add);
        user.getJvmArgsAppend().orElse(List.of()).forEach(forkArgs::add);
        var server = machine.putObject("server");
        server.put("url", serverUrl);
        server.put("placement", local != null ? "JMH runner JVM" : "external");
        if (local != null) {
            ServerConfig config = local.config();
            server.put("bindAddress", config.bindAddress());
            server.put("latency", "set per trial by the latency parameter");
            server.put("errorRate", config.errorRate());
            server.put("faultRate", config.faultRate());
            server.put("bytesPerSecond", config.bytesPerSecond());
            server.put("tuned", config.tuned());
            server.put("wiremock", "3.13.2, async responses (4 threads), journal off, accept queue 4096");
        }
    }

    private static void runParts(Suite suite, Options user, String serverUrl, Path folder) throws RunnerException, IOException {
        List<Options> parts = suite.parts();
        var partFiles = new ArrayList<Path>();
        for (int i = 0; i < parts.size(); i++) {
            Path partFile = folder.resolve("jmh-part" + (i + 1) + ".json");
            Options withServer = new OptionsBuilder()
                    .parent(parts.get(i))
                    .jvmArgsAppend("-D" + DownloadBenchmark.SERVER_PROPERTY + "=" + serverUrl)
                    .resultFormat(ResultFormatType.JSON)
                    .result(partFile.toString())
                    .build();
            if (parts.size() > 1) {
                System.out.printf("flagbench: part %d of %d%n", i + 1, parts.size());
            }
            var results = new Runner(new LayeredOptions(user, withServer)).run();
            if (results.isEmpty()) {
                throw new IllegalStateException("JMH ran no benchmark: check the -p and include options " + user.getIncludes());
            }
            partFiles.add(partFile);
        }
        mergeParts(partFiles, folder.resolve(RunFolder.JMH_JSON));
    }

    /**
     * JMH writes one JSON array per run; the parts' arrays are joined as text, so every result
     * stays exactly as JMH wrote it.
     */
    static void mergeParts(List<Path> parts, Path target) throws IOException {
        if (parts.size() == 1) {
            Files.move(parts.get(0), target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        var bodies = new ArrayList<String>();
        for (Path part : parts) {
            String text = Files.readString(part).strip();
            if (!text.startsWith("[") || !text.endsWith("]")) {
                throw new IOException(part + " is not a JMH JSON array");
            }
            bodies.add(text.substring(1, text.length() - 1).strip());
        }
        RunFolder.writeAtomically(target, ("[\n    " + String.join(",\n    ", bodies) + "\n]\n").getBytes(StandardCharsets.UTF_8));
        for (Path part : parts) {
            Files.delete(part);
        }
        JSON.readTree(target.toFile()); // fails here, not later, if the join went wrong
    }

    private static void deleteQuietly(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("flagbench: could not remove " + folder + ": " + e.getMessage());
        }
    }

    /**
     * For {@code ./mvnw verify -Pbench}: {@code --suite=NAME --server=URL --args=JMH_ARGS}, each
     * optional; an empty value means the default.
     */
    public static void main(String[] args) {
        String suite = "default";
        String server = null;
        List<String> jmhArgs = List.of();
        for (String arg : args) {
            String value = arg.substring(arg.indexOf('=') + 1).trim();
            if (arg.startsWith("--suite=") && !value.isEmpty()) {
                suite = value;
            } else if (arg.startsWith("--server=") && !value.isEmpty()) {
                server = value;
            } else if (arg.startsWith("--args=")) {
                jmhArgs = Arrays.stream(value.split("\\s+")).filter(s -> !s.isEmpty()).toList();
            } else if (!arg.startsWith("--suite=") && !arg.startsWith("--server=")) {
                System.err.println("flagbench: unknown argument '" + arg + "': use --suite=, --server=, --args=");
                System.exit(2);
            }
        }
        try {
            run(new Request(Suite.parse(suite), jmhArgs, server, Path.of("results")));
        } catch (IllegalArgumentException e) {
            System.err.println("flagbench: " + e.getMessage());
            System.exit(2);
        } catch (RunnerException | RuntimeException e) {
            System.err.println("flagbench: benchmark run failed, no run folder written: " + e.getMessage());
            System.exit(1);
        }
    }
}
