package flagbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import flagbench.catalog.Catalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DownloadCommandIT {

    @TempDir
    Path dir;

    @Test
    void everyCodeAgainstTheEmbeddedLocalServer() {
        Cli cli = Cli.run("download", "-e", "--strategy", "virtual");
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out())
                .startsWith("LOCAL site: http://127.0.0.1:")
                .contains("Searching for 676 flags: from AA to ZZ\n676 concurrent connections will be used.\n")
                .contains("--------------------\n194 flags downloaded.\n482 not found.\nElapsed time: ")
                .doesNotContain("error");
    }

    @Test
    void theErrorServerCountsErrorsAndStillAddsUpTo194() {
        Cli cli = Cli.run("download", "-s", "ERROR", "-a", "--strategy", "virtual");
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).startsWith("ERROR site: ");
        int ok = count(cli.out(), "(\\d+) flags? downloaded\\.");
        int errors = count(cli.out(), "(\\d+) errors?\\.");
        int notFound = count(cli.out(), "(\\d+) not found\\.");
        assertThat(errors).isPositive();
        assertThat(ok + errors + notFound).isEqualTo(194);
    }

    @Test
    void verboseSavesFilesEqualToTheServedBytes() throws Exception {
        Cli cli = Cli.run("download", "-v", "--dest", dir.toString(), "cn", "br", "zz", "--strategy", "async");
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out())
                .contains("Searching for 3 flags: BR, CN, ZZ\n")
                .contains("CN OK\n")
                .contains("BR OK\n")
                .contains("ZZ not found\n")
                .contains("  2 flags downloaded.\n  1 not found.\n");
        var catalog = Catalog.get();
        for (String cc : new String[] {"CN", "BR"}) {
            assertThat(Files.readAllBytes(dir.resolve(cc + ".gif")))
                    .isEqualTo(catalog.gif(catalog.find(cc).orElseThrow()));
        }
        try (var files = Files.list(dir)) {
            assertThat(files).hasSize(2);
        }
    }

    @Test
    void aStrategyRegisteredOnlyInTheTestsDownloadsToo() {
        Cli cli = Cli.run("download", "--strategy", "batches", "-m", "2", "cn", "us", "br");
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out())
                .contains("2 concurrent connections will be used.\n")
                .contains("  3 flags downloaded.\n");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "download USA | 'USA' is not a two-letter country code",
                "download -s FAST | unknown server 'FAST': use LOCAL, DELAY, ERROR or an http:// URL",
                "download -s ftp://x/flags | 'ftp://x/flags' is not an http:// URL",
                "download -s http://127.0.0.1:8001/ | a flag server's base URL ends in /flags",
                "download --timeout fast | 'fast' is not a timeout",
                "download --timeout 0 | a timeout must be at least 1ms",
                "serve --faults boom | expected one of [RESET, EMPTY, MALFORMED, GARBAGE] (case-insensitive) but was 'boom'",
                "serve --profile FAST | expected one of [LOCAL, DELAY, ERROR] (case-insensitive) but was 'FAST'",
                "compare a b --format xml | but was 'xml'",
                "bench --suite huge | no suite huge: use one of default, quick, sweep, scale, clients, protocols, network, tune",
                "tune --strategy virtual | --strategy virtual does not use maxWorkers: nothing to tune (tune ",
                "bench --results pom.xml | --results pom.xml: not a directory",
                "tune --results pom.xml | --results pom.xml: not a directory",
                "tune --budget 30s | --budget 30s: tune needs at least 45s",
                "bench --suite tune -- -f 1 | suite tune chooses its own runs and forks",
                "download --strategy quick | unknown strategy 'quick'",
                "download -l 0 | --limit must be at least 1",
                "download -m 0 | --max-req must be from 1 to 100000, got 0",
                "download -m 100001 | --max-req must be from 1 to 100000, got 100001",
                "download -s http://127.0.0.1:1/flags | cannot reach server http://127.0.0.1:1/flags",
                "download --latency -5ms | latency must not be negative",
                "download --error-rate 2 | error rate must be in 0..1",
                "download -m many | Invalid value for option '--max-req'",
                "download --bogus | Unknown option: '--bogus'",
                "serve --port 70000 | port must be in 0..65535",
                "compare src/test/resources/flagbench/report/fixture-run | compare needs at least two run folders, or one with --by PARAM",
                "compare src/test/resources/flagbench/report/fixture-run --baseline pool | --baseline goes with --by",
                "compare src/test/resources/flagbench/report/fixture-run --by strategy --baseline async | --baseline async: no row has strategy=async",
                "compare src/test/resources/flagbench/report/fixture-run --by colour | --by colour: no row has that parameter",
                "compare src/test/resources/flagbench/report/fixture-run --by latency | --by latency: the runs have one value of it only",
                "compare a b --threshold -1 | --threshold must be from 0 to 1000 (percent), got -1",
                "compare a b --threshold NaN | --threshold must be from 0 to 1000 (percent), got NaN",
                "compare a b --threshold 1e400 | --threshold must be from 0 to 1000 (percent), got Infinity",
                "download -s http://127.0.0.1:8001/flags --latency 1s | --latency shape the embedded server",
                "download -s http://127.0.0.1:8001/flags --error-rate 0.5 --seed 3 | --error-rate, --seed shape the embedded server",
                "download -s http://[::1 | is not a URL",
                "download 1 | '1' is not a two-letter country code",
                "download -l x | Invalid value for option '--limit'",
                "download --dest pom.xml cn | cannot save flags in pom.xml: it is not a directory",
                "download --latency 5s..1s | latency range must go up",
                "download --latency lognormal:1s | lognormal:MEDIAN:SIGMA",
                "download --fault-rate 0.5 --faults | Missing required parameter for option '--faults'",
                "download --error-status 200 | error status must be in 400..599",
                "download --bandwidth -1 | bandwidth must not be negative",
                "serve --bind 256.1.1.1 | --bind 256.1.1.1: unknown address",
                "serve --token short | a control token needs at least 16 characters",
                "serve --port x | Invalid value for option '--port'",
                "bench -- -p maxWorkers=0 | -p maxWorkers=0: max workers must be from 1 to 100000",
                "bench -- -p maxWorkers=10000000 | -p maxWorkers=10000000: max workers must be from 1 to 100000",
                "tune --workers 10000000,4 | --workers must each be from 1 to 100000, got [10000000, 4]",
                "tune --workers 64 | --workers 64: a curve needs at least two worker counts, e.g. --workers 64,128",
                "tune --rounds 1000000 | --rounds must be from 1 to 100, got 1000000",
                "serve --rate-limit 0.5/s | rate limit '0.5/s': use requests per second from 1 to 1000000",
                "bench -- -p downstream=rate=0.1/s | rate limit '0.1/s': use requests per second from 1",
                "download --network rtt=0ms | an rtt of 0 is loopback",
                "download --network jitter=5ms | jitter varies a round trip: give an rtt too",
                "serve --network rtt=10ms+jitter=6ms | jitter must be in 0..rtt/2",
                "tune --network delay=50ms | use loopback, or rtt=50ms+bandwidth=20mbit+jitter=5ms",
                "bench -- -p network=rtt=fast | -p network=rtt=fast: network 'rtt=fast': rtt 'fast' is not a duration such as 50ms",
                "bench -- -p network=bandwidth=20 | bandwidth '20' is not a rate such as 20mbit",
                "bench -- -p connections=always | -p connections=always: use warm, cold or closed",
                "bench -- -p strategy=pool -p connections=closed -p protocol=h2 | a connection closed after each answer is HTTP/1.1's",
                "bench -- -p strategy=pool -p transport=simulated -p network=rtt=5ms | -p transport=simulated has no server",
                "bench -- -p strategy=threads | -p strategy=threads: unknown strategy 'threads'",
                "bench -- -p codes=few | -p codes=few:",
                "bench -- -p timeout=soon | -p timeout=soon: 'soon' is not a timeout",
                "bench -- -f 0 | -f 0: at least one fork",
                "download --client curl | unknown client 'curl': use one of jdk-again, jdk, urlconnection, apache, apache-async, reactor, okhttp, jetty",
                "download --strategy async --client apache | strategy async makes async calls, which client apache does not offer",
                "download --strategy pool --client reactor | strategy pool makes blocking calls, which client reactor does not offer",
                "bench -- -p client=apache | strategy async makes async calls, which client apache does not offer",
                "bench -- -p client=curl | -p client=curl: unknown client 'curl'",
                "bench -- -p maxworkers=64 | -p maxworkers=64: no such parameter: use one of strategy, latency, maxWorkers",
                "bench -- -pmaxworkers=64 | -p maxworkers=64: no such parameter",
                "bench -- -p strategy=pool -p client=urlconnection -p connections=cold | urlconnection keeps one connection cache per JVM",
                "bench -- -f many | bad JMH option",
                "bench --server http://127.0.0.1:1/flags | --server needs --token-file FILE or $FLAGBENCH_TOKEN (or --token)",
                "bench --server http://127.0.0.1:1/flags --token-file /nonexistent/token | --token-file /nonexistent/token: cannot read it",
                "bench --server http://127.0.0.1:1/flags --token 0123456789abcdef --token-file pom.xml | --token and --token-file: give the token one way",
                "serve --token-file /nonexistent/token | --token-file /nonexistent/token: cannot read it",
                "bench --server http://127.0.0.1:1/flags --token 0123456789abcdef | flag server at http://127.0.0.1:1 unreachable",
                "bench --server http://127.0.0.1:1/ --token 0123456789abcdef | a flag server URL ends in /flags",
                "tune --within 2 src/test/resources/flagbench/report/fixture-run | --within must be in 0..1",
                "tune --workers 0,4 | --workers must each be from 1 to 100000",
                "report | Missing required parameter: 'RUN'",
                "compare src/test/resources/flagbench/report/fixture-run src/test/resources/flagbench/report/fixture-run --ignore maxWorkers | --ignore maxWorkers: rows of fixture-run that differ only in it would merge into one",
                "nosuch | Unmatched argument at index 0: 'nosuch'",
                "download --queue 5 | --queue needs --capacity",
                "tune src/test/resources/flagbench/report/fixture-run --budget 2m | --budget shape a new sweep: with RUN, tune reads the one in",
                "tune src/test/resources/flagbench/report/fixture-run --capacity 5 --forks 3 | --forks, --capacity shape a new sweep",
                "download --latency 700s | latency must be at most 10 min",
                "serve --latency 1s..3600s | latency must be at most 10 min",
                "download --capacity 5 --overload 429 | --overload needs --queue",
                "serve --capacity 0 | --capacity must be at least 1, got 0",
                "serve --capacity 5 --overload teapot | overload 'teapot': use 503, 429 or close",
                "tune --rate-limit 0/s | rate limit '0/s': use requests per second from 1 to 1000000",
                "tune --capacity 5 --queue -2 | --queue must be in 0..1000000",
                "download -s http://127.0.0.1:8001/flags --capacity 3 | --capacity shape the embedded server",
                "bench -- -p downstream=queue=5 | -p downstream=queue=5: a queue is where requests wait for the capacity",
                "bench -- -p downstream=capacity=lots | -p downstream=capacity=lots: downstream 'capacity=lots': capacity 'lots' is not a whole number",
                "compare src/test/resources/flagbench/report/fixture-run --relative nosuch | --relative nosuch: no run has a row with strategy=nosuch",
                "compare src/test/resources/flagbench/report/fixture-run --relative pool --format csv | --relative is a table of its own",
                "compare src/test/resources/flagbench/report/fixture-run --relative pool --by strategy | --relative is a table of its own",
                "compare src/test src/test | src/test: no jmh.json in it, and no run folders",
                "bench -- -p latency=11min | -p latency=11min: latency must be at most 10 min",
                "bench --repeat 0 | --repeat must be from 1 to 100, got 0",
                "bench --repeat 1000000 | --repeat must be from 1 to 100, got 1000000",
                "bench --started 2999-01-01T00:00:00Z | --started 2999-01-01T00:00:00Z: in the future",
                "tune --rounds 0 | --rounds must be from 1 to 100, got 0",
                "tune --rounds -1 | --rounds must be from 1 to 100, got -1",
                "tune --workers 4,4 | --workers 4: a curve needs at least two worker counts",
                "tune --workers 4,,8 | Invalid value for option '--workers' (W): '' is not an int",
                "bench -- -p maxWorkers=1e3 | -p maxWorkers=1e3: not a whole number",
                "bench -- -p maxWorkers=-1 | -p maxWorkers=-1: max workers must be from 1 to 100000, got -1",
                "bench -- -p latency=-1ms | -p latency=-1ms: latency must not be negative",
                "serve --rate-limit 1e9/s | rate limit '1e9/s': use requests per second from 1 to 1000000",
                "serve --network rtt=1e300ms | rtt '1e300ms' is not a duration such as 50ms",
                "tune --latency 99999999999999999999ms | latency must be at most 10 min",
                "download --latency NaNms | 'NaNms' is not a latency",
                "serve --port -1 | port must be in 0..65535, got -1",
                "bench --token-file /nonexistent/token | --token-file goes with --server",
                "bench -- -wi -1 | bad JMH option in [-wi, -1]",
                "tune --latency 0 | tune needs a latency above zero",
                "tune --within 1.5 | --within must be in 0..1, got 1.5",
                "compare src/test/resources/flagbench/report/fixture-run src/test/resources/flagbench/report/fixture-run --metric nosuch | --metric nosuch: no row has it in every run",
                "report /nonexistent/run | /nonexistent/run: no such run folder",
                "serve --error-rate -0.1 | error rate must be in 0..1, got -0.1",
                "bench --started soon | Invalid value for option '--started': 'soon' is not a moment such as 2026-12-02T14:07:29Z",
            })
    void usageErrorsAreOneLineAndExitTwo(String command, String message) {
        Cli cli = Cli.run(command.trim().split(" "));
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains(message.trim()).doesNotContain("\tat ").hasLineCount(1);
        assertThat(cli.out()).isEmpty();
    }

    /** An empty file or directory name is the working directory to the JDK: refused before any work, not written into. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "bench | --results",
                "tune | --results",
                "download | --dest",
                "compare src/test/resources/flagbench/report/fixture-run src/test/resources/flagbench/report/fixture-run | --chart",
            })
    void anEmptyFileOrDirectoryNameIsRefusedBeforeAnyWork(String command, String option) {
        var args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of(option, ""));
        Cli cli = Cli.run(args.toArray(String[]::new));
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err())
                .contains("Invalid value for option '" + option + "': an empty name: give a file or directory")
                .hasLineCount(1);
        assertThat(cli.out()).isEmpty();
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
