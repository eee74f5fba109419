package flagbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenOptionsTest {

    @TempDir
    Path dir;

    @Test
    void aTokenFilesFirstLineIsTheTokenAndAnEmptyOneIsRefused() throws Exception {
        var options = new TokenOptions();
        options.file = Files.writeString(dir.resolve("token"), "  0123456789abcdef  \nsecond line\n");
        assertThat(options.token()).isEqualTo("0123456789abcdef");
        options.file = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(options::token).hasMessageEndingWith(": empty; its first line is the token");
    }

    @Test
    void theCommandLinesTokenWinsOverTheEnvironmentAndBothOptionsAreRefused() throws Exception {
        var options = new TokenOptions();
        options.inline = "fedcba9876543210";
        assertThat(options.token()).isEqualTo("fedcba9876543210");
        options.file = Files.writeString(dir.resolve("token"), "0123456789abcdef");
        assertThatThrownBy(options::token).hasMessage("--token and --token-file: give the token one way");
    }
}
