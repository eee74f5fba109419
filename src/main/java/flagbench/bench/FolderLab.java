package flagbench.bench;

import flagbench.results.JmhResults;
import flagbench.results.ResultRow;
import flagbench.results.Waits;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The lab of one bench: its server, its run folder, a part file per JMH run, and the JVMs that measure them
 * ({@link MeasuringJvm}, or JMH's own forks). Used by one bench's thread at a time; not thread-safe.
 */
final class FolderLab implements Lab {
    private final Options user;
    private final BenchLauncher.ForkServer server;
    private final Path folder;
    private final String prefix;
    private final boolean verbose;
    private final boolean shared;
    private final List<Path> parts = new ArrayList<>();
    private final ForkResults forks = new ForkResults();
    private int jvms;

    FolderLab(
            Options user,
            BenchLauncher.ForkServer server,
            Path folder,
            String prefix,
            boolean verbose,
            boolean shared) {
        this.shared = shared;
        this.user = user;
        this.server = server;
        this.folder = folder;
        this.prefix = prefix;
        this.verbose = verbose;
    }

    /** Runs {@code plan} in this lab; returns the forks of its JMH runs, each run's own files removed. */
    ForkResults measure(Plan plan) throws RunnerException, IOException {
        plan.measure(this);
        if (forks.isEmpty()) {
            throw new IllegalStateException("suite " + plan.label() + " has nothing to run");
        }
        for (Path part : parts) {
            Files.deleteIfExists(part);
            Files.deleteIfExists(ForkResults.savedBeside(part));
        }
        return forks;
    }

    /** What every fork gets after the part's own JVM arguments: where the server is, and quiet on JDK 24+. */
    private List<String> forkArgs(List<String> own) {
        var forkArgs = new ArrayList<>(own);
        if (Runtime.version().feature() >= 24) {
            // JMH 1.37 uses sun.misc.Unsafe: without this, four lines of deprecation warnings a fork
            forkArgs.add("--sun-misc-unsafe-memory-access=allow");
        }
        forkArgs.addAll(List.of(CostMeter.JVM_ARGS));
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
        var options = new LayeredOptions(new OptionsBuilder().forks(1).build(), new LayeredOptions(user, withServer));
        VerboseMode verbosity = options.verbosity().orElse(VerboseMode.NORMAL);
        Collection<RunResult> results;
        if (verbose) {
            results = new Runner(options, OutputFormatFactory.createFormatInstance(System.out, verbosity)).run();
        } else {
            // JMH's console to the log, a line per row to the user's
            try (var log = new PrintStream(
                    new FileOutputStream(folder.resolve(BenchLauncher.JMH_LOG).toFile(), true),
                    true,
                    StandardCharsets.UTF_8)) {
                List<String> varied = BenchmarkParameters.NAMES.stream()
                        .filter(p -> p.equals("strategy")
                                || options.getParameter(p).orElse(List.of()).size() > 1)
                        .toList();
                results = new Runner(
                                options,
                                new RowConsole(
                                        OutputFormatFactory.createFormatInstance(log, verbosity), System.out, varied))
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
        var jvm = new MeasuringJvm(forkArgs(jvmArgs), verbose ? null : folder.resolve(BenchLauncher.JMH_LOG));
        int number = ++jvms;
        return new Jvm() {
            private int runs;

            @Override
            public List<ResultRow> run(List<String> jmhArgs) {
                Path partFile = nextPart();
                parts.add(partFile);
                jvm.run(partFile, jmhArgs);
                forks.add(ForkResults.load(ForkResults.savedBeside(partFile)), new ForkResults.Place(number, ++runs));
                return JmhResults.rows(partFile);
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
