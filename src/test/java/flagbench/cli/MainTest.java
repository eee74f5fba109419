package flagbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import flagbench.results.BadRunException;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void onlyTheCodesOwnWordsForAMistakeAreUsageErrorsNotABugsNumberFormatException() {
        assertThat(Main.isUsageError(new IllegalArgumentException("--within must be in 0..1, got 2")))
                .isTrue();
        assertThat(Main.isUsageError(new BadRunException("results/x: no such run folder")))
                .isTrue();
        // subclasses from the JDK escaped a check: exit 1, "failed", not a usage line
        assertThat(Main.isUsageError(new NumberFormatException("For input string: \"x\"")))
                .isFalse();
        assertThat(Main.isUsageError(new PatternSyntaxException("Unclosed group", "(", 1)))
                .isFalse();
        assertThat(Main.isUsageError(new IllegalStateException("all 20 downloads failed")))
                .isFalse();
    }

    @Test
    void aFileFailureNamesTheFileAndTheSystemsReasonWhereJavasMessageIsThePathAlone() {
        assertThat(Main.rootCause(
                        new java.io.UncheckedIOException(new java.nio.file.AccessDeniedException("/etc/flags"))))
                .isEqualTo("/etc/flags: permission denied");
        assertThat(Main.rootCause(new java.nio.file.FileAlreadyExistsException("/etc/passwd")))
                .startsWith("/etc/passwd: already exists");
        assertThat(Main.rootCause(
                        new java.nio.file.FileSystemException("/tmp/" + "x".repeat(300), null, "File name too long")))
                .endsWith(": file name too long");
    }
}
