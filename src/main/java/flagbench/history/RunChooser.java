package flagbench.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import flagbench.report.RunPanels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the history page's run chooser draws: every run of the store, testbed by testbed, as its {@link RunPanels}, each
 * point's time and download CPU {@code [mean, low, high]} (null where not measured), and which run the page shows first
 * (the one that started last) with the number of charts it draws, which the page's count of charts includes. Immutable.
 *
 * @param runs one object a run: {@code label}, {@code cpu} (whether it has a CPU panel beside each), {@code panels}
 * @param newest the index in {@code runs} of the run shown first; -1 without runs
 * @param charts the number of charts that run draws
 */
record RunChooser(ArrayNode runs, int newest, int charts) {

    /**
     * @param byTestbed the store's runs ({@link HistoryStore#runsByTestbed})
     * @param series each testbed's rows ({@link HistoryStore#seriesByTestbed})
     */
    static RunChooser of(
            Map<String, List<HistoryStore.Run>> byTestbed,
            Map<String, Map<String, List<HistoryStore.Result>>> series,
            ObjectMapper mapper) {
        ArrayNode runs = mapper.createArrayNode();
        int newest = -1;
        String newestStarted = null;
        int charts = 0;
        for (String testbed : byTestbed.keySet()) {
            var rowsByRun = new LinkedHashMap<String, List<RunPanels.Row>>();
            byTestbed.get(testbed).forEach(run -> rowsByRun.put(run.id(), new ArrayList<>()));
            series.get(testbed)
                    .values()
                    .forEach(results ->
                            results.forEach(r -> rowsByRun.get(r.run().id()).add(r.panelRow())));
            for (HistoryStore.Run run : byTestbed.get(testbed)) {
                var panels = RunPanels.of(rowsByRun.get(run.id()));
                if (newest < 0 || run.started().compareTo(newestStarted) > 0) {
                    newest = runs.size();
                    newestStarted = run.started();
                    charts = panels.panels().size() * (panels.hasCpu() ? 2 : 1);
                }
                add(runs.addObject(), testbed, run, panels);
            }
        }
        return new RunChooser(runs, newest, charts);
    }

    /** One run as the page's script draws it: its label, whether it has CPU panels, its panels. */
    private static void add(ObjectNode json, String testbed, HistoryStore.Run run, RunPanels panels) {
        json.put("label", testbed + " · " + run.folder() + " · " + run.shortCommit())
                .put("cpu", panels.hasCpu());
        var panelsJson = json.putArray("panels");
        for (RunPanels.Panel panel : panels.panels()) {
            var p = panelsJson.addObject().put("title", panel.title());
            panel.categories().forEach(p.putArray("categories")::add);
            panel.series().forEach(p.putArray("series")::add);
            var points = p.putArray("points");
            for (RunPanels.Point point : panel.points()) {
                var q = points.addObject().put("category", point.category()).put("series", point.series());
                estimate(q, "time", point.time());
                estimate(q, "cpu", point.cpu());
            }
        }
    }

    private static void estimate(ObjectNode point, String name, RunPanels.Estimate e) {
        if (e.measured()) {
            point.putArray(name).add(e.mean()).add(finite(e.low(), e.mean())).add(finite(e.high(), e.mean()));
        } else {
            point.putNull(name);
        }
    }

    private static double finite(double value, double otherwise) {
        return Double.isFinite(value) ? value : otherwise;
    }
}
