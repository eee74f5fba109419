package flagbench.report;

import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** A comparison as Markdown (for people), CSV (for spreadsheets) or JSON (for programs and CI): the Markdown here, the others {@link ComparisonData}. */
public enum ComparisonFormat {
    MARKDOWN,
    CSV,
    JSON;

    public String render(Comparison c) {
        return switch (this) {
            case MARKDOWN -> markdown(c);
            case CSV -> ComparisonData.csv(c);
            case JSON -> ComparisonData.json(c);
        };
    }

    /** The value in {@code format}; "" for NaN, a value that is not there. */
    static String f(String format, double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, format, value);
    }

    /**
     * {@code ~ +1.0% [-0.5, +2.4]}, {@code +5.1% [+2.0, +8.3]} in bold when flagged, {@code ?} when it cannot be told. The
     * measured change of a cell that is judged with the machine allowed for is bare numbers: its verdict is the other's.
     */
    static String changeText(Comparison.Cell cell) {
        return cell.adjusted() != null
                ? numbers(cell.change(), cell.changeInterval())
                : changeText(cell.verdict(), cell.change(), cell.changeInterval());
    }

    /** The change with the machine allowed for, with its verdict; "" where there is none. */
    static String adjustedText(Comparison.Cell cell) {
        var adjusted = cell.adjusted();
        return adjusted == null ? "" : changeText(adjusted.verdict(), adjusted.change(), adjusted.interval());
    }

    private static String changeText(Comparison.Verdict verdict, double change, Statistics.Interval interval) {
        return switch (verdict) {
            case SAME -> "~ " + numbers(change, interval);
            case UNDECIDED -> "? " + numbers(change, interval);
            case SLOWER, FASTER ->
                "**" + f("%+.1f%%", change) + "** [" + f("%+.1f", interval.low()) + ", " + f("%+.1f", interval.high())
                        + "]";
        };
    }

    /** {@code ±4.1%}; – where there is no verdict. */
    static String detectableText(double detectable) {
        return Double.isNaN(detectable) ? "–" : f("±%.1f%%", detectable);
    }

    private static String numbers(double change, Statistics.Interval interval) {
        return f("%+.1f%%", change) + " [" + f("%+.1f", interval.low()) + ", " + f("%+.1f", interval.high()) + "]";
    }

    /** Whether any row's cell in column {@code i} has a change with the machine allowed for. */
    private static boolean adjustedColumn(Comparison c, int i) {
        return i > 0 && c.rows().stream().anyMatch(r -> r.cells().get(i).adjusted() != null);
    }

    private static String markdown(Comparison c) {
        var out = new StringBuilder("# flagbench compare\n\n");
        out.append(RunLines.runLines(c.runs()));
        out.append(RunLines.rulers(c.runs()));
        if (!c.common().isEmpty()) {
            out.append("\nEvery row: `")
                    .append(new TreeMap<>(c.common())
                            .entrySet().stream()
                                    .map(e -> e.getKey() + "=" + e.getValue())
                                    .collect(Collectors.joining(" ")))
                    .append("`\n");
        }
        out.append(String.format(
                Locale.ROOT,
                """

                Mean %s with its %s %% interval, and the change against %s with its interval, both
                from a bootstrap that resamples forks, then iterations within them. `~`: the interval holds 0, or the change
                is under the noise threshold (%s %%%s); `?`: too few forks to tell; **bold**: a change. *Detectable*: the
                smallest change, either way, that the row's verdict finds four times in five at its forks and noise (the
                minimum detectable effect, never under the threshold): `~` is no change that large, not no change at all.

                """,
                c.options().metric() == Metric.TIME
                        ? "time of one operation (ms)"
                        : c.options().metric().heading() + " per row",
                f("%.0f", c.options().level() * 100),
                c.columns().get(0).label(),
                f("%.1f", c.options().threshold()),
                c.options().noise().isEmpty() ? "" : ", or the row's own run-to-run spread from noise.json"));
        if (IntStream.range(1, c.columns().size()).anyMatch(i -> adjustedColumn(c, i))) {
            out.append(c.options().metric() == Metric.TIME ? """
                    *Machine allowed for*: each sample's part above the row's latency bound (rounds × latency) is the CPU's,
                    and is divided by the ratio of the two runs' speed rulers before the change is taken again; its interval
                    spans the ruler ratio's interval too. Where it is shown, it is the change that is judged (and that
                    `--fail-on-regression` reads); the measured change beside it is bare.

                    """ : """
                    *Machine allowed for*: CPU time, all of it, is divided by the ratio of the two runs' speed rulers before
                    the change is taken again (a slower machine spends more of it on the same work); its interval spans the
                    ruler ratio's interval too. Where it is shown, it is the change that is judged; the measured change
                    beside it is bare.

                    """);
            String levels = familyLevels(c);
            if (!levels.isEmpty()) {
                out.append(String.format(
                        Locale.ROOT,
                        """
                        †: the samples vary by over %.0f %% of their mean in one of the runs, and nothing measured their noise
                        from run to run: such rows are judged together, as one family, each at the %s %% level, so that all of
                        them are wrongly flagged at most %.0f %% of the time (Bonferroni).

                        """,
                        Comparison.UNSTABLE_CV * 100,
                        levels,
                        (1 - c.options().level()) * 100));
            }
        }
        var header = new StringBuilder("| row |");
        var rule = new StringBuilder("|---|");
        for (int i = 0; i < c.columns().size(); i++) {
            String name = c.columns().get(i).label();
            header.append(' ').append(name).append(" mean [CI] |");
            rule.append("---:|");
            if (i > 0) {
                header.append(' ')
                        .append(name)
                        .append(" vs ")
                        .append(c.columns().get(0).label())
                        .append(" |");
                rule.append("---:|");
            }
            if (adjustedColumn(c, i)) {
                header.append(' ')
                        .append(name)
                        .append(" vs ")
                        .append(c.columns().get(0).label())
                        .append(", machine allowed for |");
                rule.append("---:|");
            }
            if (i > 0) {
                header.append(" detectable |");
                rule.append("---:|");
            }
        }
        out.append(header).append('\n').append(rule).append('\n');
        for (Comparison.Row row : c.rows()) {
            out.append("| ").append(row.label()).append(" |");
            for (int i = 0; i < row.cells().size(); i++) {
                Comparison.Cell cell = row.cells().get(i);
                if (!cell.present()) { // an uneven --by: this column has no such row
                    out.append(" – |")
                            .append(i > 0 ? " – |" : "")
                            .append(adjustedColumn(c, i) ? " |" : "")
                            .append(i > 0 ? " – |" : "");
                    continue;
                }
                out.append(' ')
                        .append(f("%.1f", cell.mean()))
                        .append(" [")
                        .append(f("%.1f", cell.interval().low()))
                        .append(", ")
                        .append(f("%.1f", cell.interval().high()))
                        .append("] |");
                if (i > 0) {
                    out.append(' ').append(changeText(cell));
                    if (cell.threshold() != c.options().threshold()) {
                        out.append(f(" (floor %.1f%%)", cell.threshold()));
                    }
                    out.append(" |");
                }
                if (adjustedColumn(c, i)) {
                    out.append(' ')
                            .append(adjustedText(cell))
                            .append(inFamily(c, cell) ? " †" : "")
                            .append(" |");
                }
                if (i > 0) {
                    out.append(' ')
                            .append(detectableText(cell.judgedDetectable()))
                            .append(" |");
                }
            }
            out.append('\n');
        }
        out.append("| **geometric mean** |");
        for (int i = 0; i < c.columns().size(); i++) {
            out.append(" |");
            if (i > 0) {
                out.append(' ')
                        .append(f("%+.1f%%", c.geometricMeanChange().get(i - 1)))
                        .append(" |");
            }
            if (adjustedColumn(c, i)) {
                out.append(" |");
            }
            if (i > 0) {
                out.append(" |");
            }
        }
        out.append('\n');
        if (!c.warnings().isEmpty()) {
            out.append("\nWarnings:\n\n");
            c.warnings().forEach(w -> out.append("- ").append(w.text()).append('\n'));
        }
        return out.toString();
    }

    /** A cell judged at its family's level rather than the comparison's ({@link Comparison#familyLevel}). */
    private static boolean inFamily(Comparison c, Comparison.Cell cell) {
        return cell.adjusted() != null && cell.adjusted().level() > c.options().level();
    }

    /** The family levels of the cells judged at one, in percent: {@code 99.3}, or {@code 99.3 / 99.2} across columns. */
    private static String familyLevels(Comparison c) {
        return c.rows().stream()
                .flatMap(r -> r.cells().stream())
                .filter(cell -> inFamily(c, cell))
                .map(cell -> f("%.1f", cell.adjusted().level() * 100))
                .distinct()
                .collect(Collectors.joining(" / "));
    }
}
