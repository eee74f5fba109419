package flagbench.cli;

import flagbench.bench.BenchLauncher;
import flagbench.bench.BenchRequest;
import flagbench.bench.Plan;
import flagbench.report.MarkdownReport;
import flagbench.report.Tuning;
import flagbench.results.NewRunFolder;
import flagbench.results.RunFolder;
import flagbench.tune.TunePlan;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Run a JMH suite against the flag server and write results/<UTC time>-<host>/.",
            "Suites: default (POP20, every strategy, 100 ms / 0 ms warm, 100 ms cold), quick, sweep, scale, clients,",
            "tune (tune's adaptive maxWorkers sweep with its defaults: pool at 100 ms).",
            "JMH options after --, e.g.: bench --suite sweep -- -p strategy=pool -f 1"
        })
final class BenchCommand implements Callable<Integer> {

    @Option(
            names = "--suite",
            defaultValue = "default",
            completionCandidates = Converters.SuiteNames.class,
            description = "${COMPLETION-CANDIDATES} (any case). Default: ${DEFAULT-VALUE}.")
    Plan suite;

    @Option(
            names = "--server",
            paramLabel = "URL",
            description =
                    "Use a running flagbench server (http://host:port/flags) instead of starting one; empty: start one.")
    String server;

    /** The control token of the --server, as its serve printed it. */
    @picocli.CommandLine.Mixin
    TokenOptions token = new TokenOptions();

    @Option(
            names = "--repeat",
            paramLabel = "K",
            defaultValue = "1",
            description =
                    "Run the suite K times as separate JMH runs, and write each row's run-to-run spread to noise.json"
                            + " (compare then takes it as the row's noise threshold). Default: ${DEFAULT-VALUE}.")
    int repeat;

    @Option(
            names = "--verbose",
            description =
                    "Show JMH's own console (every iteration, and a failed fork's stack trace) instead of a line per row; without it, it goes to jmh.log in the run folder.")
    boolean verbose;

    @Option(
            names = "--clean",
            description =
                    "Remove the half-written .partial folders that interrupted runs left in --results, once no other bench runs"
                            + " (a running bench's folder is never touched).")
    boolean clean;

    @Option(
            names = "--jvm-per-fork",
            description =
                    "Give every fork a JVM of its own, as JMH does, instead of measuring a turn's rows"
                            + " one after another in one JVM per client (the default: half the time or less; docs/benchmarks.md says why it is sound).")
    boolean jvmPerFork;

    @Option(
            names = "--results",
            paramLabel = "DIR",
            defaultValue = "results",
            description = "Where run folders go. Default: ${DEFAULT-VALUE}.")
    Path results;

    @Option(
            names = "--started",
            paramLabel = "INSTANT",
            description =
                    "When the command that runs this bench began (ISO-8601, UTC):"
                            + " suite tune's budget counts from then, so that it holds for the whole command (the bench profile of the Maven build passes its start).")
    Instant started;

    @Parameters(paramLabel = "JMH_OPTION", arity = "0..*", description = "JMH options, which win over the suite's.")
    List<String> jmhArgs = new ArrayList<>();

    @Spec
    CommandSpec spec;

    /** A bench's report.md (and its charts), written into the run folder before it is committed. */
    static final BenchLauncher.Finish REPORT = folder -> MarkdownReport.write(RunFolder.read(folder));

    @Override
    public Integer call() throws Exception {
        boolean external = server != null && !server.isBlank();
        if (!external) {
            token.requireNoneWithout("--server");
        }
        Plan plan = suite;
        if (started != null && started.isAfter(Instant.now().plusSeconds(60))) {
            throw new IllegalArgumentException(
                    "--started " + started + ": in the future; it is when the command that runs this bench began");
        }
        if (suite instanceof TunePlan tune && started != null) {
            TunePlan left = tune.afterSpending(Duration.between(started, Instant.now()));
            spec.commandLine()
                    .getOut()
                    .printf(
                            "flagbench: tune's budget counts from %s: %s of %s left%n",
                            started,
                            Plan.clock(left.budget().toSeconds()),
                            Plan.clock(tune.budget().toSeconds()));
            plan = left;
        }
        var request = new BenchRequest(
                plan,
                jmhArgs,
                external ? server : null,
                external ? token.token() : null,
                results,
                repeat,
                verbose,
                clean,
                jvmPerFork); // checks its options before anything is read or started
        if (!clean) {
            NewRunFolder.stale(results, System.getProperty("user.name"))
                    .forEach(
                            stale -> System.err.println(
                                    "bench: " + stale
                                            + " is being written by a bench, or was left by an interrupted one (bench --clean removes it once no bench runs)"));
        }
        Path folder = BenchLauncher.run(request, REPORT);
        if (plan instanceof TunePlan tune) {
            spec.commandLine()
                    .getOut()
                    .print(Tuning.of(RunFolder.read(folder), tune.strategy().name(), tune.within())
                            .render());
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
