package flagbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import flagbench.download.Client;
import flagbench.download.Clients;
import flagbench.download.Protocols;
import flagbench.download.Strategies;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.Options;

class SuiteTest {

    /** A lab on the real clock that prints nowhere. */
    private abstract static class QuietLab implements Lab {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public java.io.PrintStream console() {
            return new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
        }
    }

    private static List<String> strategies(Options part) {
        return new ArrayList<>(part.getParameter("strategy").get());
    }

    @Test
    void aPartThatNamesNoStrategiesRunsEveryRegisteredOne() {
        assertThat(strategies(Suite.QUICK.parts().get(0))).containsExactlyInAnyOrderElementsOf(Strategies.names());
    }

    private static String partKey(Options part) {
        return part.getParameter("strategy").get() + " "
                + part.getParameter("latency").get() + " "
                + part.getParameter("connections").orElse(List.of());
    }

    /** A lab that records which part each fork ran, by index, with the fork count {@code forksOf} gives a part. */
    private static List<Integer> forksRun(Suite suite, java.util.function.ToIntFunction<Options> forksOf)
            throws Exception {
        List<String> parts = suite.parts().stream().map(SuiteTest::partKey).toList(); // each call builds new Options
        var ran = new ArrayList<Integer>();
        suite.measure(new QuietLab() {
            @Override
            public int forks(Options part) {
                return forksOf.applyAsInt(part);
            }

            @Override
            public void runFork(Options part) {
                ran.add(parts.indexOf(partKey(part)));
            }

            @Override
            public Jvm start(List<String> jvmArgs) {
                throw new AssertionError("a suite's forks are JMH's");
            }
        });
        return ran;
    }

    @Test
    void aSuiteTakesItsRowsForksInTurnsFirstForkOfEveryPartThenTheSecond() throws Exception {
        // the default suite: three parts of five forks each, fork 1 of every part first, and no fork more or less
        assertThat(forksRun(Suite.DEFAULT, part -> part.getForkCount().get()))
                .containsExactly(0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2);
        // a part with fewer forks drops out of the later turns
        String sequential = partKey(Suite.DEFAULT.parts().get(1));
        assertThat(forksRun(Suite.DEFAULT, part -> partKey(part).equals(sequential) ? 1 : 2))
                .containsExactly(0, 1, 2, 0, 2);
    }

    @Test
    void aSharingLabMeasuresEachTurnsRowsInItsJvmsOneForkEach() throws Exception {
        var jvms = new ArrayList<List<List<String>>>(); // per JVM started, the runs it measured
        Suite.DEFAULT.measure(new QuietLab() {
            @Override
            public int forks(Options part) {
                return part.getForkCount().get();
            }

            @Override
            public void runFork(Options part) {
                throw new AssertionError("a sharing lab's suite forks run in its JVMs");
            }

            @Override
            public boolean sharesJvms() {
                return true;
            }

            @Override
            public Jvm start(List<String> jvmArgs) {
                var runs = new ArrayList<List<String>>();
                jvms.add(runs);
                return new Jvm() {
                    @Override
                    public List<flagbench.results.ResultRow> run(List<String> jmhArgs) {
                        runs.add(jmhArgs);
                        var params = new java.util.TreeMap<String, String>();
                        params.put("strategy", "pool");
                        return List.of(new flagbench.results.ResultRow(
                                "downloadMany", params, "ms/op", new double[][] {{1, 2}}, 0, 0, 0, 0, 0));
                    }

                    @Override
                    public void close() {}
                };
            }
        });
        int rows = Suite.DEFAULT.parts().stream()
                .mapToInt(part -> SharedForks.rows(part).size())
                .sum();
        assertThat(jvms)
                .hasSize(Suite.DEFAULT_FORKS) // one JVM per turn: every row of the default suite is on one client
                .allSatisfy(runs -> assertThat(runs).hasSize(rows).doesNotHaveDuplicates());
        // what waiting bounds goes first, and warms the JVM for the rest (SharedForks.turn)
        assertThat(jvms).allSatisfy(runs -> assertThat(runs.get(0)).contains("strategy=sequential", "latency=100ms"));
    }

    @Test
    void theDefaultSuiteSplitsOneAtATimeFromConcurrentStrategiesAndRunsEachOnce() {
        List<Options> parts = Suite.DEFAULT.parts();
        assertThat(parts).hasSize(3);
        assertThat(strategies(parts.get(0)))
                .doesNotContain("sequential")
                .contains("pool", "virtual", "bounded", "async")
                .doesNotHaveDuplicates();
        assertThat(strategies(parts.get(1))).containsExactly("sequential");
        assertThat(strategies(parts.get(2))).containsExactlyInAnyOrderElementsOf(Strategies.names());
        for (Options part : parts) {
            assertThat(part.getForkCount().get()).isEqualTo(Suite.DEFAULT_FORKS);
        }
        assertThat(parts.get(0).getMeasurementIterations().get()).isEqualTo(Suite.DEFAULT_ITERATIONS);
    }

    @Test
    void theSweepKeepsItsOwnStrategies() {
        assertThat(strategies(Suite.SWEEP.parts().get(0))).containsExactly("pool", "bounded");
    }

    @Test
    void theClientsSuiteMeasuresEveryPairThatCanExistAndNoOther() {
        var measured = new java.util.HashSet<String>();
        for (Options part : Suite.CLIENTS.parts()) {
            for (String strategy : strategies(part)) {
                for (String client : part.getParameter("client").get()) {
                    BenchmarkParameters.checkCombination(java.util.Map.of(
                            "strategy", strategy, "client", client)); // throws for a pair that cannot exist
                    measured.add(strategy + "/" + client + "/"
                            + part.getParameter("codes").get());
                }
            }
        }
        var expected = new java.util.HashSet<String>();
        for (var strategy : Strategies.all()) {
            for (var client : Clients.offering(strategy.call())) {
                if (!client.protocols().contains(Protocols.DEFAULT)) {
                    continue; // the tests' client that speaks only the tests' protocol
                }
                expected.add(strategy.name() + "/" + client.name() + "/[pop20]");
                if (strategy.concurrency(2, 2) > 1) {
                    expected.add(strategy.name() + "/" + client.name() + "/[1000]");
                }
            }
        }
        assertThat(measured).isEqualTo(expected);
    }

    @Test
    void theProtocolsSuiteMeasuresEveryClientWithEveryProtocolItSpeaksWarmAndColdBlockingWhereItCan() {
        var measured = new java.util.HashSet<String>();
        var references = new java.util.HashSet<String>();
        for (Options part : Suite.PROTOCOLS.parts()) {
            for (String strategy : strategies(part)) {
                for (String client : part.getParameter("client").get()) {
                    for (String protocol : part.getParameter("protocol").get()) {
                        for (String connections :
                                part.getParameter("connections").get()) {
                            BenchmarkParameters.checkCombination(java.util.Map.of(
                                    "strategy",
                                    strategy,
                                    "client",
                                    client,
                                    "connections",
                                    connections,
                                    "protocol",
                                    protocol)); // throws for one that cannot exist
                            (strategy.equals("sequential") ? references : measured)
                                    .add(strategy + "/" + client + "/" + protocol + "/" + connections);
                        }
                    }
                }
            }
        }
        var expected = new java.util.HashSet<String>();
        for (var client : Clients.all()) {
            for (var protocol : client.protocols()) {
                for (var connections : client.startsCold() ? List.of("warm", "cold") : List.of("warm")) {
                    boolean blocks =
                            client.calls().contains(Client.Call.BLOCKING); // the book's code where the client offers it
                    for (String strategy : blocks ? List.of("bounded", "virtual") : List.of("async-limited", "async")) {
                        expected.add(strategy + "/" + client.name() + "/" + protocol + "/" + connections);
                    }
                }
            }
        }
        assertThat(measured).isEqualTo(expected);
        assertThat(references)
                .hasSize(2 * Clients.named(Clients.DEFAULT).protocols().size())
                .allMatch(r -> r.startsWith("sequential/jdk/"));
    }
}
