package flagbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The built jar, run by the machine's default Java 17 (Debian's), as a new user's {@code java -jar} would. */
class LaunchIT {

    /** On the machine's Java 17, where there is one, the jar says which Java to use in one line, exit 1. */
    @Test
    void anOldJavaRunningTheJarReadsOneLine() throws Exception {
        Path jar = Path.of("target/flagbench.jar");
        Path java17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(java17), "a Java 17");
        assertThat(jar).as("built before the integration tests").isRegularFile();
        Process process = new ProcessBuilder(java17.toString(), "-jar", jar.toString(), "--version")
                .redirectErrorStream(true)
                .start();
        String said = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(said.lines())
                .singleElement()
                .asString()
                .startsWith("flagbench: needs Java 21 or later; this is Java 17 (");
    }

    /** On Java 21+ it hands over to Main, whose exit code comes through. */
    @Test
    void aJavaNewEnoughRunsFlagbench() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process version = new ProcessBuilder(java, "-jar", "target/flagbench.jar", "--version")
                .redirectErrorStream(true)
                .start();
        assertThat(new String(version.getInputStream().readAllBytes())).startsWith("flagbench ");
        assertThat(version.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(version.exitValue()).isZero();
        Process bad = new ProcessBuilder(java, "-jar", "target/flagbench.jar", "--no-such-option")
                .redirectErrorStream(true)
                .start();
        bad.getInputStream().readAllBytes();
        assertThat(bad.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bad.exitValue()).isEqualTo(2);
    }
}
