package flagbench.cli;

import flagbench.report.Charts;
import flagbench.report.Comparison;
import flagbench.report.ComparisonFormat;
import flagbench.report.ComparisonOptions;
import flagbench.report.Metric;
import flagbench.report.Relative;
import flagbench.results.RunFolder;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        description = {
            "Compare run folders row by row, with the fork as the independent unit: each mean with a 95 %% interval,",
            "and the change against the first column with its interval (bootstrap over forks, then iterations).",
            "A change is flagged when its interval leaves out 0 and it is at least the noise threshold.",
            "Examples: compare A B;  compare RUN --by strategy --baseline pool;  compare A B --ignore latency;",
            "          compare BASE NEW --fail-on-regression 5   (exit 1 when a row is slower by more than 5 %%)",
            "          compare LAPTOP CI --by host;  compare LAPTOP CI --relative pool   (each strategy against pool, per machine)",
            "Where two runs have speed rulers, each change is also shown with the machine allowed for, and that one is judged."
        })
final class CompareCommand implements Callable<Integer> {

    @Parameters(
            paramLabel = "RUN",
            arity = "1..*",
            description = "Run folders; the first is the baseline. One is enough with --by.")
    List<Path> runs;

    @Option(
            names = "--by",
            paramLabel = "PARAM[=V1,V2…]",
            description =
                    "Compare along one parameter instead of across runs: one column per value (e.g. strategy, latency,"
                            + " client), or only the values named (client=jdk,apache); or host: one column per run, named by its machine.")
    String by;

    @Option(
            names = "--baseline",
            paramLabel = "VALUE",
            description = "With --by: the value the others are compared with. Default: the first.")
    String baseline;

    @Option(
            names = "--relative",
            paramLabel = "STRATEGY",
            description = "Each strategy against this one on its own machine (run), side by side across the runs, with"
                    + " intervals and each machine's efficiency: what travels between machines (markdown).")
    String relative;

    @Option(
            names = "--ignore",
            paramLabel = "PARAM",
            split = ",",
            description = "Match rows that differ only in these parameters (e.g. a run at 100ms against one at 110ms).")
    Set<String> ignore = Set.of();

    @Option(
            names = "--metric",
            paramLabel = "NAME",
            defaultValue = "time",
            description = "What to compare: time, cpu (the download's CPU per download, the JVM's background left out),"
                    + " cpu-background, cpu-total (the client's whole CPU; runs before the split have only this),"
                    + " server-cpu (per request), alloc (KB per download), threads, virtual-threads, rss, or any"
                    + " secondary metric of jmh.json (e.g. gc.alloc.rate.norm from -prof gc)."
                    + " Default: ${DEFAULT-VALUE}.")
    String metric;

    @Option(
            names = "--threshold",
            paramLabel = "PERCENT",
            defaultValue = "" + ComparisonOptions.DEFAULT_THRESHOLD,
            description =
                    "Noise floor: smaller changes are ~ even when their interval leaves out 0. Default: ${DEFAULT-VALUE}"
                            + " (A/A runs on this project's machine); a run's noise.json (bench --repeat) sets it per row.")
    double threshold;

    @Option(
            names = "--alpha",
            defaultValue = "0.05",
            description = "1 - the intervals' confidence level. Default: ${DEFAULT-VALUE}.")
    double alpha;

    @Option(
            names = "--fail-on-regression",
            paramLabel = "PERCENT",
            description =
                    "Exit 1, with one line per row, when a row is flagged slower by more than PERCENT: by its change with"
                            + " the machine allowed for where both runs have speed rulers (the line says so), else as measured.")
    Double failOnRegression;

    @Option(
            names = "--format",
            defaultValue = "markdown",
            description = "${COMPLETION-CANDIDATES} (any case). Default: ${DEFAULT-VALUE}.")
    ComparisonFormat format;

    @Option(
            names = "--chart",
            paramLabel = "FILE.png",
            description = "Also draw the change of each row with its interval.")
    Path chart;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (baseline != null && by == null) {
            throw new IllegalArgumentException("--baseline goes with --by");
        }
        var options = new ComparisonOptions(1 - alpha, threshold, by, baseline, ignore, Map.of()); // checks them first
        if (relative != null
                && (by != null || format != ComparisonFormat.MARKDOWN || failOnRegression != null || chart != null)) {
            throw new IllegalArgumentException(
                    "--relative is a table of its own (markdown): without --by, --format, --chart"
                            + " or --fail-on-regression");
        }
        List<RunFolder> folders = runs.stream().map(RunFolder::read).toList();
        if (relative != null) {
            spec.commandLine()
                    .getOut()
                    .print(Relative.of(folders, relative, 1 - alpha).markdown());
            spec.commandLine().getOut().flush();
            return 0;
        }
        var noise = new HashMap<String, Double>();
        folders.forEach(run -> run.noise().forEach((key, spread) -> noise.merge(key, spread, Math::max)));
        var chosen = Metric.named(metric);
        options = options.withNoise(chosen == Metric.TIME ? noise : Map.of())
                .withMetric(chosen); // the spreads are of time
        Comparison comparison = Comparison.of(folders, options);
        spec.commandLine().getOut().print(format.render(comparison));
        spec.commandLine().getOut().flush();
        if (chart != null) {
            Charts.changes(comparison, chart);
        }
        if (failOnRegression != null) {
            List<String> regressions = comparison.regressions(failOnRegression);
            regressions.forEach(line -> spec.commandLine().getErr().println("compare: slower: " + line));
            long undecided = comparison.undecided();
            if (regressions.isEmpty()) {
                spec.commandLine()
                        .getErr()
                        .printf(
                                Locale.ROOT,
                                "compare: passed: no row is flagged slower by more than %s %%%s%n",
                                BigDecimal.valueOf(failOnRegression)
                                        .stripTrailingZeros()
                                        .toPlainString(),
                                undecided == 0
                                        ? ""
                                        : "; " + undecided + (undecided == 1 ? " row has" : " rows have")
                                                + " no verdict (?), which this cannot vouch for");
            }
            spec.commandLine().getErr().flush();
            return regressions.isEmpty() ? 0 : 1;
        }
        return 0;
    }
}
