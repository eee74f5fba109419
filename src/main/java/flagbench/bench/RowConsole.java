package flagbench.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * JMH's console as a person follows a bench: everything JMH prints goes to {@code log} (the run folder's
 * {@code jmh.log}), and the console gets one line per row as its last fork ends, with its score and JMH's
 * interval, how far the run is and about how long it has left (JMH's own estimate). A failed fork gets a line
 * too; the bench then fails with its cause.
 */
final class RowConsole implements OutputFormat {

    private static final Pattern PROGRESS = Pattern.compile("# Run progress: ([\\d.]+)% complete, ETA (\\d+:\\d+:\\d+)");

    private final OutputFormat log;
    private final PrintStream console;
    private final List<String> shown;
    private final long start = System.nanoTime();
    private String done = "";
    private String left = "";
    private int rows;

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
        rows++;
        BenchmarkParams params = result.getParams();
        var primary = result.getPrimaryResult();
        double[] ci = primary.getScoreConfidence();
        String name = shown.stream().map(p -> p + "=" + params.getParam(p)).collect(Collectors.joining(" "));
        console.printf(Locale.ROOT, "flagbench: row %d  %s  %.1f %s [%.1f, %.1f]  (%s%s%s)%n", rows, name, primary.getScore(),
                primary.getScoreUnit(), ci[0], ci[1], TunePlan.clock((System.nanoTime() - start) / 1e9), done, left);
    }

    @Override
    public void println(String s) {
        log.println(s);
        Matcher progress = PROGRESS.matcher(s);
        if (progress.find()) {
            done = ", " + progress.group(1) + " % done before it";
            left = ", about " + progress.group(2) + " left";
        } else if (s.strip().equals("<failure>")) {
            console.println("flagbench: a fork failed (its trace is in jmh.log; bench --verbose shows JMH's console here)");
        }
    }

    @Override
    public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
        log.iteration(benchParams, params, iteration);
    }

    @Override
    public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration, IterationResult data) {
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
