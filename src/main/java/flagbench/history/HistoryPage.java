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
        var series = store.seriesByTestbed();
        for (var testbed : byTestbed.entrySet()) {
            body.append("<h2>")
                    .append(escape(testbed.getKey()))
                    .append("</h2>\n<p>")
                    .append(testbed.getValue().size())
                    .append(" run(s)</p>\n");
            var rows = new java.util.ArrayList<>(series.get(testbed.getKey()).entrySet());
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
        var chooser = RunChooser.of(byTestbed, series, mapper);
        ArrayNode runs = chooser.runs();
        int newest = chooser.newest();
        int runCharts = chooser.charts();
        String data;
        String runData;
        try {
            data = mapper.writeValueAsString(charts).replace("</", "<\\/"); // never ends the script early
            runData = mapper.writeValueAsString(runs).replace("</", "<\\/");
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
                .pair { display: flex; gap: 1em; }
                .pair .chart { width: 640px; height: 340px; }
                </style>
                </head>
                <body data-charts="%d" data-rendered="0">
                <h1>flagbench history</h1>
                <h2>One run</h2>
                <p>A run's rows, a panel per scenario: the strategies along the axis, the clients side by side at each, every
                point its mean with its 95 %% interval; time on the left, the download's CPU on the right where the run's forks
                split it. The axes fit the intervals, not zero.</p>
                <p><label for="run">Run </label><select id="run"></select></p>
                <div id="panels"></div>
                <h2>Every run</h2>
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
                const runs = %s;
                let rendered = 0;
                const drawn = (chart) => {
                  let counted = false;
                  chart.on('finished', () => {
                    if (!counted) { counted = true; rendered++; document.body.dataset.rendered = String(rendered); }
                  });
                };
                const palette = ['#1f5fa8', '#d9822b', '#2e8b57', '#c0392b', '#7d3c98', '#8c6d31', '#17a2b8', '#555555'];
                const fixed = v => v >= 100 ? v.toFixed(0) : v.toFixed(1);
                let panelCharts = [];
                const panel = (element, p, pick, unit) => {
                  const chart = echarts.init(element, null, {renderer: 'svg'});
                  drawn(chart);
                  panelCharts.push(chart);
                  const n = p.series.length;
                  chart.setOption({
                    animation: false,
                    color: palette,
                    title: {text: (p.title ? p.title + (pick === 'cpu' ? ' · ' : '') : '') + (pick === 'cpu' ? 'download CPU' : ''),
                            textStyle: {fontSize: 12}},
                    legend: {show: n > 1, bottom: 0},
                    grid: {left: 70, right: 20, top: 40, bottom: n > 1 ? 70 : 50},
                    tooltip: {trigger: 'item', formatter: q => (q.seriesName === 'measured' ? '' : q.seriesName + ', ')
                        + p.categories[q.value[0]] + '<br>' + fixed(q.value[1]) + ' ' + unit
                        + ' [' + fixed(q.value[2]) + ', ' + fixed(q.value[3]) + ']'},
                    xAxis: {type: 'category', data: p.categories, axisLabel: {interval: 0, rotate: p.categories.length > 4 ? 30 : 0}},
                    yAxis: {type: 'value', scale: true, name: unit},
                    series: p.series.map((name, s) => ({
                      name: name || 'measured',
                      type: 'custom',
                      encode: {x: 0, y: [1, 2, 3]},
                      data: p.points.filter(q => q.series === name && q[pick])
                          .map(q => [p.categories.indexOf(q.category), ...q[pick]]),
                      renderItem: (params, api) => {
                        const shift = (s - (n - 1) / 2) * 0.7 / n * api.size([1, 0])[0];
                        const [x, mean] = api.coord([api.value(0), api.value(1)]);
                        const low = api.coord([api.value(0), api.value(2)])[1];
                        const high = api.coord([api.value(0), api.value(3)])[1];
                        const style = {stroke: api.visual('color'), lineWidth: 1.5};
                        return {type: 'group', children: [
                          {type: 'line', shape: {x1: x + shift, y1: low, x2: x + shift, y2: high}, style},
                          {type: 'line', shape: {x1: x + shift - 3, y1: low, x2: x + shift + 3, y2: low}, style},
                          {type: 'line', shape: {x1: x + shift - 3, y1: high, x2: x + shift + 3, y2: high}, style},
                          {type: 'circle', shape: {cx: x + shift, cy: mean, r: 3.5}, style: {fill: api.visual('color')}}
                        ]};
                      }
                    }))
                  });
                };
                const select = document.getElementById('run');
                runs.forEach((r, i) => select.add(new Option(r.label, String(i))));
                const showRun = i => {
                  panelCharts.forEach(c => c.dispose());
                  panelCharts = [];
                  const box = document.getElementById('panels');
                  box.replaceChildren();
                  for (const p of runs[i].panels) {
                    const pair = document.createElement('div');
                    pair.className = 'pair';
                    box.appendChild(pair);
                    for (const pick of runs[i].cpu ? ['time', 'cpu'] : ['time']) {
                      const element = document.createElement('div');
                      element.className = 'chart';
                      pair.appendChild(element);
                      panel(element, p, pick, pick === 'cpu' ? 'µs per download' : 'ms per call');
                    }
                  }
                };
                const newest = %d;
                if (newest >= 0) {
                  select.value = String(newest);
                  showRun(newest);
                }
                select.addEventListener('change', () => showRun(Number(select.value)));
                for (const c of charts) {
                  const chart = echarts.init(document.getElementById(c.id), null, {renderer: 'svg'});
                  drawn(chart);
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
                """.formatted(charts.size() + runCharts, body, echarts(), data, runData, newest);
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
