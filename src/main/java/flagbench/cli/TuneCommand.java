package flagbench.cli;

import flagbench.bench.BenchLauncher;
import flagbench.bench.BenchRequest;
import flagbench.download.Strategies;
import flagbench.download.Strategy;
import flagbench.report.RunCurve;
import flagbench.report.Tuning;
import flagbench.results.BadRunException;
import flagbench.results.RunFolder;
import flagbench.timing.Durations;
import flagbench.timing.Latency;
import flagbench.timing.Network;
import flagbench.tune.TunePlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "tune",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Find MAX_WORKERS for a strategy that maxWorkers limits.",
            "Without RUN: in --forks JVMs, each warmed up once until the JIT compilers are quiet, measure this machine's"
                    + " ceiling X_max at zero latency, then maxWorkers around W* = X_max · L (W*/8 … 4·W* in steps of 2, then"
                    + " steps of ~19 %% below the knee), each count doing --rounds rounds; every fork measures every point, in"
                    + " turn upwards and downwards; all within --budget; write a run folder with its report, its chart and"
                    + " JMH's console (jmh.log).",
            "With RUN: read the sweep in that run folder.",
            "Either way: recommend the fewest workers whose 95 %% interval stays within --within of the best throughput, give each"
                    + " point against the best with an interval from both (read a dense check sweep from it), say what limits the curve"
                    + " (the latency, the CPU, or failing downloads), and fit the Universal Scalability Law for a second opinion on"
                    + " its peak."
        })
final class TuneCommand implements Callable<Integer> {

    @Parameters(
            paramLabel = "RUN",
            arity = "0..1",
            description = "A run folder with a maxWorkers sweep (tune's own, or the sweep suite's).")
    Path run;

    @Option(
            names = "--strategy",
            completionCandidates = Converters.TunableStrategyNames.class,
            description = "A strategy that maxWorkers limits (${COMPLETION-CANDIDATES}). Default: " + DEFAULT_STRATEGY
                    + "; with RUN, the strategy of its one curve.")
    Strategy strategy;

    static final String DEFAULT_STRATEGY = "pool";

    @Option(
            names = "--latency",
            defaultValue = "100ms",
            description = "Latency of the sweep: 100ms, 500ms..5s, lognormal:100ms:0.5. Default: ${DEFAULT-VALUE}.")
    Latency latency;

    @Option(
            names = "--network",
            paramLabel = "LINK",
            defaultValue = "loopback",
            description =
                    "The network between client and server: loopback, or rtt=50ms, rtt=50ms+bandwidth=20mbit (docs/network.md);"
                            + " W* = X_max · (latency + a round trip). Default: ${DEFAULT-VALUE}.")
    Network network;

    @Option(
            names = "--rounds",
            defaultValue = "4",
            description =
                    "Rounds of downloads per operation: each worker count W downloads rounds × W flags. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(
            names = "--codes",
            paramLabel = "SET",
            description = "A fixed code set for every worker count instead of --rounds: pop20, all, every or a count.")
    String codes;

    @Option(
            names = "--workers",
            split = ",",
            paramLabel = "W",
            description =
                    "Measure exactly these worker counts (after X_max) instead of the adaptive sweep: a dense check sweep.")
    List<Integer> workers = new ArrayList<>();

    @Option(
            names = "--budget",
            defaultValue = "5m",
            converter = BudgetConverter.class,
            description =
                    "How long the tune may take, wall-clock: each point gets an equal share as seconds of samples in each fork,"
                            + " after each fork's warm-up to steady state (~10-45 s); a run that would end later is not started, and the"
                            + " report says which points have fewer forks. At least 45s. Default: ${DEFAULT-VALUE}.")
    Duration budget;

    @Option(
            names = "--forks",
            defaultValue = "" + TunePlan.DEFAULT_FORKS,
            description =
                    "JVMs, each measuring every point once: a point's interval comes from its forks (here they differ by ~5 %%"
                            + " each, more than their own samples do). A dense check sweep wants 4 or more. Default: ${DEFAULT-VALUE}.")
    int forks;

    @Option(
            names = "--timeout",
            defaultValue = "30s",
            description =
                    "Request timeout: above the queueing time at the largest worker counts. Default: ${DEFAULT-VALUE}.")
    String timeout;

    @Option(
            names = "--within",
            defaultValue = Tuning.DEFAULT_WITHIN_TEXT,
            description = "Tolerance below the best throughput. Default: ${DEFAULT-VALUE}.")
    double within;

    @Mixin
    DownstreamOptions downstream = new DownstreamOptions();

    @Option(
            names = "--results",
            paramLabel = "DIR",
            defaultValue = "results",
            description = "Where the sweep's run folder goes. Default: ${DEFAULT-VALUE}.")
    Path results;

    @Spec
    CommandSpec spec;

    /** The options that shape a measurement, which a sweep read from a run folder cannot take. */
    private static final List<String> MEASURING = List.of(
            "--latency",
            "--network",
            "--rounds",
            "--codes",
            "--workers",
            "--budget",
            "--forks",
            "--timeout",
            "--results",
            "--capacity",
            "--queue",
            "--overload",
            "--rate-limit");

    static final class BudgetConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            try {
                return Durations.budget(text);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        Path folder = run;
        if (strategy != null) {
            TunePlan.requireTunable(strategy); // a run folder is read for a strategy with a curve too
        }
        if (folder != null) {
            var parsed = spec.commandLine().getParseResult();
            List<String> measuring =
                    MEASURING.stream().filter(parsed::hasMatchedOption).toList();
            if (!measuring.isEmpty()) {
                throw new IllegalArgumentException(
                        String.join(", ", measuring) + " shape a new sweep: with RUN, tune reads the one" + " in "
                                + folder + " (drop RUN to measure one)");
            }
        }
        if (folder == null) {
            Strategy strategy = this.strategy != null ? this.strategy : Strategies.named(DEFAULT_STRATEGY);
            var plan = new TunePlan(
                    strategy,
                    latency,
                    rounds,
                    codes,
                    workers,
                    budget,
                    within,
                    timeout,
                    forks,
                    downstream.downstream(),
                    network);
            folder = BenchLauncher.run(new BenchRequest(plan, List.of(), results), BenchCommand.REPORT);
        }
        RunFolder read = RunFolder.read(folder);
        Tuning tuning = Tuning.of(read, strategy != null ? strategy.name() : theCurve(read), within);
        spec.commandLine().getOut().print(tuning.render());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The strategy of a run's one curve, for a run read without --strategy. */
    private static String theCurve(RunFolder run) {
        List<String> curves = RunCurve.strategies(run);
        if (curves.size() != 1) {
            throw new BadRunException(run.path()
                    + (curves.isEmpty()
                            ? ": no strategy was measured at two or more worker counts: nothing to tune"
                            : ": curves of " + String.join(", ", curves) + ": name one with --strategy"));
        }
        return curves.get(0);
    }
}
