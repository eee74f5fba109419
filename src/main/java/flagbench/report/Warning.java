package flagbench.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One of a comparison's warnings, as data: its kind, the row and the column it is about (null where it is about the whole
 * comparison), and its values. {@link #text} renders it for people; the JSON for CI carries the kind, row, column and
 * values beside that text, and tests assert those, not the wording. Immutable.
 *
 * @param values by name; numbers, booleans, strings, or lists and maps of them (each kind lists its own in {@link Kind})
 */
public record Warning(Kind kind, String row, String column, Map<String, Object> values) {

    public Warning {
        values = Map.copyOf(values);
    }

    /** What a warning says, and the values it says it with. */
    public enum Kind {
        /**
         * A row varies by more than {@code thresholdPct} of its mean: {@code variationPct} (column to %), {@code of}
         * (samples, or fork means for a cost), {@code allowedFor}.
         */
        UNSTABLE,
        /** A fork unlike its siblings: {@code fork} (from 1), {@code mean}, {@code unit}, {@code median} (of the fork means). */
        OUTLIER_FORK,
        /** Operations shorter than a millisecond: {@code meanMs}. */
        SHORT_OPERATIONS,
        /** A column whose rows have too few forks to establish a change: {@code fewest}, {@code needed}. */
        FEW_FORKS,
        /** The runs' machines differ: {@code differences}, each {@code field (value, value…)}. */
        MACHINES_DIFFER,
        /** The runs' forks had their JVMs in different ways: {@code sentences}, one for each way. */
        FORK_JVMS_DIFFER,
        /** Rows left out, not in the first column and another: {@code rows}, each with where it is. */
        ROWS_LEFT_OUT;

        /** The kind as the JSON names it: {@code outlier-fork}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** A number among the values; NaN when this kind has none by that name. */
    public double number(String name) {
        return values.get(name) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** A list among the values, as text; empty when this kind has none by that name. */
    public List<String> list(String name) {
        return values.get(name) instanceof List<?> l
                ? l.stream().map(String::valueOf).toList()
                : List.of();
    }

    /** The warning in words, as report.md and the console print it. */
    public String text() {
        String where = row + " in " + column;
        return switch (kind) {
            case UNSTABLE -> {
                String variation = ((Map<?, ?>) values.get("variationPct"))
                        .entrySet().stream()
                                .map(e -> String.format(
                                        Locale.ROOT, "%.0f%% in %s", ((Number) e.getValue()).doubleValue(), e.getKey()))
                                .collect(Collectors.joining(", "));
                yield String.format(
                        Locale.ROOT,
                        "%s: the %s vary by %s of their mean (over %.0f%%): may be unstable;%s",
                        row,
                        values.getOrDefault("of", "samples"),
                        variation,
                        number("thresholdPct"),
                        (Boolean) values.get("allowedFor")
                                ? " its change is judged only with the machine allowed for, with the others like it as one family"
                                : " its change is not judged (?) unless bench --repeat measured its run-to-run noise");
            }
            case OUTLIER_FORK ->
                String.format(
                        Locale.ROOT,
                        "%s: fork %d (mean %.1f %s) is unlike its siblings (median of fork means %.1f)",
                        where,
                        (int) number("fork"),
                        number("mean"),
                        values.get("unit"),
                        number("median"));
            case SHORT_OPERATIONS ->
                String.format(
                        Locale.ROOT,
                        "%s: operations of %.2f ms: single-shot times that short are mostly timer and scheduling noise",
                        where,
                        number("meanMs"));
            case FEW_FORKS ->
                column + " has rows with " + (int) number("fewest") + " fork(s): too few for any change to be"
                        + " established (at least " + (int) number("needed") + "; such rows say ?)";
            case MACHINES_DIFFER ->
                "the machines differ (see above) in " + String.join("; ", list("differences"))
                        + ": a change may come from the machine, not the code";
            case FORK_JVMS_DIFFER ->
                "the runs' forks had their JVMs in different ways (machine.json forkJvms: "
                        + String.join("; ", list("sentences"))
                        + "): a JVM shared by a turn's rows is warmer than one per fork, most of all for the 0 ms rows,"
                        + " so a change may come from how it was measured, not the code";
            case ROWS_LEFT_OUT ->
                list("rows").size() + " row(s) are not in every column and are left out: "
                        + String.join("; ", list("rows"));
        };
    }

    @Override
    public String toString() {
        return text();
    }
}
