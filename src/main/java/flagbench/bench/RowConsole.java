package flagbench.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * JMH's console as a person follows a bench: everything JMH prints goes to {@code log} (the run folder's
 * {@code jmh.log}), and the console gets one line per row as its fork ends, with its score and JMH's
 * interval (the plan says how far the bench is). A failed fork gets a line too; the bench then fails with its
 * cause.
 */
final class RowConsole implements OutputFormat {

    private final OutputFormat log;
    private final PrintStream console;
    private final List<String> shown;

    /**
     * @param log     JMH's own text format, writing to the log file
     * @param shown   the parameters a row's line names (those the part varies)
     */
    RowConsole(OutputFormat log, PrintStream console, List<String> shown) {
        this.log = log;
        this.console = console;
        this.shown = shown;
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        log.endBenchmark(result);
        if (result == null || result.getPrimaryResult() == null) {
            return;
        }
        BenchmarkParams params = result.getParams();
        var primary = result.getPrimaryResult();
        double[] ci = primary.getScoreConfidence();
        String name = shown.stream().map(p -> p + "=" + params.getParam(p)).collect(Collectors.joining(" "));
        console.printf(
                Locale.ROOT,
                "  %s: %.1f %s [%.1f, %.1f]%n",
                name,
                primary.getScore(),
                primary.getScoreUnit(),
                ci[0],
                ci[1]);
    }

    @Override
    public void println(String s) {
        log.println(s);
        if (s.strip().endsWith("<failure>")) { // JMH prints "Iteration   1: " first, then this
            console.println(
                    "flagbench: a fork failed (its trace is in jmh.log; bench --verbose shows JMH's console here)");
        }
    }

    @Override
    public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
        log.iteration(benchParams, params, iteration);
    }

    @Override
    public void iterationResult(
            BenchmarkParams benchParams, IterationParams params, int iteration, IterationResult data) {
        log.iterationResult(benchParams, params, iteration, data);
    }

    @Override
    public void startBenchmark(BenchmarkParams benchParams) {
        log.startBenchmark(benchParams);
    }

    @Override
    public void startRun() {
        log.startRun();
    }

    @Override
    public void endRun(Collection<RunResult> result) {
        log.endRun(result);
    }

    @Override
    public void print(String s) {
        log.print(s);
    }

    @Override
    public void flush() {
        log.flush();
        console.flush();
    }

    @Override
    public void close() {
        log.close();
    }

    @Override
    public void verbosePrintln(String s) {
        log.verbosePrintln(s);
    }

    @Override
    public void write(int b) {
        log.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        log.write(b);
    }
}
