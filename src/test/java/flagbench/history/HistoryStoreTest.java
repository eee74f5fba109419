package flagbench.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import flagbench.report.Comparison;
import flagbench.results.Counter;
import flagbench.results.ResultRow;
import flagbench.results.RunFolder;
import flagbench.results.SeededForks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store on an embedded file, with seeded runs whose truth is known: 5 forks of 10, fork sd 1 %, sample sd 2 %. */
class HistoryStoreTest {

    @TempDir
    Path dir;

    private static double[][] forks(long seed, double mean) {
        return SeededForks.of(seed, mean, 5);
    }

    /** A run on {@code cpu} started at minute {@code minute}, its pool and virtual rows at these means. */
    private static RunFolder run(String id, String cpu, int minute, double pool, double virtual) {
        ObjectNode machine = new ObjectMapper()
                .createObjectNode()
                .put("runId", id)
                .put("cpuModel", cpu)
                .put("logicalCores", 2)
                .put("start", String.format("2026-12-08T%02d:%02d:00Z", minute / 60, minute % 60))
                .put("forkIsolation", "shared");
        machine.putObject("jdk").put("version", "25.0.3");
        machine.putObject("git").put("commit", "abcdef0123456789");
        return new RunFolder(
                Path.of(id),
                List.of(row("pool", forks(minute * 2L, pool)), row("virtual", forks(minute * 2L + 1, virtual))),
                machine);
    }

    private static ResultRow row(String strategy, double[][] forks) {
        return new ResultRow(
                "downloadMany",
                new TreeMap<>(Map.of("strategy", strategy, "latency", "100ms", "codes", "pop20")),
                "ms/op",
                forks,
                20,
                0,
                0,
                20,
                20);
    }

    @Test
    void aRunIsReadOnceKeyedByItsIdAndItsSamplesComeBackExactly() {
        var a = run("a", "cpu", 0, 110, 105);
        try (var store = HistoryStore.open(dir.resolve("h").toString())) {
            assertThat(store.ingest(a)).isTrue();
            assertThat(store.ingest(a)).isFalse(); // again: nothing changes
            assertThat(store.runsByTestbed()).containsOnlyKeys("cpu, 2 cores, JDK 25.0.3, forks shared");
            assertThat(store.runsByTestbed().get("cpu, 2 cores, JDK 25.0.3, forks shared"))
                    .extracting(HistoryStore.Run::id)
                    .containsExactly("a");
            var series = store.series("cpu, 2 cores, JDK 25.0.3, forks shared");
            assertThat(series).hasSize(2);
            assertThat(series.get(a.rows().get(0).matchKey()).get(0).samples())
                    .isDeepEqualTo(a.rows().get(0).forkMillis());
        }
        // a second command sees what the first wrote
        try (var store = HistoryStore.open(dir.resolve("h").toString())) {
            assertThat(store.ingest(a)).isFalse();
        }
    }

    @Test
    void runsOfAnotherTestbedAreASeriesOfTheirOwn() {
        try (var store = HistoryStore.open(dir.resolve("h").toString())) {
            store.ingest(run("a", "cpu", 0, 110, 105));
            store.ingest(run("b", "other cpu", 10, 90, 85));
            assertThat(store.runsByTestbed())
                    .containsOnlyKeys(
                            "cpu, 2 cores, JDK 25.0.3, forks shared", "other cpu, 2 cores, JDK 25.0.3, forks shared");
        }
    }

    @Test
    void theNewestRunIsJudgedAgainstItsTestbedsRunsSinceTheLastChange() {
        try (var store = HistoryStore.open(dir.resolve("h").toString())) {
            var runs = new ArrayList<RunFolder>();
            // ten runs at 110, then a step to 121 that the history has taken (ten runs), then the newest
            for (int i = 0; i < 20; i++) {
                runs.add(run("r" + i, "cpu", i * 10, i < 10 ? 110 : 121, 105));
            }
            runs.forEach(store::ingest);
            String testbed = "cpu, 2 cores, JDK 25.0.3, forks shared";
            // the newest like the last ten: no change, though 10 % slower than the first ten
            store.ingest(run("same", "cpu", 300, 121, 105));
            var same = HistoryCheck.newest(store.series(testbed), "same", 3);
            assertThat(same)
                    .hasSize(2)
                    .allSatisfy(j -> assertThat(j.judgement().verdict()).isEqualTo(Comparison.Verdict.SAME));
            assertThat(same.get(0).changedAt()).containsExactly("r10");
            assertThat(same.get(0).segmentRuns()).isEqualTo(10);
            // a newest 10 % slower on pool
            store.ingest(run("slow", "cpu", 310, 133, 105));
            var slow = HistoryCheck.newest(store.series(testbed), "slow", 3);
            assertThat(slow)
                    .filteredOn(j -> j.rowKey().contains("strategy=pool"))
                    .singleElement()
                    .satisfies(j -> {
                        assertThat(j.judgement().verdict()).isEqualTo(Comparison.Verdict.SLOWER);
                        assertThat(j.judgement().change()).isBetween(7.0, 13.0);
                    });
            assertThat(slow)
                    .filteredOn(j -> j.rowKey().contains("strategy=virtual"))
                    .singleElement()
                    .satisfies(j -> assertThat(j.judgement().verdict()).isEqualTo(Comparison.Verdict.SAME));
        }
    }

    /**
     * A run on {@code cpu} whose speed ruler reads {@code rulerMillis}: its pool row at 20 workers and 100 ms, a latency
     * bound of 100 ms, so that all above it is the CPU's.
     */
    private static RunFolder rulerRun(String id, String cpu, int minute, double pool, double rulerMillis) {
        var folder = run(id, cpu, minute, pool, pool);
        ((ObjectNode) folder.machine()).put("speedRuler", "a sort");
        var random = new java.util.SplittableRandom(minute);
        var rows = folder.rows().stream()
                .map(r -> {
                    var params = new TreeMap<>(r.params());
                    params.put("maxWorkers", "20");
                    var secondary = new TreeMap<>(r.secondary());
                    for (var counter : List.of(Counter.rulerBeforeNanos, Counter.rulerAfterNanos)) {
                        secondary.put(counter.name(), new double[r.forkMillis().length][]);
                        for (int f = 0; f < r.forkMillis().length; f++) {
                            secondary.get(counter.name())[f] =
                                    new double[] {rulerMillis * 1e6 * (1 + 0.01 * random.nextGaussian())};
                        }
                    }
                    return new ResultRow(r.benchmark(), params, r.unit(), r.forks(), secondary);
                })
                .toList();
        return new RunFolder(Path.of(id), rows, folder.machine());
    }

    @Test
    void acrossTestbedsTheNewestRunsAreJudgedWithTheMachineAllowedFor() {
        try (var store = HistoryStore.open(dir.resolve("h").toString())) {
            String fast = "fast cpu, 2 cores, JDK 25.0.3, forks shared";
            String slow = "slow cpu, 2 cores, JDK 25.0.3, forks shared";
            store.ingest(rulerRun("base", "fast cpu", 0, 110, 1.0));
            // the same code on a machine half as fast: its CPU part (10 ms over the bound) takes 15, its ruler 1.5 ms
            store.ingest(rulerRun("half", "slow cpu", 10, 115, 1.5));
            var allowed = HistoryCheck.across(store.series(slow), "half", store.series(fast), 3);
            assertThat(allowed)
                    .hasSize(2)
                    .allSatisfy(j -> assertThat(j.judgement().verdict()).isEqualTo(Comparison.Verdict.SAME))
                    .allSatisfy(j -> assertThat(j.judgement().change()).isBetween(-2.0, 2.0));
            // slower by as much, on a machine its ruler finds as fast: the code's
            store.ingest(rulerRun("code", "slow cpu", 20, 115, 1.0));
            assertThat(HistoryCheck.across(store.series(slow), "code", store.series(fast), 3))
                    .hasSize(2)
                    .allSatisfy(j -> assertThat(j.judgement().verdict()).isEqualTo(Comparison.Verdict.SLOWER));
            // a run without a ruler is not set against another machine at all
            store.ingest(run("plain", "slow cpu", 30, 115, 115));
            assertThat(HistoryCheck.across(store.series(slow), "plain", store.series(fast), 3))
                    .isEmpty();
        }
    }

    @Test
    void aRowComesBackWithWhatTheRunsChartsNeed() {
        try (var store = HistoryStore.open(dir.resolve("h").toString())) {
            store.ingest(rulerRun("base", "cpu", 0, 110, 1.0));
            var result = store.series("cpu, 2 cores, JDK 25.0.3, forks shared")
                    .values()
                    .iterator()
                    .next()
                    .get(0);
            assertThat(result.params()).containsEntry("maxWorkers", "20").containsEntry("latency", "100ms");
            assertThat(result.idealMillis()).isEqualTo(100.0);
            assertThat(result.cpuMicros()).isEmpty(); // no CPU split in this run
            assertThat(result.run().rulerReading())
                    .hasValueSatisfying(
                            r -> assertThat(r.meanMillis()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.02)));
        }
    }

    @Test
    void samplesAreWrittenAsTextThatReadsBackToTheSameDoubles() {
        double[][] forks = {{1.0 / 3, 2.5e-7, 123456.789}, {0.1}};
        assertThat(HistoryStore.samples(HistoryStore.text(forks))).isDeepEqualTo(forks);
    }
}
