package flagbench.report;

import flagbench.results.BadRunException;
import flagbench.results.ResultRow;
import flagbench.results.RunFolder;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Writes a run folder's {@code report.md}: one row per result, with Little's law beside it. */
public final class MarkdownReport {

    private MarkdownReport() {}

    public static final String STRATEGIES_PNG = "strategies.png";

    /** Strategies measured over two or more worker counts with everything else equal: a curve to tune. */
    static List<Tuning> curves(RunFolder run) {
        var curves = new ArrayList<Tuning>();
        for (String strategy :
                run.rows().stream().map(r -> r.param("strategy")).distinct().toList()) {
            try {
                curves.add(Tuning.of(run, strategy, Tuning.DEFAULT_WITHIN));
            } catch (BadRunException notACurve) {
                // one worker count, or several settings: no single curve to show
            }
        }
        return curves;
    }

    static String workersChartName(Tuning curve) {
        return "workers-" + curve.strategy() + ".png";
    }

    public static String render(RunFolder run) {
        return render(run, curves(run));
    }

    static String render(RunFolder run, List<Tuning> curves) {
        var out = new StringBuilder();
        out.append("# flagbench run ").append(run.id()).append("\n\n");
        out.append("Suite `")
                .append(run.machineText("/suite"))
                .append("` on ")
                .append(run.machineText("/cpuModel"))
                .append(", ")
                .append(run.machineText("/logicalCores"))
                .append(" cores, JDK ")
                .append(run.machineText("/jdk/version"))
                .append(" (")
                .append(run.machineText("/jdk/vendor"))
                .append("), ")
                .append(run.machineText("/os/name"))
                .append(' ')
                .append(run.machineText("/os/version"))
                .append(", commit ")
                .append(run.machineText("/git/commit"))
                .append(".\n\n");
        out.append(table(run));
        out.append(serverTookTheCpu(run));
        SpeedRulerReading.of(run).ifPresent(ruler -> out.append('\n').append(ruler.describe()));
        out.append("\n![time per strategy, one panel per scenario](")
                .append(STRATEGIES_PNG)
                .append(")\n");
        out.append(CostsSection.costs(run));
        out.append(CostsSection.profilerMetrics(run));
        for (Tuning curve : curves) {
            out.append("\n").append(curve.render().replaceFirst("^# ", "## "));
            out.append("\n![")
                    .append(curve.strategy())
                    .append(" vs maxWorkers](")
                    .append(workersChartName(curve))
                    .append(")\n");
        }
        out.append("""

                Mean: time of one `downloadMany` (all codes once), with a 95 % interval from a bootstrap that
                resamples forks, then iterations within them (the fork is the independent unit).
                Concurrency: how many downloads the strategy runs at once (N codes, W = maxWorkers).
                Ideal: the largest of the bounds, a roofline for concurrency: latency, ceil(N / concurrency)·L by
                Little's law with L the mean latency; CPU, N / X_max, where X_max is the same row's throughput
                at zero latency in this run (when the run has such a row); and, when the server models a
                downstream, N / min(C / L, R) for its capacity C and rate limit R. Bound: which is largest.
                Efficiency = ideal / mean (– when the ideal is 0 or unknown).
                ok / 404 / err: downloads over all measured operations; peak: the server's most
                requests in flight during one iteration (– for the simulated transport, which has no server).
                """).append(strategyLegend(run));
        return out.toString();
    }

    /** A server's share of the CPU above which a CPU-bound row is said to measure the harness as much as the client. */
    static final double SERVER_TOOK = 0.4;

    /**
     * A note when the harness's own server, not the strategy or a modelled downstream, took the CPU of the CPU-bound rows,
     * with what the client's CPU alone would allow on a machine that does not host the server; "" otherwise.
     */
    static String serverTookTheCpu(RunFolder run) {
        var lines = new StringBuilder();
        for (ResultRow row : run.rows()) {
            Roofline r = Roofline.of(run, row);
            if (r.bound() == Roofline.Bound.CPU && r.serverShare() >= SERVER_TOOK) {
                lines.append(String.format(
                        Locale.ROOT,
                        "- %s: the server took %.0f %% of the CPU; the client's CPU alone allows about %,.0f downloads/s%n",
                        rowText(row),
                        r.serverShare() * 100,
                        r.clientCpuCeiling(row.codeCount())));
            }
        }
        return lines.isEmpty()
                ? ""
                : "\nCPU-bound rows where the harness's own server took much of this box's CPU (their X_max is the box's,"
                        + " not the client's; with the server on another host the client's CPU alone would allow more):\n\n"
                        + lines;
    }

    private static String rowText(ResultRow row) {
        return row.param("strategy") + " " + row.param("latency") + " W=" + row.param("maxWorkers") + " "
                + row.param("codes");
    }

    static String table(RunFolder run) {
        var out = new StringBuilder();
        RowColumns clients = RowColumns.of(run);
        out.append(clients.heading())
                .append(" forks | mean (ms) [95 % CI] | ideal (ms) | bound | efficiency | ok | 404 | err | peak |\n");
        out.append(clients.rule()).append("---:|---:|---:|---|---:|---:|---:|---:|---:|\n");
        for (ResultRow row : run.rows()) {
            var interval = Statistics.meanIntervalMillis(row);
            var roofline = Roofline.of(run, row);
            out.append(clients.label(row))
                    .append(String.format(
                            Locale.ROOT,
                            " %d | %.1f [%.1f, %.1f] | %s | %s | %s | %d | %d | %d | %s |%n",
                            row.forks().length,
                            row.meanMillis(),
                            interval.low(),
                            interval.high(),
                            number(roofline.idealMillis(), "%.0f"),
                            roofline.bound().word,
                            number(roofline.efficiency(), "%.2f"),
                            row.ok(),
                            row.notFound(),
                            row.error(),
                            row.param("transport").equals("simulated") ? "–" : String.valueOf(row.peakInFlight())));
        }
        return out.toString();
    }

    /** Three significant digits, whatever the size: 0.0123, 1.23, 123, 12300. */
    static String costText(double value) {
        if (!Double.isFinite(value)) {
            return "–";
        }
        if (value == 0 || Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return new BigDecimal(value)
                .round(new MathContext(3))
                .stripTrailingZeros()
                .toPlainString();
    }

    /** One line per strategy of the run, with its analogue in the book, as each strategy states it. */
    static String strategyLegend(RunFolder run) {
        var out = new StringBuilder();
        run.rows().stream()
                .map(ResultRow::strategy)
                .flatMap(Optional::stream)
                .distinct()
                .forEach(s -> out.append("- `")
                        .append(s.name())
                        .append("`: ")
                        .append(s.analogue())
                        .append('\n'));
        return out.isEmpty() ? "" : "\n" + out;
    }

    /** A value in a table cell, – when it is unknown (NaN, infinite) or 0. */
    static String number(double value, String format) {
        return !Double.isFinite(value) || value == 0 ? "–" : String.format(Locale.ROOT, format, value);
    }

    /** Writes report.md and its charts into the run folder, each atomically. */
    public static Path write(RunFolder run) {
        List<Tuning> curves = curves(run);
        Charts.strategies(run, run.path().resolve(STRATEGIES_PNG));
        for (Tuning curve : curves) {
            Charts.workers(curve, run.path().resolve(workersChartName(curve)));
        }
        return RunFolder.writeAtomically(
                run.path().resolve(RunFolder.REPORT_MD), render(run, curves).getBytes(StandardCharsets.UTF_8));
    }
}
