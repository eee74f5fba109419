package flagbench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForkResultsTest {

    private static byte[] serialised(Serializable object) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    /** A planted file names a class of its choosing: only JMH's results and the JDK's plain values are read. */
    @Test
    void aFileOfOtherClassesIsRefusedBeforeAnyIsMade() throws Exception {
        byte[] planted = serialised(new ArrayList<>(List.of(Duration.ofSeconds(1))));
        assertThatThrownBy(() -> ForkResults.load(new ByteArrayInputStream(planted)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not JMH run results");
    }

    @Test
    void aListOfSomethingElseIsNotResults() throws Exception {
        byte[] strings = serialised(new ArrayList<>(List.of("jmh")));
        assertThatThrownBy(() -> ForkResults.load(new ByteArrayInputStream(strings)))
                .isInstanceOf(IOException.class)
                .hasMessage("not a list of JMH run results");
    }

    @Test
    void anEmptyRunSavesAndLoads() throws Exception {
        var bytes = new ByteArrayOutputStream();
        ForkResults.save(List.of(), bytes);
        assertThat(ForkResults.load(new ByteArrayInputStream(bytes.toByteArray())))
                .isEmpty();
    }

    @Test
    void resultsLieBesideTheirJson() {
        assertThat(ForkResults.savedBeside(java.nio.file.Path.of("run", "jmh-part3.json")))
                .isEqualTo(java.nio.file.Path.of("run", "jmh-part3.json.ser"));
    }
}
