package flagbench.report;

import flagbench.results.ResultRow;
import flagbench.results.RunFolder;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG charts for report.md and compare, drawn with XChart. */
public final class Charts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    /**
     * One panel per scenario (the rows' parameters other than strategy and workers: latency,
     * connections, codes, transport …), each with a bar per strategy and its 95 % interval, so that a
     * 2-second sequential bar in one scenario does not flatten 100 ms bars in another.
     */
    public static Path strategies(RunFolder run, Path file) {
        Map<String, List<ResultRow>> scenarios = new LinkedHashMap<>();
        List<String> varying = varyingParams(run.rows()).stream()
                .filter(p -> !p.equals("strategy") && !p.equals("maxWorkers"))
                .toList();
        for (ResultRow row : run.rows()) {
            String scenario = String.join(
                    " ", varying.stream().map(p -> p + "=" + row.param(p)).toList());
            scenarios.computeIfAbsent(scenario, k -> new ArrayList<>()).add(row);
        }
        // one download at a time takes N·L where the others take L: in a panel of its own, it flattens nothing
        var split = new LinkedHashMap<String, List<ResultRow>>();
        scenarios.forEach((scenario, rows) -> {
            double slowestConcurrent = rows.stream()
                    .filter(r -> r.concurrency() > 1)
                    .mapToDouble(ResultRow::meanMillis)
                    .max()
                    .orElse(Double.NaN);
            boolean flattens =
                    rows.stream().anyMatch(r -> r.concurrency() == 1 && r.meanMillis() > 3 * slowestConcurrent);
            for (ResultRow row : rows) {
                String panel = flattens && row.concurrency() == 1 ? (scenario + " · one at a time").strip() : scenario;
                split.computeIfAbsent(panel, k -> new ArrayList<>()).add(row);
            }
        });
        scenarios = split;
        int columns = Math.min(3, scenarios.size());
        int rows = (scenarios.size() + columns - 1) / columns;
        int width = 600;
        int height = 400;
        var image = new BufferedImage(columns * width, rows * height, BufferedImage.TYPE_INT_RGB);
        var graphics = image.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
        int panel = 0;
        for (var scenario : scenarios.entrySet()) {
            CategoryChart chart = new CategoryChartBuilder()
                    .width(width)
                    .height(height)
                    .title(scenario.getKey().isEmpty() ? "ms per downloadMany (95 % interval)" : scenario.getKey())
                    .yAxisTitle("ms")
                    .build();
            style(chart);
            chart.getStyler().setLegendVisible(false);
            chart.getStyler().setXAxisLabelRotation(45);
            var labels = new ArrayList<String>();
            var values = new ArrayList<Double>();
            var errors = new ArrayList<Double>();
            for (ResultRow row : scenario.getValue()) {
                labels.add(row.param("strategy")
                        + (scenario.getValue().stream()
                                                .map(r -> r.param("maxWorkers"))
                                                .distinct()
                                                .count()
                                        > 1
                                ? " " + row.param("maxWorkers")
                                : ""));
                var interval = Statistics.meanIntervalMillis(row);
                values.add(row.meanMillis());
                errors.add(
                        finiteOrZero(Math.max(interval.high() - row.meanMillis(), row.meanMillis() - interval.low())));
            }
            chart.addSeries("measured", labels, values, errors);
            graphics.drawImage(
                    BitmapEncoder.getBufferedImage(chart), (panel % columns) * width, (panel / columns) * height, null);
            panel++;
        }
        graphics.dispose();
        return save(image, file);
    }

    /**
     * Throughput against maxWorkers (log scale) with the roofline drawn: Little's W / L, the
     * ceiling X_max when it was measured (unless a downstream's bound, far below it, is what limits),
     * the downstream's bound, the Universal Scalability Law's curve when it fits, and the
     * recommended worker count marked.
     */
    public static Path workers(Tuning tuning, Path file) {
        XYChart chart = new XYChartBuilder()
                .width(900)
                .height(560)
                .title(tuning.strategy() + ": throughput vs maxWorkers"
                        + (tuning.latencyMillis() > 0
                                ? String.format(Locale.ROOT, " at %.0f ms", tuning.latencyMillis())
                                : ""))
                .xAxisTitle("maxWorkers")
                .yAxisTitle("downloads/s")
                .build();
        style(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisLogarithmic(true);
        List<Tuning.Point> points = tuning.points();
        double[] workers = points.stream().mapToDouble(Tuning.Point::workers).toArray();
        chart.addSeries(
                "measured (95 % interval)",
                workers,
                points.stream().mapToDouble(Tuning.Point::throughput).toArray(),
                points.stream()
                        .mapToDouble(p -> finiteOrZero(Math.max(p.high() - p.throughput(), p.throughput() - p.low())))
                        .toArray());
        var downstream = tuning.downstreamBound();
        // against a downstream far below this box's ceiling, X_max would flatten the curve to the axis: the report
        // gives it
        boolean drawCeiling = Double.isFinite(tuning.ceiling())
                && downstream.map(d -> tuning.ceiling() < 3 * d.bound()).orElse(true);
        double top = Math.max(
                        points.stream().mapToDouble(Tuning.Point::high).max().orElse(1),
                        Math.max(
                                drawCeiling ? finiteOrZero(tuning.ceiling()) : 0,
                                downstream
                                        .map(TuningLimit.DownstreamBound::bound)
                                        .orElse(0.0)))
                * 1.3;
        if (tuning.latencyMillis() > 0) {
            // W / L up to where it leaves the chart: the latency side of the roofline
            double wMin = workers[0];
            double wMax = Math.min(workers[workers.length - 1], top * tuning.latencyMillis() / 1000);
            double[] xs = logSpaced(wMin, wMax, 40);
            chart.addSeries(
                            "W / L (Little's law, L = " + Math.round(tuning.latencyMillis()) + " ms)",
                            xs,
                            Arrays.stream(xs)
                                    .map(w -> w / tuning.latencyMillis() * 1000)
                                    .toArray())
                    .setMarker(SeriesMarkers.NONE);
        }
        downstream.ifPresent(d -> chart.addSeries(
                        String.format(
                                Locale.ROOT,
                                "the downstream: %s (%.0f/s)",
                                d.limits().words(),
                                d.bound()),
                        new double[] {workers[0], workers[workers.length - 1]},
                        new double[] {d.bound(), d.bound()})
                .setMarker(SeriesMarkers.NONE));
        if (drawCeiling) {
            chart.addSeries(
                            String.format(Locale.ROOT, "X_max at zero latency (%.0f/s)", tuning.ceiling()),
                            new double[] {workers[0], workers[workers.length - 1]},
                            new double[] {tuning.ceiling(), tuning.ceiling()})
                    .setMarker(SeriesMarkers.NONE);
        }
        tuning.usl().filter(usl -> !usl.poor()).ifPresent(usl -> {
            double[] xs = logSpaced(workers[0], workers[workers.length - 1], 60);
            chart.addSeries(
                            "Universal Scalability Law, fitted",
                            xs,
                            Arrays.stream(xs).map(usl::throughput).toArray())
                    .setMarker(SeriesMarkers.NONE);
        });
        chart.addSeries(
                        "recommended: " + tuning.recommended().workers(),
                        new double[] {tuning.recommended().workers()},
                        new double[] {tuning.recommended().throughput()})
                .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter)
                .setMarker(SeriesMarkers.DIAMOND);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(top);
        return save(chart, file);
    }

    /** {@code steps + 1} values from {@code from} to {@code to} in equal ratios: a smooth line on a log axis. */
    private static double[] logSpaced(double from, double to, int steps) {
        return IntStream.rangeClosed(0, steps)
                .mapToDouble(i -> from * Math.pow(to / from, (double) i / steps))
                .toArray();
    }

    /**
     * The change of each row against the first column, with its bootstrap interval. XChart draws
     * symmetric error bars: the bar is the interval's larger half-width around the change.
     */
    public static Path changes(Comparison comparison, Path file) {
        CategoryChart chart = new CategoryChartBuilder()
                .width(1000)
                .height(560)
                .title("Change against " + comparison.columns().get(0).label() + " (% of mean, 95 % interval)")
                .yAxisTitle("%")
                .build();
        style(chart);
        chart.getStyler().setXAxisLabelRotation(60);
        for (int column = 1; column < comparison.columns().size(); column++) {
            var labels = new ArrayList<String>();
            var changes = new ArrayList<Double>();
            var halfWidths = new ArrayList<Double>();
            for (Comparison.Row row : comparison.rows()) {
                Comparison.Cell cell = row.cells().get(column);
                labels.add(row.label());
                changes.add(cell.change());
                halfWidths.add(finiteOrZero(Math.max(
                        cell.changeInterval().high() - cell.change(),
                        cell.change() - cell.changeInterval().low())));
            }
            chart.addSeries(comparison.columns().get(column).label(), labels, changes, halfWidths);
        }
        return save(chart, file);
    }

    /** Parameters whose value differs between rows: the ones worth putting in a label. */
    static List<String> varyingParams(List<ResultRow> rows) {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        for (ResultRow row : rows) {
            row.params()
                    .forEach((k, v) ->
                            values.computeIfAbsent(k, x -> new HashSet<>()).add(v));
        }
        List<String> varying = values.entrySet().stream()
                .filter(e -> e.getValue().size() > 1)
                .map(Map.Entry::getKey)
                .toList();
        return varying.isEmpty() ? List.of("strategy") : varying;
    }

    private static double finiteOrZero(double value) {
        return Double.isFinite(value) ? value : 0;
    }

    private static void style(Chart<?, ?> chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
    }

    private static Path save(Chart<?, ?> chart, Path file) {
        return save(BitmapEncoder.getBufferedImage(chart), file);
    }

    /** A PNG written whole or not at all, encoded in memory (ImageIO's disk cache would leave files in the temp folder). */
    private static Path save(BufferedImage image, Path file) {
        try {
            var bytes = new ByteArrayOutputStream();
            try (var stream = new MemoryCacheImageOutputStream(bytes)) {
                ImageIO.write(image, "png", stream);
            }
            return RunFolder.writeAtomically(file, bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
