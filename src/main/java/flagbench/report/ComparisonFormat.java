package flagbench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** A comparison as Markdown (for people), CSV (for spreadsheets) or JSON (for programs). */
public enum ComparisonFormat {
    MARKDOWN, CSV, JSON;

    public String render(Comparison c) {
        return switch (this) {
            case MARKDOWN -> markdown(c);
            case CSV -> csv(c);
            case JSON -> json(c);
        };
    }

    private static String f(String format, double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, format, value);
    }

    static String changeText(Comparison.Cell cell) {
        return cell.significant() ? f("%+.1f%%", cell.change()) + " (p=" + pText(cell.p()) + ")" : "~";
    }

    private static String pText(double p) {
        return p < 0.001 ? "<0.001" : f("%.3f", p);
    }

    private static String markdown(Comparison c) {
        var out = new StringBuilder("# flagbench compare\n\n");
        for (int i = 0; i < c.runs().size(); i++) {
            RunFolder run = c.runs().get(i);
            out.append(String.format(Locale.ROOT, "- **%s** `%s`: %s, %s cores, %s GiB, JDK %s (%s), %s %s%n",
                    label(i), run.name(), run.machineText("/cpuModel"), run.machineText("/logicalCores"),
                    gib(run.machineText("/memoryBytes")), run.machineText("/jdk/version"), run.machineText("/jdk/vendor"),
                    run.machineText("/os/name"), run.machineText("/os/version")));
        }
        out.append(c.machinesDiffer()
                ? "\n**The machines differ** (see above): a change may come from the machine, not the code.\n"
                : "\nSame machine for every run.\n");
        out.append(String.format(Locale.ROOT,
                "%nMedian of JMH's raw samples (ms) [95 %% CI of the median]; change against A with the Mann–Whitney p-value, `~` when p ≥ %s.%n%n",
                f("%.2f", c.alpha())));
        var header = new StringBuilder("| benchmark |");
        var rule = new StringBuilder("|---|");
        for (int i = 0; i < c.runs().size(); i++) {
            header.append(' ').append(label(i)).append(" median [CI] |");
            rule.append("---:|");
            if (i > 0) {
                header.append(' ').append(label(i)).append(" vs A |");
                rule.append("---:|");
            }
        }
        out.append(header).append('\n').append(rule).append('\n');
        for (Comparison.Row row : c.rows()) {
            out.append("| ").append(row.key()).append(" |");
            for (int i = 0; i < row.cells().size(); i++) {
                Comparison.Cell cell = row.cells().get(i);
                out.append(' ').append(f("%.1f", cell.median())).append(" [").append(f("%.1f", cell.interval().low()))
                        .append(", ").append(f("%.1f", cell.interval().high())).append("] |");
                if (i > 0) {
                    out.append(' ').append(changeText(cell)).append(" |");
                }
            }
            out.append('\n');
        }
        out.append("| **geometric mean** |");
        for (int i = 0; i < c.runs().size(); i++) {
            out.append(" |");
            if (i > 0) {
                out.append(' ').append(f("%+.1f%%", c.geometricMeanChange().get(i - 1))).append(" |");
            }
        }
        out.append('\n');
        if (!c.partial().isEmpty()) {
            out.append("\nRows not in every run (left out of the table and the geometric mean):\n\n");
            c.partial().forEach(key -> out.append("- ").append(key).append('\n'));
        }
        return out.toString();
    }

    /** A, B, …, Z, then AA, AB, … as spreadsheet columns go. */
    static String label(int i) {
        String letter = String.valueOf((char) ('A' + i % 26));
        return i < 26 ? letter : label(i / 26 - 1) + letter;
    }

    private static String gib(String bytes) {
        try {
            return f("%.0f", Long.parseLong(bytes) / (1024.0 * 1024 * 1024));
        } catch (NumberFormatException e) {
            return "?";
        }
    }

    private static String csv(Comparison c) {
        var out = new StringBuilder("benchmark,run,median_ms,ci_low_ms,ci_high_ms,change_pct,p_value,significant\n");
        for (Comparison.Row row : c.rows()) {
            for (int i = 0; i < row.cells().size(); i++) {
                Comparison.Cell cell = row.cells().get(i);
                out.append('"').append(row.key().replace("\"", "\"\"")).append("\",")
                        .append(c.runs().get(i).name()).append(',')
                        .append(f("%.4f", cell.median())).append(',')
                        .append(f("%.4f", cell.interval().low())).append(',')
                        .append(f("%.4f", cell.interval().high())).append(',')
                        .append(f("%.2f", cell.change())).append(',')
                        .append(f("%.5f", cell.p())).append(',')
                        .append(i == 0 ? "" : cell.significant()).append('\n');
            }
        }
        return out.toString();
    }

    private static String json(Comparison c) {
        var mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("alpha", c.alpha());
        root.put("machinesDiffer", c.machinesDiffer());
        var runs = root.putArray("runs");
        c.runs().forEach(r -> runs.addObject().put("name", r.name()).set("machine", r.machine()));
        var rows = root.putArray("rows");
        for (Comparison.Row row : c.rows()) {
            var node = rows.addObject().put("benchmark", row.key()).put("unit", row.unit());
            var cells = node.putArray("runs");
            for (Comparison.Cell cell : row.cells()) {
                var cellNode = cells.addObject().put("median", cell.median())
                        .put("ciLow", cell.interval().low()).put("ciHigh", cell.interval().high());
                if (!Double.isNaN(cell.change())) {
                    cellNode.put("changePct", cell.change()).put("p", cell.p()).put("significant", cell.significant());
                }
            }
        }
        var geomean = root.putArray("geometricMeanChangePct");
        c.geometricMeanChange().forEach(geomean::add);
        var partial = root.putArray("notInEveryRun");
        c.partial().forEach(partial::add);
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
