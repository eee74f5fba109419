package flagbench.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ForkJvmsTest {

    private static final Path FIXTURE = Path.of("src/test/resources/flagbench/report/fixture-run");

    @TempDir
    Path dir;

    /** The value decides; a run made before it existed is read from the sentence it wrote then, and an older one had its own. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            "shared" | "a JVM per fork (-prof)"                                                     | SHARED
            "own"    | "a JVM per turn and client, its rows in an order that moves on each turn"    | OWN
            -        | "a JVM per turn and client, its rows in an order that moves on each turn"    | SHARED
            -        | "a JVM per fork (--jvm-per-fork)"                                            | OWN
            -        | -                                                                            | OWN
            """)
    void theValueDecidesAndOlderRunsReadAsTheyWereMade(String value, String sentence, ForkJvms expected)
            throws Exception {
        Files.copy(FIXTURE.resolve(RunFolder.JMH_JSON), dir.resolve(RunFolder.JMH_JSON));
        String fields = (value == null ? "" : "\"forkIsolation\": " + value + ",")
                + (sentence == null ? "" : "\"forkJvms\": " + sentence + ",");
        Files.writeString(dir.resolve(RunFolder.MACHINE_JSON), "{" + fields + "\"host\": \"vm\"}");
        assertThat(ForkJvms.of(RunFolder.read(dir))).isEqualTo(expected);
    }
}
