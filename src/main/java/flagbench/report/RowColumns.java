package flagbench.report;

import flagbench.download.Clients;
import flagbench.download.Protocols;
import flagbench.results.ResultRow;
import flagbench.results.RunFolder;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What tells a run's rows apart at the start of a report table: the strategy, the parameters beside it that the run
 * varies, the latency, concurrency, codes, transport and connections. The optional ones (the client, the protocol) are
 * named only when some row of the run has another value than the default, so that a run made before clients or
 * protocols existed reads as it did. Immutable.
 */
record RowColumns(List<String> names) {
    private static final Map<String, String> OPTIONAL =
            Map.of("client", Clients.DEFAULT, "protocol", Protocols.DEFAULT);

    static RowColumns of(RunFolder run) {
        return new RowColumns(OPTIONAL.entrySet().stream()
                .filter(e ->
                        run.rows().stream().anyMatch(r -> !r.param(e.getKey()).equals(e.getValue())))
                .map(Map.Entry::getKey)
                .sorted()
                .toList());
    }

    /** The table's heading up to the row's own figures. */
    String heading() {
        return "| strategy |"
                + names.stream().map(n -> " " + n + " |").collect(Collectors.joining())
                + " latency | concurrency | codes | transport | conn |";
    }

    /** The heading's rule, as far. */
    String rule() {
        return "|---|" + "---|".repeat(names.size()) + "---|---:|---|---|---|";
    }

    /** The row's first cells; concurrency ? for a strategy not registered here. */
    String label(ResultRow row) {
        int concurrency = row.concurrency();
        return String.format(
                Locale.ROOT,
                "| %s |%s %s | %s | %s | %s | %s |",
                row.param("strategy"),
                names.stream().map(n -> " " + row.param(n) + " |").collect(Collectors.joining()),
                row.param("latency"),
                concurrency == 0 ? "?" : String.valueOf(concurrency),
                row.param("codes"),
                row.param("transport"),
                row.param("connections"));
    }
}
