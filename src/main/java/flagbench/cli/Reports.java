package flagbench.cli;

import flagbench.download.Outcome;
import flagbench.download.Tally;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The book's flags2 reports: what will be downloaded, one line per code, and the final counts. */
final class Reports {

    private Reports() {}

    static String initial(String label, String url, List<String> codes, int connections) {
        String which = codes.size() <= 10
                ? String.join(", ", codes)
                : "from " + codes.get(0) + " to " + codes.get(codes.size() - 1);
        return label + " site: " + url + "\n"
                + "Searching for " + codes.size() + plural(" flag", codes.size()) + ": " + which + "\n"
                + (connections == 1 ? "1 connection" : connections + " concurrent connections") + " will be used.\n";
    }

    static String line(Outcome outcome) {
        return switch (outcome.status()) {
            case OK -> outcome.code() + " OK";
            case NOT_FOUND -> outcome.code() + " not found";
            case ERROR -> outcome.code() + " error: " + outcome.reason();
        };
    }

    static String finalReport(Tally tally, double elapsedSeconds) {
        var out = new StringBuilder("-".repeat(20)).append('\n');
        out.append(String.format(Locale.ROOT, "%3d%s downloaded.%n", tally.ok(), plural(" flag", tally.ok())));
        if (tally.notFound() > 0) {
            out.append(String.format(Locale.ROOT, "%3d not found.%n", tally.notFound()));
        }
        if (tally.error() > 0) {
            out.append(String.format(Locale.ROOT, "%3d%s.%n", tally.error(), plural(" error", tally.error())));
            tally.errorReasons().entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue()
                            .reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> out.append(String.format(Locale.ROOT, "      %d × %s%n", e.getValue(), e.getKey())));
        }
        out.append(String.format(Locale.ROOT, "Elapsed time: %.2fs%n", elapsedSeconds));
        return out.toString();
    }

    private static String plural(String word, int count) {
        return count == 1 ? word : word + "s";
    }
}
