package flagbench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import flagbench.download.Strategies;
import flagbench.report.Roofline;
import flagbench.results.Counter;
import flagbench.results.ForkJvms;
import flagbench.results.NewRunFolder;
import flagbench.results.ResultRow;
import flagbench.results.RunFolder;
import flagbench.server.FlagServer;
import flagbench.server.ServerConfig;
import flagbench.tune.TunePlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.RunnerException;

/** A real (small) JMH run through the launcher, forks and all, against the server it starts. */
class BenchLauncherIT {

    /** A bench as the command runs it: with its report.md. */
    private static Path bench(BenchRequest request) throws RunnerException {
        return BenchLauncher.run(request, folder -> flagbench.report.MarkdownReport.write(RunFolder.read(folder)));
    }

    private static final String ME = System.getProperty("user.name");

    @TempDir
    Path results;

    @Test
    void tuneMeasuresTheCeilingThenItsCurveInWarmJvmsIntoOneFolder() throws Exception {
        // two forks of a dense check of 2 and 8 workers: the least budget, which the first fork's warm-up may exceed
        var plan = new TunePlan(
                Strategies.named("bounded"),
                flagbench.timing.Latency.parse("20ms"),
                2,
                null,
                List.of(2, 8),
                TunePlan.MIN_BUDGET,
                0.05,
                "30s",
                2);
        Path run = bench(new BenchRequest(plan, List.of(), results));

        RunFolder folder = RunFolder.read(run);
        assertThat(folder.rows())
                .extracting(r -> r.param("latency") + "/" + r.param("maxWorkers") + "/" + r.param("codes"))
                .containsExactly(
                        "0/" + TunePlan.CEILING_WORKERS + "/" + TunePlan.CEILING_DOWNLOADS,
                        "20ms/2/2rounds",
                        "20ms/8/2rounds");
        // 2 rounds of W workers: 2 x W downloads a sample, each counted
        assertThat(folder.rows().get(2).downloads())
                .isEqualTo(2 * 8 * folder.rows().get(2).samples().length);
        assertThat(folder.rows()).allSatisfy(r -> assertThat(r.countsAddUp()).isTrue());
        // each fork warmed up to steady state once, in its first run (the ceiling), and measured its points warm
        ResultRow ceiling = folder.rows().get(0);
        assertThat(ceiling.max(Counter.warmupMillis)).isGreaterThanOrEqualTo(SteadyState.WINDOW.toMillis());
        assertThat(folder.rows().subList(1, 3))
                .allSatisfy(r -> assertThat(r.max(Counter.warmupMillis)).isZero());
        int forks = ceiling.forks().length;
        assertThat(forks).isBetween(1, 2); // the second when the budget left time for it
        assertThat(folder.rows()).allSatisfy(r -> assertThat(r.forks().length).isEqualTo(forks));
        assertThat(folder.machineText("/suite")).isEqualTo("tune");
        var tuning = flagbench.report.Tuning.of(folder, "bounded", 0.05);
        assertThat(tuning.ceiling()).isPositive();
        assertThat(tuning.points()).extracting(p -> p.rounds()).containsExactly(2, 2);
        // 8 workers move about 4 x the downloads of 2 in the same 2 rounds: far from the ceiling here; more than 4 x
        // when each call's fixed cost weighs more on 4 downloads than on 16 (4.7 seen on a slow day)
        assertThat(tuning.points().get(1).throughput() / tuning.points().get(0).throughput())
                .isBetween(2.5, 6.0);
        assertThat(Files.readString(run.resolve("report.md")))
                .contains("## tune bounded")
                .contains("X_max ≈");
        assertThat(run.resolve("workers-bounded.png")).isNotEmptyFile();
        // JMH's console went to the log, not to this one
        assertThat(Files.readString(run.resolve(BenchLauncher.JMH_LOG)))
                .contains("# Benchmark: " + DownloadBenchmark.class.getName());
    }

    @Test
    void theTuneSuiteRefusesJmhOptionsItWouldIgnore() {
        assertThatThrownBy(() -> bench(new BenchRequest(flagbench.tune.TunePlan.DEFAULTS, List.of("-f", "1"), results)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("suite tune chooses its own runs and forks");
    }

    @Test
    void cleanWaitsForTheBenchThatIsMeasuringAndLeavesItsFolderWhole() throws Exception {
        var oneRow = List.of("-p", "strategy=sequential", "-p", "codes=2", "-f", "1", "-wi", "0", "-i", "1");
        var first = new java.util.concurrent.atomic.AtomicReference<Path>();
        Thread measuring = Thread.ofPlatform().start(() -> {
            try {
                first.set(bench(new BenchRequest(Suite.QUICK, oneRow, results)));
            } catch (RunnerException e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (NewRunFolder.stale(results, ME).toList().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(NewRunFolder.stale(results, ME).toList())
                .as("the first bench's partial folder")
                .hasSize(1);
        Path interrupted = Files.createDirectories(results.resolve(".20200101-000000-old.partial"));

        var profiled = new java.util.ArrayList<>(oneRow);
        profiled.addAll(List.of("-prof", "gc"));
        Path second = bench(new BenchRequest(Suite.QUICK, profiled, null, null, results, 1, false, true, false));
        measuring.join(60_000);

        assertThat(first.get()).as("the measuring bench's run").isNotNull();
        assertThat(RunFolder.read(first.get()).rows()).hasSize(1);
        assertThat(RunFolder.read(second).rows()).hasSize(1);
        assertThat(interrupted).as("an interrupted run's folder").doesNotExist();
        // a profiler acts as a JVM starts: the second bench's fork had a JVM of its own, and machine.json says so
        assertThat(ForkJvms.of(RunFolder.read(second))).isEqualTo(ForkJvms.OWN);
        assertThat(RunFolder.read(second).machineValue(ForkJvms.SENTENCE_FIELD))
                .hasValue(ForkJvms.OWN.sentence("-prof"));
        // and its metrics pass through into jmh.json, the report and compare
        assertThat(Files.readString(second.resolve("report.md")))
                .contains("## Profiler metrics")
                .contains("gc.alloc.rate.norm");
        assertThat(RunFolder.read(second).rows())
                .allSatisfy(row -> assertThat(flagbench.report.Metric.named("gc.alloc.rate.norm")
                                .mean(row))
                        .isPositive());
    }

    @Test
    void quickSuiteWritesAWholeRunFolder() throws Exception {
        // the forks share a JVM: every strategy's row in one (a profiler would give each its own, 20 s more; the clean
        // test below checks that path)
        Path run = bench(new BenchRequest(Suite.QUICK, List.of("-f", "1", "-wi", "1", "-i", "2"), results));

        assertThat(run.getParent()).isEqualTo(results);
        assertThat(run.getFileName().toString()).matches("\\d{8}-\\d{6}-.+");
        try (Stream<Path> files = Files.list(results)) {
            assertThat(files).containsExactly(run); // no partial folder left behind
        }
        try (Stream<Path> files = Files.list(run)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            "jmh.json",
                            "forks.json",
                            "jmh.log",
                            "machine.json",
                            "report.md",
                            "strategies.png",
                            "waits.json");
        }
        assertThat(ForkJvms.of(RunFolder.read(run))).isEqualTo(ForkJvms.SHARED);
        // JMH's console went to the log: every iteration of the row is there, and the console had a line for the row
        assertThat(Files.readString(run.resolve(BenchLauncher.JMH_LOG)))
                .contains("# Benchmark: " + DownloadBenchmark.class.getName())
                .contains("Iteration   1:");

        JsonNode jmh = new ObjectMapper().readTree(run.resolve("jmh.json").toFile());
        assertThat(jmh.isArray()).isTrue();
        assertThat(jmh).hasSize(Strategies.names().size()); // every registered strategy, Batches of the tests too
        assertThat(jmh.findValuesAsText("strategy")).containsExactlyInAnyOrderElementsOf(Strategies.names());
        for (JsonNode result : jmh) {
            assertThat(result.get("mode").asText()).isEqualTo("ss");
            assertThat(result.at("/primaryMetric/rawData/0")).hasSize(2);
            assertThat(result.path("secondaryMetrics").has("peakInFlight")).isTrue();
        }

        JsonNode machine =
                new ObjectMapper().readTree(run.resolve("machine.json").toFile());
        for (String field : List.of(
                "/host",
                "/cpuModel",
                "/logicalCores",
                "/memoryBytes",
                "/os/name",
                "/os/version",
                "/jdk/vendor",
                "/jdk/version",
                "/jdk/vm",
                "/git/commit",
                "/git/dirty",
                "/suite",
                "/runnerJvmArgs",
                "/server/url",
                "/start",
                "/end",
                "/runId")) {
            assertThat(machine.at(field).isMissingNode()).as(field).isFalse();
        }
        assertThat(machine.at("/suite").asText()).isEqualTo("quick");
        assertThat(machine.at("/logicalCores").asInt())
                .isEqualTo(Runtime.getRuntime().availableProcessors());

        RunFolder folder = RunFolder.read(run);
        assertThat(folder.rows()).hasSize(Strategies.names().size());
        // the speed ruler: measured before and after each trial's samples, a few ms a sort on any machine this runs on
        var ruler = flagbench.report.SpeedRulerReading.of(folder).orElseThrow();
        assertThat(ruler.trials())
                .hasNumberOfRows(
                        Strategies.names().size() * folder.rows().get(0).forks().length);
        assertThat(ruler.meanMillis()).isBetween(0.1, 100.0);
        assertThat(Files.readString(run.resolve("report.md"))).contains("Speed ruler (a fixed sort");
        for (ResultRow row : folder.rows()) {
            assertThat(Roofline.of(folder, row).efficiency())
                    .as(row.key())
                    .isGreaterThan(0)
                    .isLessThanOrEqualTo(1.2);
            assertThat(row.countsAddUp()).as(row.key()).isTrue();
            assertThat(row.downloads()).as(row.key()).isEqualTo(20 * 2);
            assertThat(row.ok()).as(row.key()).isEqualTo(40);
            assertThat(row.peakInFlight()).as(row.key()).isBetween(1L, (long) row.concurrency());
            // the costs: the server served exactly the downloads (the control requests are not flag requests)
            assertThat(row.sum(Counter.serverRequests)).as(row.key()).isEqualTo(row.downloads());
            // process CPU time moves in the kernel's ticks (10 ms): a 40 ms iteration may read 0, so only >= here
            assertThat(flagbench.report.Metric.CLIENT_CPU.mean(row))
                    .as(row.key())
                    .isNotNegative();
            assertThat(flagbench.report.Metric.SERVER_CPU.mean(row))
                    .as(row.key())
                    .isNotNegative();
            assertThat(flagbench.report.Metric.ALLOCATED.mean(row))
                    .as(row.key())
                    .isPositive();
            assertThat(row.max(Counter.peakThreads)).as(row.key()).isPositive();
            assertThat(row.max(Counter.peakRssBytes)).as(row.key()).isPositive();
            assertThat(row.max(Counter.warmupMillis))
                    .as(row.key())
                    .isZero(); // the suites keep their fixed warm-up; only tune's forks ask for more
            // one virtual thread per download for the strategies made of them, none for the others
            long virtualPerCall = row.sum(Counter.virtualThreads) / 2;
            assertThat(virtualPerCall)
                    .as(row.key())
                    .isEqualTo(List.of("virtual", "bounded", "batches").contains(row.param("strategy")) ? 20 : 0);
            // every measured download's wait is in waits.json, merged per row
            var waits = folder.waits().get(row.key());
            assertThat(waits.withQueue().getTotalCount()).as(row.key()).isEqualTo(row.downloads());
            assertThat(waits.percentileMillis(true, 50)).as(row.key()).isGreaterThanOrEqualTo(20 * 0.9);
        }
        // over every row, the CPU is there on both sides
        assertThat(folder.rows().stream()
                        .mapToLong(r -> r.sum(Counter.clientCpuNanos))
                        .sum())
                .isPositive();
        assertThat(folder.rows().stream()
                        .mapToLong(r -> r.sum(Counter.serverCpuNanos))
                        .sum())
                .isPositive();
        String report = Files.readString(run.resolve("report.md"));
        assertThat(report).contains("## What each row cost").contains("client CPU (µs/download)");
        // a line per row in the time table, and another in the costs table
        assertThat(report.lines().filter(l -> l.startsWith("| ") && l.contains("| pop20 |")))
                .hasSize(2 * Strategies.names().size());
        // the strategy that only the tests register is benchmarked and reported like the others
        assertThat(report)
                .containsPattern(
                        "\\| batches \\| 20ms \\| 20 \\| pop20 \\| http \\| warm \\| 1 \\| [0-9.]+ \\[[0-9.]+, [0-9.]+\\] \\| 20 \\| ")
                .contains("- `batches`: (not in the book");
    }

    @Test
    void aBadParameterIsRefusedBeforeAnyForkAndLeavesNoFolder() {
        assertThatThrownBy(() -> bench(new BenchRequest(
                        Suite.QUICK,
                        List.of(
                                "-f",
                                "1",
                                "-wi",
                                "0",
                                "-i",
                                "1",
                                "-p",
                                "strategy=pool",
                                "-p",
                                "transport=carrier-pigeon"),
                        results)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-p transport=carrier-pigeon: use http or simulated");
        assertThat(results.toFile().list()).isEmpty();
    }

    @Test
    void aServerThatFailsEveryRequestFailsTheRun() {
        try (var failing = FlagServer.start(ServerConfig.local().withErrors(1.0, 503))) {
            assertThatThrownBy(() -> bench(new BenchRequest(
                            Suite.QUICK,
                            List.of("-f", "1", "-wi", "0", "-i", "1", "-p", "strategy=virtual"),
                            failing.baseUrl(),
                            failing.token(),
                            results,
                            1,
                            false,
                            false,
                            false)))
                    .isInstanceOf(RunnerException.class)
                    .satisfies(e -> assertThat(flagbench.cli.Main.rootCause(e)).contains("HTTP 503"));
        }
        assertThat(results.toFile().list()).isEmpty();
    }

    @Test
    void aRepeatedSuiteKeepsEveryForkAndWritesEachRowsSpread() throws Exception {
        Path run = bench(new BenchRequest(
                Suite.QUICK,
                List.of("-f", "1", "-wi", "1", "-i", "2", "-p", "strategy=virtual,sequential"),
                null,
                null,
                results,
                2,
                false,
                false,
                false));
        RunFolder folder = RunFolder.read(run);
        assertThat(folder.rows())
                .hasSize(2)
                .allSatisfy(row -> assertThat(row.forks()).hasNumberOfRows(2));
        assertThat(folder.noise())
                .hasSize(2)
                .allSatisfy((key, spread) -> assertThat(spread).isBetween(0.0, 100.0));
        JsonNode noise = new ObjectMapper().readTree(run.resolve("noise.json").toFile());
        assertThat(noise.at("/repetitions").asInt()).isEqualTo(2);
        // both rows' forks in one JVM per repetition
        assertThat(ForkJvms.of(RunFolder.read(run))).isEqualTo(ForkJvms.SHARED);
        assertThat(noise.at("/rows").elements().next().at("/meansMs")).hasSize(2);
        try (Stream<Path> files = Files.list(run)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            "jmh.json",
                            "forks.json",
                            "jmh.log",
                            "machine.json",
                            "noise.json",
                            "report.md",
                            "strategies.png",
                            "waits.json");
        }
        // one JMH result a row, with both repetitions' forks
        assertThat(new ObjectMapper().readTree(run.resolve("jmh.json").toFile()))
                .hasSize(2)
                .allSatisfy(result -> assertThat(result.get("forks").asInt()).isEqualTo(2));
        // the waits of both repetitions, merged per row
        assertThat(folder.rows())
                .allSatisfy(row -> assertThat(
                                folder.waits().get(row.key()).withQueue().getTotalCount())
                        .isEqualTo(row.downloads()));
    }

    @Test
    void aBadJmhOptionIsRejectedBeforeAnythingRuns() {
        assertThatThrownBy(() -> BenchRequest.userOptions(List.of("-f", "many")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad JMH option");
    }
}
