package flagbench.cli;

import flagbench.report.Charts;
import flagbench.report.Comparison;
import flagbench.report.ComparisonFormat;
import flagbench.report.RunFolder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Compare run folders row by row: medians with 95 %% intervals, change against the first run",
                "with a Mann-Whitney p-value (~ when not significant), and a geometric mean."})
final class CompareCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", arity = "2..*", description = "Run folders; the first is the baseline.")
    List<Path> runs;

    @Option(names = "--alpha", defaultValue = "0.05", description = "Significance level. Default: ${DEFAULT-VALUE}.")
    double alpha;

    @Option(names = "--format", defaultValue = "markdown", description = "${COMPLETION-CANDIDATES} (any case). Default: ${DEFAULT-VALUE}.")
    ComparisonFormat format;

    @Option(names = "--chart", paramLabel = "FILE.png", description = "Also draw the change of each row with its interval.")
    Path chart;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Comparison comparison = Comparison.of(runs.stream().map(RunFolder::read).toList(), alpha);
        spec.commandLine().getOut().print(format.render(comparison));
        spec.commandLine().getOut().flush();
        if (chart != null) {
            Charts.changes(comparison, chart);
        }
        return 0;
    }
}
