package flagbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import flagbench.results.SeededForks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** How a run's rows are set out for its charts, on seeded rows whose means are known. */
class RunPanelsTest {

    private static RunPanels.Row row(String client, String strategy, String codes, int concurrency, double mean) {
        var params = new TreeMap<>(
                Map.of("client", client, "strategy", strategy, "codes", codes, "latency", "100ms", "maxWorkers", "20"));
        double[][] time = SeededForks.of(mean > 1000 ? 7 : 3, mean, 5);
        double[][] cpu = client.equals("old") ? new double[0][] : SeededForks.of(11, 300, 5);
        return new RunPanels.Row("downloadMany " + params, params, concurrency, time, cpu);
    }

    @Test
    void clientsStandSideBySideAtEachStrategyInAPanelPerScenario() {
        var rows = new ArrayList<RunPanels.Row>();
        for (String client : List.of("jdk", "okhttp")) {
            rows.add(row(client, "pool", "pop20", 20, 110));
            rows.add(row(client, "virtual", "pop20", 20, 105));
            rows.add(row(client, "pool", "1000", 20, 1100));
        }
        var panels = RunPanels.of(rows);
        assertThat(panels.panels()).extracting(RunPanels.Panel::title).containsExactly("codes=pop20", "codes=1000");
        var pop20 = panels.panels().get(0);
        assertThat(pop20.categories()).containsExactly("pool", "virtual");
        assertThat(pop20.series()).containsExactly("jdk", "okhttp");
        assertThat(pop20.points()).hasSize(4).allSatisfy(p -> {
            assertThat(p.time().low()).isLessThan(p.time().mean());
            assertThat(p.time().high()).isGreaterThan(p.time().mean());
            assertThat(p.time().mean()).isBetween(100.0, 115.0);
            assertThat(p.cpu().measured()).isTrue();
        });
        assertThat(panels.hasCpu()).isTrue();
    }

    @Test
    void oneAtATimeGetsAPanelOfItsOwnWhereItWouldFlattenTheOthers() {
        var rows = List.of(
                row("jdk", "sequential", "pop20", 1, 2050),
                row("jdk", "pool", "pop20", 20, 110),
                row("jdk", "virtual", "pop20", 20, 105));
        var panels = RunPanels.of(rows);
        // one client, one scenario: no series names, no scenario words but the split's
        assertThat(panels.panels()).extracting(RunPanels.Panel::title).containsExactly("one at a time", "");
        assertThat(panels.panels().get(0).categories()).containsExactly("sequential");
        assertThat(panels.panels().get(1).series()).containsExactly("");
        // within three times of the others, it stays beside them
        var near =
                RunPanels.of(List.of(row("jdk", "sequential", "pop20", 1, 300), row("jdk", "pool", "pop20", 20, 110)));
        assertThat(near.panels())
                .singleElement()
                .satisfies(p -> assertThat(p.categories()).containsExactly("sequential", "pool"));
    }

    @Test
    void aRunWhoseForksDidNotSplitTheCpuHasNoCpuToShow() {
        var panels =
                RunPanels.of(List.of(row("old", "pool", "pop20", 20, 110), row("old", "virtual", "pop20", 20, 105)));
        assertThat(panels.hasCpu()).isFalse();
        assertThat(panels.panels().get(0).points())
                .allSatisfy(p -> assertThat(p.cpu().measured()).isFalse());
    }
}
