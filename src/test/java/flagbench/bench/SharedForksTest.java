package flagbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import flagbench.download.Clients;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;

class SharedForksTest {

    private static List<SharedForks.Run> runs(List<SharedForks.Jvm> jvms) {
        return jvms.stream().flatMap(jvm -> jvm.runs().stream()).toList();
    }

    @Test
    void aPartsRowsAreEveryCombinationOfItsValuesWithItsCounts() {
        Options concurrent = Suite.DEFAULT.parts().get(0);
        List<SharedForks.Run> rows = SharedForks.rows(concurrent);
        int strategies = concurrent.getParameter("strategy").get().size();
        assertThat(rows).hasSize(strategies * 2);
        assertThat(rows)
                .extracting(
                        run -> run.params().get("strategy") + "/" + run.params().get("connections"))
                .doesNotHaveDuplicates();
        assertThat(rows)
                .allSatisfy(run -> assertThat(run.jmhArgs())
                        .containsSequence("-p", "latency=100ms")
                        .containsSequence("-wi", "2")
                        .containsSequence("-i", "" + Suite.DEFAULT_ITERATIONS));
        assertThat(rows).allSatisfy(run -> assertThat(run.client()).isEqualTo(Clients.DEFAULT));
    }

    @Test
    void aTurnMeasuresEveryRowOnceInOneJvmPerClient() {
        List<Options> parts = Suite.CLIENTS.parts();
        List<SharedForks.Jvm> jvms = SharedForks.turn(parts, 1, 5);
        assertThat(jvms)
                .extracting(SharedForks.Jvm::client)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(Clients.all().stream()
                        .filter(c -> c.protocols().contains("http"))
                        .map(c -> c.name())
                        .toList());
        assertThat(jvms)
                .allSatisfy(jvm -> assertThat(jvm.runs())
                        .allSatisfy(run -> assertThat(run.client()).isEqualTo(jvm.client())));
        var expected = new HashSet<List<String>>();
        parts.forEach(part -> SharedForks.rows(part).forEach(run -> expected.add(run.jmhArgs())));
        assertThat(runs(jvms))
                .extracting(SharedForks.Run::jmhArgs)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void waitingBoundRowsGoFirstAndEachBlockTurnsOnEveryTurn() {
        List<Options> parts = Suite.DEFAULT.parts();
        List<SharedForks.Run> first = runs(SharedForks.turn(parts, 1, 5));
        var starts = new HashSet<List<String>>();
        for (int turn = 1; turn <= 5; turn++) {
            List<SharedForks.Run> runs = runs(SharedForks.turn(parts, turn, 5));
            assertThat(runs).containsExactlyInAnyOrderElementsOf(first);
            // sequential at 100 ms (2,000 ms of waiting), then the concurrent rows at 100 ms (100 ms), then the 0 ms
            // rows
            assertThat(runs)
                    .extracting(SharedForks::latencyBound)
                    .isSortedAccordingTo(java.util.Comparator.reverseOrder());
            assertThat(SharedForks.latencyBound(runs.get(0))).isEqualTo(2000.0);
            assertThat(SharedForks.latencyBound(runs.get(runs.size() - 1))).isZero();
            List<SharedForks.Run> concurrent = runs.stream()
                    .filter(r -> SharedForks.latencyBound(r) == 100.0)
                    .toList();
            List<SharedForks.Run> firstConcurrent = first.stream()
                    .filter(r -> SharedForks.latencyBound(r) == 100.0)
                    .toList();
            int at = firstConcurrent.indexOf(concurrent.get(0));
            for (int i = 0; i < concurrent.size(); i++) { // a rotation of turn 1's block
                assertThat(concurrent.get(i)).isEqualTo(firstConcurrent.get((at + i) % firstConcurrent.size()));
            }
            starts.add(concurrent.get(0).jmhArgs());
        }
        assertThat(starts).hasSize(5); // each turn's block starts at another row
        // its first rows warm the JVM: no warm-up to steady state
        assertThat(SharedForks.turn(parts, 1, 5))
                .allSatisfy(jvm -> assertThat(jvm.jvmArgs()).doesNotContain(Lab.STEADY_STATE));
    }

    @Test
    void aJvmOfCpuBoundRowsOnlyWarmsUpToSteadyStateFirst() throws Exception {
        var zeroLatency = new LayeredOptions(
                new org.openjdk.jmh.runner.options.CommandLineOptions("-p", "latency=0", "-p", "codes=200"),
                Suite.QUICK.parts().get(0));
        assertThat(SharedForks.turn(List.of(zeroLatency), 1, 1))
                .singleElement()
                .satisfies(jvm -> assertThat(jvm.jvmArgs()).containsOnlyOnce(Lab.STEADY_STATE));
        assertThat(SharedForks.turn(Suite.QUICK.parts(), 1, 1))
                .singleElement() // 20 ms: its rows wait, and warm it
                .satisfies(jvm -> assertThat(jvm.jvmArgs()).doesNotContain(Lab.STEADY_STATE));
    }

    @Test
    void theConsoleNamesWhatTellsATurnsRowsApart() {
        assertThat(SharedForks.varied(SharedForks.turn(Suite.DEFAULT.parts(), 1, 5)))
                .containsExactly("strategy", "latency", "codes", "connections");
        assertThat(SharedForks.varied(SharedForks.turn(Suite.QUICK.parts(), 1, 1)))
                .containsExactly("strategy");
    }

    @Test
    void optionsThatActAsAJvmStartsNeedAJvmPerFork() throws Exception {
        assertThat(SharedForks.whyNotShared(
                        new CommandLineOptions("-p", "strategy=pool", "-f", "2", "-wi", "1", "-i", "3")))
                .isEmpty();
        assertThat(SharedForks.whyNotShared(new CommandLineOptions("-prof", "gc")))
                .contains("-prof");
        assertThat(SharedForks.whyNotShared(new CommandLineOptions("-jvmArgsAppend", "-Xmx1g")))
                .contains("JVM options");
        assertThat(SharedForks.whyNotShared(new CommandLineOptions("-bm", "avgt")))
                .isPresent();
    }
}
