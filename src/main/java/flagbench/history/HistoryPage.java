package flagbench.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import flagbench.report.ChangePoints;
import flagbench.report.Statistics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The history as one self-contained web page: a chart per row and testbed of its mean time run after run, with the 95 %
 * interval of each, the change points marked, and the run and its commit on hover. The axis starts near the values, not
 * at zero, so that 103 ms against 108 ms shows. ECharts is inlined from its WebJar: the page fetches nothing, so it
 * opens offline, from a CI artifact or a mail. Each chart tells the page when it has rendered ({@code data-rendered} on
 * the body, beside {@code data-charts}), and any script error is kept in {@code data-errors}: what the browser test
 * reads. Stateless.
 */
public final class HistoryPage {

    private static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

    private HistoryPage() {}

    /** The page of every testbed's series in {@code store}. */
    public static String render(HistoryStore store) {
        var mapper = new ObjectMapper();
        ArrayNode charts = mapper.createArrayNode();
        var body = new StringBuilder();
        Map<String, List<HistoryStore.Run>> byTestbed = store.runsByTestbed();
        for (var testbed : byTestbed.entrySet()) {
            body.append("<h2>")
                    .append(escape(testbed.getKey()))
                    .append("</h2>\n<p>")
                    .append(testbed.getValue().size())
                    .append(" run(s)</p>\n");
            var rows = new java.util.ArrayList<>(store.series(testbed.getKey()).entrySet());
            rows.sort(java.util.Comparator.comparingInt((Map.Entry<String, List<HistoryStore.Result>> e) ->
                    -e.getValue().size())); // the longest first
            for (var row : rows) {
                List<HistoryStore.Result> results = row.getValue();
                String id = "c" + charts.size();
                body.append("<h3>")
                        .append(escape(row.getKey()))
                        .append("</h3>\n<div class=\"chart\" id=\"")
                        .append(id)
                        .append("\"></div>\n");
                var chart = charts.addObject().put("id", id);
                var points = chart.putArray("points");
                for (var result : results) {
                    var interval = Statistics.meanInterval(result.samples(), row.getKey());
                    points.addObject()
                            .put("run", result.run().folder())
                            .put(
                                    "commit",
                                    result.run().commit() == null
                                            ? "?"
                                            : result.run().commit())
                            .put("mean", result.meanMillis())
                            .put("low", interval.low())
                            .put("high", interval.high());
                }
                var changes = chart.putArray("changes");
                ChangePoints.of(
                                results.stream()
                                        .mapToDouble(HistoryStore.Result::meanMillis)
                                        .toArray(),
                                row.getKey())
                        .forEach(c -> changes.add(results.get(c).run().folder()));
            }
        }
        String data;
        try {
            data = mapper.writeValueAsString(charts).replace("</", "<\\/"); // never ends the script early
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <title>flagbench history</title>
                <style>
                body { font-family: sans-serif; margin: 2em; }
                h3 { font-size: 0.9em; font-weight: normal; font-family: monospace; }
                .chart { width: 960px; height: 300px; }
                </style>
                </head>
                <body data-charts="%d" data-rendered="0">
                <h1>flagbench history</h1>
                <p>Mean time of one operation (ms) run after run, with its 95 %% interval; a dashed line where the series
                changed (E-divisive change points). Hover for the run and its commit.</p>
                %s
                <script>%s</script>
                <script>
                const errors = [];
                const keep = message => { errors.push(String(message)); document.body.dataset.errors = errors.join(' | '); };
                window.addEventListener('error', e => keep(e.message));
                const consoleError = console.error;
                console.error = (...args) => { keep(args.join(' ')); consoleError(...args); };
                const charts = %s;
                let rendered = 0;
                for (const c of charts) {
                  const chart = echarts.init(document.getElementById(c.id), null, {renderer: 'svg'});
                  let counted = false;
                  chart.on('finished', () => {
                    if (!counted) { counted = true; rendered++; document.body.dataset.rendered = String(rendered); }
                  });
                  const runs = c.points.map(p => p.run);
                  chart.setOption({
                    animation: false,
                    grid: {left: 70, right: 20, top: 20, bottom: 40},
                    tooltip: {trigger: 'axis', formatter: ps => {
                      const p = c.points[ps[0].dataIndex];
                      return p.run + '<br>commit ' + p.commit.substring(0, 12) + '<br>'
                          + p.mean.toFixed(1) + ' ms [' + p.low.toFixed(1) + ', ' + p.high.toFixed(1) + ']';
                    }},
                    xAxis: {type: 'category', data: runs, axisLabel: {show: false}},
                    yAxis: {type: 'value', scale: true, name: 'ms'},
                    series: [
                      {name: 'low', type: 'line', data: c.points.map(p => p.low), symbol: 'none',
                       lineStyle: {width: 1, type: 'dotted', color: '#999'}},
                      {name: 'high', type: 'line', data: c.points.map(p => p.high), symbol: 'none',
                       lineStyle: {width: 1, type: 'dotted', color: '#999'}},
                      {name: 'mean', type: 'line', data: c.points.map(p => p.mean), color: '#1f5fa8',
                       markLine: {symbol: 'none', label: {show: false}, lineStyle: {type: 'dashed', color: '#c0392b'},
                                  data: c.changes.map(run => ({xAxis: run}))}}
                    ]
                  });
                }
                </script>
                </body>
                </html>
                """.formatted(charts.size(), body, echarts(), data);
    }

    private static String echarts() {
        try (InputStream in = HistoryPage.class.getResourceAsStream(ECHARTS)) {
            if (in == null) {
                throw new IllegalStateException("ECharts is missing from the classpath: " + ECHARTS);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
