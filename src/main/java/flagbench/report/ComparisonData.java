package flagbench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.TreeMap;

/**
 * A comparison for programs: one CSV line per row and column (for spreadsheets), or one JSON document with every
 * value, verdict and warning as data (for CI), in the metric's unit. Stateless.
 */
final class ComparisonData {

    private ComparisonData() {}

    static String csv(Comparison c) {
        // the time's columns in ms, as they always were; another metric's in its own unit, which the header names
        Metric metric = c.options().metric();
        String unit = metric == Metric.TIME ? "_ms" : "";
        var out = new StringBuilder(metric == Metric.TIME ? "" : "# metric: " + metric.heading() + "\n");
        out.append("row,column,forks,mean" + unit + ",ci_low" + unit + ",ci_high" + unit
                + ",change_pct,change_low_pct,change_high_pct,threshold_pct,verdict"
                + ",ruler_ratio,adjusted_change_pct,adjusted_low_pct,adjusted_high_pct,adjusted_level_pct,adjusted_verdict"
                + ",detectable_pct\n");
        for (Comparison.Row row : c.rows()) {
            for (int i = 0; i < row.cells().size(); i++) {
                Comparison.Cell cell = row.cells().get(i);
                if (!cell.present()) { // an uneven --by: no line for a column without the row
                    continue;
                }
                out.append('"')
                        .append(row.key().replace("\"", "\"\""))
                        .append("\",")
                        .append(c.columns().get(i).label())
                        .append(',')
                        .append(cell.forks())
                        .append(',')
                        .append(ComparisonFormat.f("%.4f", cell.mean()))
                        .append(',')
                        .append(ComparisonFormat.f("%.4f", cell.interval().low()))
                        .append(',')
                        .append(ComparisonFormat.f("%.4f", cell.interval().high()))
                        .append(',')
                        .append(ComparisonFormat.f("%.3f", cell.change()))
                        .append(',')
                        .append(
                                i == 0
                                        ? ""
                                        : ComparisonFormat.f(
                                                "%.3f", cell.changeInterval().low()))
                        .append(',')
                        .append(
                                i == 0
                                        ? ""
                                        : ComparisonFormat.f(
                                                "%.3f", cell.changeInterval().high()))
                        .append(',')
                        .append(ComparisonFormat.f("%.2f", cell.threshold()))
                        .append(',')
                        .append(i == 0 ? "" : cell.verdict().word(metric));
                var adjusted = cell.adjusted();
                if (adjusted == null) {
                    out.append(",,,,,,");
                } else {
                    out.append(',')
                            .append(ComparisonFormat.f("%.4f", adjusted.ruler().point()))
                            .append(',')
                            .append(ComparisonFormat.f("%.3f", adjusted.change()))
                            .append(',')
                            .append(ComparisonFormat.f(
                                    "%.3f", adjusted.interval().low()))
                            .append(',')
                            .append(ComparisonFormat.f(
                                    "%.3f", adjusted.interval().high()))
                            .append(',')
                            .append(ComparisonFormat.f("%.2f", adjusted.level() * 100))
                            .append(',')
                            .append(adjusted.verdict().word(metric));
                }
                out.append(',')
                        .append(i == 0 ? "" : ComparisonFormat.f("%.3f", cell.judgedDetectable()))
                        .append('\n');
            }
        }
        return out.toString();
    }

    /** A number, or null where there is none (JSON has no NaN). */
    private static void putNumber(ObjectNode node, String name, double value) {
        if (Double.isNaN(value)) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }

    static String json(Comparison c) {
        var mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        Metric metric = c.options().metric();
        String unit =
                metric == Metric.TIME ? "Ms" : ""; // the time in ms, as it always was; another metric in its own unit
        root.put("metric", metric.name()).put("unit", metric == Metric.TIME ? "ms" : metric.unit());
        root.put("level", c.options().level());
        root.put("thresholdPct", c.options().threshold());
        root.put("machinesDiffer", c.machinesDiffer());
        root.set("common", mapper.valueToTree(new TreeMap<>(c.common())));
        var columns = root.putArray("columns");
        c.columns().forEach(col -> {
            var node = columns.addObject()
                    .put("label", col.label())
                    .put("run", col.run().name());
            if (col.byValue() != null) {
                node.put(c.options().by(), col.byValue());
            }
        });
        var runs = root.putArray("runs");
        c.runs().forEach(r -> runs.addObject().put("name", r.name()).set("machine", r.machine()));
        var rows = root.putArray("rows");
        for (Comparison.Row row : c.rows()) {
            var node = rows.addObject().put("benchmark", row.key()).put("label", row.label());
            var cells = node.putArray("columns");
            for (Comparison.Cell cell : row.cells()) {
                if (!cell.present()) { // an uneven --by: the column has no such row
                    cells.addObject().put("forks", 0);
                    continue;
                }
                var cellNode = cells.addObject()
                        .put("forks", cell.forks())
                        .put("mean" + unit, cell.mean())
                        .put("ciLow" + unit, cell.interval().low())
                        .put("ciHigh" + unit, cell.interval().high());
                if (cell.verdict() != null) {
                    cellNode.put("changePct", cell.change())
                            .put("changeLowPct", cell.changeInterval().low())
                            .put("changeHighPct", cell.changeInterval().high())
                            .put("thresholdPct", cell.threshold())
                            .put("verdict", cell.verdict().word(c.options().metric()));
                    putNumber(
                            cellNode,
                            "detectablePct", // as measured, as "verdict" is; machineAllowedFor has its own
                            cell.verdict() == Comparison.Verdict.UNDECIDED ? Double.NaN : cell.detectable());
                }
                if (cell.adjusted() != null) {
                    var adjusted = cell.adjusted();
                    var allowed = cellNode.putObject("machineAllowedFor");
                    allowed.put("rulerRatio", adjusted.ruler().point())
                            .put("rulerRatioLow", adjusted.ruler().low())
                            .put("rulerRatioHigh", adjusted.ruler().high())
                            .put("changePct", adjusted.change())
                            .put("changeLowPct", adjusted.interval().low())
                            .put("changeHighPct", adjusted.interval().high())
                            .put("levelPct", adjusted.level() * 100)
                            .put("verdict", adjusted.verdict().word(metric));
                    putNumber(allowed, "detectablePct", adjusted.detectable());
                }
            }
        }
        var geomean = root.putArray("geometricMeanChangePct");
        c.geometricMeanChange().forEach(geomean::add);
        var warnings = root.putArray("warnings");
        for (Warning w : c.warnings()) { // the kind and values to decide on, the text to show
            var warning = warnings.addObject()
                    .put("kind", w.kind().key())
                    .put("row", w.row())
                    .put("column", w.column());
            warning.set("values", mapper.valueToTree(new TreeMap<>(w.values()))); // in one order, run after run
            warning.put("text", w.text());
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
