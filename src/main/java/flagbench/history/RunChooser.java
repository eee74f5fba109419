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
 * @param runs one object a run: {@code label}, {@code started}, {@code cpu} (whether it has a CPU panel beside each),
 *     {@code charts}, {@code panels}
 * @param newest the index in {@code runs} of the run shown first; -1 without runs
 * @param charts the number of charts that run draws
 */
record RunChooser(ArrayNode runs, int newest, int charts) {

    static RunChooser of(HistoryStore store, Map<String, List<HistoryStore.Run>> byTestbed, ObjectMapper mapper) {
        ArrayNode runs = runs(store, byTestbed, mapper);
        int newest = newest(runs);
        return new RunChooser(
                runs, newest, newest < 0 ? 0 : runs.get(newest).path("charts").asInt());
    }

    /**
     * Every run's panels ({@link RunPanels}), testbed by testbed and the newest last: what the page's run chooser
     * draws. Each point's time and download CPU as {@code [mean, low, high]}, null where not measured; {@code charts}
     * the number of charts the run draws.
     */
    private static ArrayNode runs(
            HistoryStore store, Map<String, List<HistoryStore.Run>> byTestbed, ObjectMapper mapper) {
        ArrayNode runs = mapper.createArrayNode();
        for (String testbed : byTestbed.keySet()) {
            var rowsByRun = new LinkedHashMap<String, List<RunPanels.Row>>();
            byTestbed.get(testbed).forEach(run -> rowsByRun.put(run.id(), new ArrayList<>()));
            store.series(testbed)
                    .values()
                    .forEach(results ->
                            results.forEach(r -> rowsByRun.get(r.run().id()).add(r.panelRow())));
            for (HistoryStore.Run run : byTestbed.get(testbed)) {
                var panels = RunPanels.of(rowsByRun.get(run.id()));
                var json = runs.addObject()
                        .put(
                                "label",
                                testbed + " · " + run.folder() + " · "
                                        + (run.commit() == null
                                                ? "?"
                                                : run.commit()
                                                        .substring(
                                                                0,
                                                                Math.min(
                                                                        7,
                                                                        run.commit()
                                                                                .length()))))
                        .put("started", run.started())
                        .put("cpu", panels.hasCpu())
                        .put("charts", panels.panels().size() * (panels.hasCpu() ? 2 : 1));
                var panelsJson = json.putArray("panels");
                for (RunPanels.Panel panel : panels.panels()) {
                    var p = panelsJson.addObject().put("title", panel.title());
                    panel.categories().forEach(p.putArray("categories")::add);
                    panel.series().forEach(p.putArray("series")::add);
                    var points = p.putArray("points");
                    for (RunPanels.Point point : panel.points()) {
                        var q = points.addObject()
                                .put("category", point.category())
                                .put("series", point.series());
                        estimate(q, "time", point.time());
                        estimate(q, "cpu", point.cpu());
                    }
                }
            }
        }
        return runs;
    }

    /** The index of the run that started last, which the page shows first; -1 without runs. */
    private static int newest(ArrayNode runs) {
        int newest = -1;
        for (int i = 0; i < runs.size(); i++) {
            if (newest < 0
                    || runs.get(i)
                                    .path("started")
                                    .asText()
                                    .compareTo(runs.get(newest).path("started").asText())
                            > 0) {
                newest = i;
            }
        }
        return newest;
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
