package flagbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

/**
 * JMH's JSON output read into rows, every value checked on the way in: a file that is not JMH's, a unit that is not a
 * time per operation, a sample or counter that is not a number, below zero or beyond what any run measures, is refused
 * with one line naming the file, the row and the value. Stateless.
 */
public final class JmhResults {

    private JmhResults() {}

    /** The rows of one JMH JSON file; a row measured several times (bench --repeat) is one row with all its forks. */
    public static List<ResultRow> rows(Path jmh) {
        JsonNode results = RunFolder.readJson(jmh);
        if (!results.isArray() || results.isEmpty() || !results.get(0).has("primaryMetric")) {
            throw new BadRunException(jmh + ": not JMH JSON output (an array of results with primaryMetric)");
        }
        var rows = new ArrayList<ResultRow>();
        for (JsonNode result : results) {
            rows.add(row(jmh, result));
        }
        // a row measured again (--repeat, tune) has samples of its own; the same samples twice are a copy
        RunFolder.refuseCopies(
                rows,
                row -> jmh + ": " + row.key() + " appears twice with the same samples:"
                        + " a copy of one result, not a second measurement (its forks would count twice)");
        return RunFolder.oneRowPerKey(rows);
    }

    private static ResultRow row(Path jmh, JsonNode result) {
        JsonNode primary = result.path("primaryMetric");
        if (!primary.has("score") || !result.has("benchmark")) {
            throw new BadRunException(jmh + ": a result without benchmark or score: not JMH JSON output");
        }
        String benchmark = result.get("benchmark").asText();
        String where = jmh + ": " + RowKey.shortName(benchmark) + " " + result.path("params");
        String unit = primary.path("scoreUnit").isTextual()
                ? primary.get("scoreUnit").asText()
                : ""; // asText of null: "null"
        if (!ResultRow.isTimeUnit(unit)) {
            throw new BadRunException(
                    where + ": its unit is " + (unit.isEmpty() ? "missing" : unit) + ", not a time per operation"
                            + " (flagbench reads single-shot times, -bm ss; a throughput run, -bm thrpt, is not one)");
        }
        double[][] forks = forks(primary.path("rawData"), where + ": a sample");
        double[] samples = ResultRow.flat(forks);
        if (samples.length == 0 || Arrays.stream(samples).anyMatch(x -> !Double.isFinite(x) || x < 0)) {
            throw new BadRunException(where + " has "
                    + (samples.length == 0 ? "no samples" : "samples that are not times (NaN, infinite or negative)"));
        }
        if (Arrays.stream(samples).anyMatch(x -> x * ResultRow.millisPer(unit) > DAY_MILLIS)) {
            throw new BadRunException(
                    where + " has samples longer than a day an operation, more than any run measures");
        }
        var params = new TreeMap<String, String>();
        result.path("params")
                .fields()
                .forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        String workers = params.get("maxWorkers");
        if (workers != null && !workers.matches("0*[1-9]\\d{0,8}")) {
            throw new BadRunException(
                    where + ": maxWorkers '" + workers + "' is not a whole number from 1 to 999,999,999");
        }
        var secondary = new TreeMap<String, double[][]>();
        result.path("secondaryMetrics")
                .fields()
                .forEachRemaining(e -> secondary.put(
                        e.getKey(), forks(e.getValue().path("rawData"), where + ": counter " + e.getKey())));
        secondary.forEach((name, values) -> { // a count below zero, or not a number, would be summed into every total
            if (!Counter.NAMES.contains(name)) {
                return;
            }
            double ceiling = Counter.valueOf(name).ceiling();
            double[] all = ResultRow.flat(values);
            if (Arrays.stream(all).anyMatch(x -> !Double.isFinite(x) || x < 0)) {
                throw new BadRunException(
                        where + ": counter " + name + " has values that are not counts (NaN, infinite or negative)");
            }
            if (Arrays.stream(all).anyMatch(x -> x > ceiling)) {
                throw new BadRunException(String.format(
                        Locale.ROOT,
                        "%s: counter %s has values above %.0e, more than any run measures",
                        where,
                        name,
                        ceiling));
            }
        });
        return new ResultRow(RowKey.shortName(benchmark), params, unit, forks, secondary);
    }

    /** The longest operation a run can honestly report (the longest suite's operation is seconds). */
    private static final double DAY_MILLIS = 86_400_000;

    private static final Set<String> JMH_NON_FINITE = Set.of("NaN", "Infinity", "-Infinity");

    /**
     * JMH's rawData: one array of samples per fork. Every sample a JSON number, or JMH's own text for the numbers JSON has no
     * word for ("NaN", "Infinity", which the row's checks then refuse by name): Jackson reads any other string, null or an
     * array as 0, which a row's mean would take as a 0 ms sample.
     *
     * @param what the value's place, for the one line that refuses it
     */
    private static double[][] forks(JsonNode rawData, String what) {
        var forks = new ArrayList<double[]>();
        for (JsonNode fork : rawData) {
            var samples = new ArrayList<Double>();
            for (JsonNode sample : fork) {
                if (sample.isTextual() && JMH_NON_FINITE.contains(sample.asText())) {
                    samples.add(Double.parseDouble(sample.asText()));
                    continue;
                }
                if (!sample.isNumber()) {
                    throw new BadRunException(what + " is "
                            + (sample.isTextual()
                                    ? "'" + sample.asText() + "'"
                                    : sample.getNodeType().toString().toLowerCase(Locale.ROOT))
                            + ", not a number");
                }
                samples.add(sample.asDouble());
            }
            if (!samples.isEmpty()) {
                forks.add(samples.stream().mapToDouble(Double::doubleValue).toArray());
            }
        }
        return forks.toArray(double[][]::new);
    }

    /** The run's id from machine.json, else the folder's name: what the run calls itself. */
}
