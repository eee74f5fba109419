package flagbench.cli;

import flagbench.bench.BenchLauncher;
import flagbench.bench.Suite;
import flagbench.catalog.CodeSets;
import flagbench.download.Strategy;
import flagbench.report.RunFolder;
import flagbench.report.Tuning;
import flagbench.timing.Latency;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "tune", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Find MAX_WORKERS: read a maxWorkers sweep from a run folder, or run one, and recommend",
                "the fewest workers within --within of the best time; say whether latency or the CPU bounds the curve."})
final class TuneCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", arity = "0..1", description = "A run folder with a sweep (e.g. of the sweep suite). Without it, a sweep is run now.")
    Path run;

    @Option(names = "--strategy", defaultValue = "pool", completionCandidates = Converters.StrategyNames.class,
            description = "A strategy that maxWorkers limits: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    Strategy strategy;

    @Option(names = "--latency", defaultValue = "50ms", description = "Latency of a new sweep. Default: ${DEFAULT-VALUE}.")
    Latency latency;

    @Option(names = "--codes", defaultValue = "all", description = "Code set of a new sweep: pop20, all, every or a count. Default: ${DEFAULT-VALUE}.")
    String codes;

    @Option(names = "--workers", split = ",", defaultValue = "1,2,4,8,16,20,32,64,128",
            description = "Worker counts of a new sweep. Default: ${DEFAULT-VALUE}.")
    List<Integer> workers;

    @Option(names = "--within", defaultValue = "0.05", description = "Tolerance above the best time. Default: ${DEFAULT-VALUE}.")
    double within;

    @Option(names = "--results", paramLabel = "DIR", defaultValue = "results", description = "Where a new sweep's run folder goes. Default: ${DEFAULT-VALUE}.")
    Path results;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!strategy.usesMaxWorkers()) {
            throw new IllegalArgumentException("--strategy " + strategy.name() + " does not use maxWorkers: nothing to tune");
        }
        Path folder = run != null ? run : sweep();
        Tuning tuning = Tuning.of(RunFolder.read(folder), strategy.name(), within);
        spec.commandLine().getOut().print(tuning.render());
        spec.commandLine().getOut().flush();
        return 0;
    }

    private Path sweep() throws Exception {
        CodeSets.named(codes);
        if (workers.stream().anyMatch(w -> w < 1)) {
            throw new IllegalArgumentException("--workers must all be at least 1, got " + workers);
        }
        List<String> jmhArgs = List.of("-p", "strategy=" + strategy.name(), "-p", "latency=" + latency.text(), "-p", "codes=" + codes,
                "-p", "maxWorkers=" + String.join(",", workers.stream().map(String::valueOf).toList()));
        return BenchLauncher.run(new BenchLauncher.Request(Suite.SWEEP, jmhArgs, results));
    }
}
