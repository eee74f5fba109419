package flagbench.report;

import flagbench.results.ResultRow;
import flagbench.results.RunFolder;
import flagbench.results.Waits;
import java.util.List;
import java.util.Locale;

/**
 * The report's sections on what each row cost beyond its time: the {@link Metric#COSTS} and waits of its downloads,
 * and the metrics of a profiler the user added. Stateless.
 */
final class CostsSection {

    private CostsSection() {}

    /**
     * What each row cost beyond time, one line per row: the {@link Metric#COSTS} and the waits of
     * its downloads. Empty for a run made before these were measured.
     */
    static String costs(RunFolder run) {
        var waits = run.waits();
        List<Metric> present = Metric.COSTS.stream()
                .filter(m -> run.rows().stream().anyMatch(m::presentIn))
                .filter(m -> !Metric.SHOWN_WHEN_ANY.contains(m)
                        || run.rows().stream().anyMatch(r -> m.mean(r) > 0))
                .toList();
        if (present.isEmpty() && waits.isEmpty()) {
            return "";
        }
        RowColumns clients = RowColumns.of(run);
        var out = new StringBuilder("\n## What each row cost\n\n").append(clients.heading());
        present.forEach(m -> out.append(' ').append(m.heading()).append(" |"));
        if (!waits.isEmpty()) {
            out.append(" wait with queue p50 / p90 / p99 / max (ms) | wait without queue p50 / p99 (ms) |");
        }
        out.append('\n')
                .append(clients.rule())
                .append("---:|".repeat(present.size()))
                .append(waits.isEmpty() ? "" : "---:|---:|")
                .append('\n');
        for (ResultRow row : run.rows()) {
            out.append(clients.label(row));
            for (Metric metric : present) {
                out.append(' ')
                        .append(MarkdownReport.costText(metric.mean(row)))
                        .append(" |");
            }
            if (!waits.isEmpty()) {
                Waits w = waits.get(row.key());
                out.append(
                        w == null
                                ? " – | – |"
                                : String.format(
                                        Locale.ROOT,
                                        " %s / %s / %s / %s | %s / %s |",
                                        MarkdownReport.costText(w.percentileMillis(true, 50)),
                                        MarkdownReport.costText(w.percentileMillis(true, 90)),
                                        MarkdownReport.costText(w.percentileMillis(true, 99)),
                                        MarkdownReport.costText(w.percentileMillis(true, 100)),
                                        MarkdownReport.costText(w.percentileMillis(false, 50)),
                                        MarkdownReport.costText(w.percentileMillis(false, 99))));
            }
            out.append('\n');
        }
        out.append("""

                Download CPU: the fork's CPU time over the operation less the JVM's background, per download;
                background CPU: the JVM's own threads (JIT compilers, GC, VM threads) meanwhile, per download; client CPU:
                the two together, the fork's CPU time over the operation (every thread: workers, carriers, HttpClient),
                per download (a run made before the split has only this one); server CPU: the server JVM's CPU time
                over the iteration, per request it served (the harness's own cost: a row whose server CPU is high was
                slowed by the server, not the strategy); allocated: bytes
                allocated by every thread (virtual threads' on their carriers), per download; peak platform threads
                during the operation; virtual threads that ran a download, per operation; peak RSS: the fork's most
                resident memory so far. Waits: per download, from the start of `downloadMany` (with the queue: a fixed
                pool's later downloads wait for a thread) and from its own start (without), merged over every measured
                operation of every fork. Connections: the TCP connections the server accepted during the operation; TLS
                handshakes: those it completed (of those resumed: on a session an earlier handshake made); timed out and
                broken answers (a reset, an early close, garbage, an HTTP/2 stream refused): the errors by what they were,
                each per operation (shown where a row has any).
                """);
        if (present.contains(Metric.PINNED)) {
            out.append("""
                    Pinned: JFR's jdk.VirtualThreadPinned events during the operation, with the threshold at zero, per
                    operation, and their total time: a virtual thread that blocked while it could not leave its carrier.
                    """);
        }
        return out.toString();
    }

    /** Secondary metrics the benchmark does not make itself (a profiler's, e.g. -prof gc), mean per row. */
    static String profilerMetrics(RunFolder run) {
        List<String> names = run.rows().stream()
                .flatMap(r -> r.secondary().keySet().stream())
                .filter(n -> !Metric.OWN_COUNTERS.contains(n))
                .distinct()
                .sorted()
                .toList();
        if (names.isEmpty()) {
            return "";
        }
        var out = new StringBuilder("\n## Profiler metrics\n\n| row |");
        names.forEach(n -> out.append(' ').append(n).append(" |"));
        out.append("\n|---|").append("---:|".repeat(names.size())).append('\n');
        for (ResultRow row : run.rows()) {
            out.append("| ").append(row.paramText()).append(" |");
            names.forEach(n -> out.append(' ')
                    .append(MarkdownReport.costText(Metric.named(n).mean(row)))
                    .append(" |"));
            out.append('\n');
        }
        out.append(
                "\nMeans over every measured iteration of every fork; `compare --metric NAME` compares any of them.\n");
        return out.toString();
    }
}
