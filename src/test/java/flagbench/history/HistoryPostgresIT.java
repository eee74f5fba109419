package flagbench.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import flagbench.results.RunFolder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same ingest and queries on a real PostgreSQL server as on the embedded store, with the same answers. */
class HistoryPostgresIT {

    @TempDir
    Path dir;

    @Test
    void postgresqlHoldsTheSameHistoryAndGivesTheSameVerdictsAsTheEmbeddedStore() throws Exception {
        // a newcomer's ./mvnw verify without PostgreSQL skips it; CI (.ci/run installs it) never does
        boolean ci = "true".equals(System.getenv("CI"));
        assumeTrue(ci || PostgresServer.installed().isPresent(), "no PostgreSQL here (apt-get install postgresql)");
        Path bin = PostgresServer.installed()
                .orElseThrow(() -> new AssertionError("no PostgreSQL: .ci/run installs Debian's postgresql"));
        List<RunFolder> runs = List.of(
                RunFolder.read(Path.of("results/20261207-201737-vm")),
                RunFolder.read(Path.of("results/20261207-215932-vm")),
                RunFolder.read(Path.of("results/20261208-024928-vm")),
                RunFolder.read(Path.of("results/20261208-030155-vm")));
        try (var server = PostgresServer.start(bin);
                var postgres = HistoryStore.open(server.url());
                var embedded = HistoryStore.open(dir.resolve("h2").toString())) {
            for (RunFolder run : runs) {
                assertThat(postgres.ingest(run)).isTrue();
                embedded.ingest(run);
            }
            assertThat(postgres.ingest(runs.get(0))).isFalse();
            assertThat(postgres.runsByTestbed()).isEqualTo(embedded.runsByTestbed());
            for (String testbed : postgres.runsByTestbed().keySet()) {
                var fromPostgres = postgres.series(testbed);
                var fromEmbedded = embedded.series(testbed);
                assertThat(fromPostgres.keySet()).isEqualTo(fromEmbedded.keySet());
                fromPostgres.forEach((key, results) -> {
                    var last = results.get(results.size() - 1);
                    var same = fromEmbedded.get(key).get(results.size() - 1);
                    assertThat(last.samples()).isDeepEqualTo(same.samples());
                    assertThat(last.cpuMicros()).isDeepEqualTo(same.cpuMicros());
                    assertThat(last.params()).isEqualTo(same.params());
                    assertThat(last.idealMillis()).isEqualTo(same.idealMillis());
                });
                String newest = postgres.runsByTestbed().get(testbed).getLast().id();
                assertThat(HistoryCheck.newest(fromPostgres, newest, 3))
                        .isEqualTo(HistoryCheck.newest(fromEmbedded, newest, 3));
            }
        }
    }
}
