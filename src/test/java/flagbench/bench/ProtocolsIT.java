package flagbench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import flagbench.results.Counter;
import flagbench.results.ResultRow;
import flagbench.results.RunFolder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protocol parameter through the launcher, forks and all, against the TLS address of the server it starts: what
 * the server counts per operation is what each protocol must cost, and a protocol that only the tests register runs
 * like the others.
 */
class ProtocolsIT {

    @TempDir
    Path results;

    private Map<String, ResultRow> bench(String... args) throws Exception {
        Path run = BenchLauncher.run(new BenchRequest(Suite.QUICK, List.of(args), results));
        return RunFolder.read(run).rows().stream()
                .collect(Collectors.toMap(r -> r.param("protocol") + "/" + r.param("connections"), r -> r));
    }

    /** Per operation: a row's counter summed over its iterations, over the number of iterations. */
    private static double perOperation(ResultRow row, Counter counter) {
        return (double) row.sum(counter) / row.samples().length;
    }

    @Test
    void coldHttpsMakesAHandshakePerConnectionWhateverTheHttpVersionAndWarmMakesNone() throws Exception {
        var rows = bench(
                "-p",
                "strategy=virtual",
                "-p",
                "codes=pop20",
                "-p",
                "latency=20ms",
                "-p",
                "connections=warm,cold",
                "-p",
                "protocol=http,https,h2",
                "-f",
                "1",
                "-wi",
                "0",
                "-i",
                "2");
        // 20 downloads at once on a new client: 20 connections in clear and over TLS, each with its handshake
        assertThat(perOperation(rows.get("http/cold"), Counter.serverConnections))
                .isEqualTo(20);
        assertThat(perOperation(rows.get("http/cold"), Counter.tlsHandshakes)).isZero();
        assertThat(perOperation(rows.get("https/cold"), Counter.serverConnections))
                .isEqualTo(20);
        assertThat(perOperation(rows.get("https/cold"), Counter.tlsHandshakes)).isEqualTo(20);
        // java.net.http on h2, cold: 20 requests at once on a new client each start a connection before any is up
        // (measured: 20); whatever it opens, each connection has its one handshake
        assertThat(perOperation(rows.get("h2/cold"), Counter.serverConnections))
                .isBetween(1.0, 20.0)
                .isEqualTo(perOperation(rows.get("h2/cold"), Counter.tlsHandshakes));
        // warm, even without a JMH warm-up: the trial's client made its connections before the first sample
        for (String protocol : List.of("http", "https", "h2")) {
            assertThat(perOperation(rows.get(protocol + "/warm"), Counter.serverConnections))
                    .as(protocol)
                    .isZero();
            assertThat(perOperation(rows.get(protocol + "/warm"), Counter.tlsHandshakes))
                    .as(protocol)
                    .isZero();
        }
        assertThat(rows.values()).allSatisfy(row -> assertThat(row.ok()).isEqualTo(row.downloads()));
    }

    @Test
    void aProtocolOnlyTheTestsRegisterRunsOnTheClientThatSpeaksIt() throws Exception {
        var rows = bench(
                "-p",
                "client=jdk-again",
                "-p",
                "protocol=tls-again",
                "-p",
                "strategy=pool",
                "-p",
                "codes=pop20",
                "-p",
                "latency=1ms",
                "-p",
                "connections=cold",
                "-f",
                "1",
                "-wi",
                "0",
                "-i",
                "1");
        ResultRow row = rows.get("tls-again/cold");
        assertThat(row.ok()).isEqualTo(20);
        assertThat(row.sum(Counter.tlsHandshakes)).isPositive();
    }

    @Test
    void aClientWithAProtocolItDoesNotSpeakIsRefusedBeforeAnyFork() {
        assertThatThrownBy(() ->
                        bench("-p", "client=urlconnection", "-p", "protocol=h2", "-p", "strategy=pool", "-f", "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("client urlconnection does not speak h2");
        assertThat(results).isEmptyDirectory();
    }
}
