package flagbench.report;

import flagbench.results.RunFolder;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
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
     * The run's panels ({@link RunPanels}): one row of the image per scenario, its time on the left and, where the
     * forks split it, the download's CPU on the right; three time panels a row for a run without it.
     */
    public static Path strategies(RunFolder run, Path file) {
        var panels = RunPanels.of(run.rows().stream().map(RunPanels.Row::of).toList());
        var charts = new ArrayList<CategoryChart>();
        for (RunPanels.Panel panel : panels.panels()) {
            charts.add(panel(panel, panel.title().isEmpty() ? "time" : panel.title(), "ms per call", p -> p.time()));
            if (panels.hasCpu()) {
                charts.add(panel(
                        panel,
                        (panel.title().isEmpty() ? "" : panel.title() + " · ") + "download CPU",
                        "µs per download",
                        p -> p.cpu()));
            }
        }
        int columns = panels.hasCpu() ? 2 : Math.min(3, charts.size());
        int rows = (charts.size() + columns - 1) / columns;
        var image = new BufferedImage(columns * PANEL_WIDTH, rows * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        var graphics = image.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int i = 0; i < charts.size(); i++) {
            graphics.drawImage(
                    BitmapEncoder.getBufferedImage(charts.get(i)),
                    (i % columns) * PANEL_WIDTH,
                    (i / columns) * PANEL_HEIGHT,
                    null);
        }
        graphics.dispose();
        return save(image, file);
    }

    private static final int PANEL_WIDTH = 720;
    private static final int PANEL_HEIGHT = 420;

    /** Clients told apart, in the order of their first appearance. */
    private static final Color[] SERIES_COLORS = {
        new Color(0x1f5fa8), new Color(0xd9822b), new Color(0x2e8b57), new Color(0xc0392b),
        new Color(0x7d3c98), new Color(0x8c6d31), new Color(0x17a2b8), new Color(0x555555)
    };

    /**
     * One panel: each strategy a place on the axis, each client a point beside the others there with its interval, on an
     * axis fitted to the intervals rather than started at zero. XChart draws symmetric error bars: each is the interval's
     * larger half around the mean.
     */
    private static CategoryChart panel(
            RunPanels.Panel panel,
            String title,
            String unit,
            java.util.function.Function<RunPanels.Point, RunPanels.Estimate> value) {
        CategoryChart chart = new CategoryChartBuilder()
                .width(PANEL_WIDTH)
                .height(PANEL_HEIGHT)
                .title(title)
                .yAxisTitle(unit + ", 95 % interval")
                .build();
        style(chart);
        var styler = chart.getStyler();
        styler.setChartTitleFont(styler.getChartTitleFont().deriveFont(12f));
        styler.setYAxisDecimalPattern("#,##0.#");
        List<String> categories = panel.categories();
        List<String> series = panel.series();
        styler.setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
        styler.setLegendVisible(series.size() > 1);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLegendFont(styler.getLegendFont().deriveFont(11f));
        styler.setXAxisLabelRotation(categories.size() > 4 ? 30 : 0);
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < series.size(); s++) {
            var means = new ArrayList<Double>();
            var halves = new ArrayList<Double>();
            for (String category : categories) {
                int which = s;
                var estimate = panel.points().stream()
                        .filter(p -> p.category().equals(category) && p.series().equals(series.get(which)))
                        .map(value)
                        .filter(RunPanels.Estimate::measured)
                        .findFirst();
                means.add(estimate.map(RunPanels.Estimate::mean).orElse(Double.NaN));
                halves.add(estimate.map(e -> finiteOrZero(Math.max(e.high() - e.mean(), e.mean() - e.low())))
                        .orElse(Double.NaN)); // XChart draws no bar for NaN, a cap at the axis for 0
                if (estimate.isPresent()) {
                    low = Math.min(low, estimate.get().mean() - halves.get(halves.size() - 1));
                    high = Math.max(high, estimate.get().mean() + halves.get(halves.size() - 1));
                }
            }
            if (means.stream().anyMatch(Double::isFinite)) {
                chart.addSeries(series.get(s).isEmpty() ? "measured" : series.get(s), categories, means, halves)
                        .setMarker(SeriesMarkers.CIRCLE)
                        .setMarkerColor(SERIES_COLORS[s % SERIES_COLORS.length]);
            }
        }
        if (Double.isFinite(low)) {
            double pad = Math.max((high - low) * 0.08, Math.abs(high) * 0.01);
            styler.setYAxisMin(Math.max(0, low - pad));
            styler.setYAxisMax(high + pad);
        } else {
            chart.addSeries(
                    "not measured",
                    categories,
                    categories.stream().map(c -> 0.0).toList());
            styler.setLegendVisible(false);
        }
        return chart;
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
