package flagbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where a command takes a flag server's control token from, for {@code serve} and {@code bench --server}: a file, the
 * environment, or the command line. A command line is readable by every user of the machine ({@code /proc/PID/cmdline},
 * {@code ps}), who could then steer a server in the middle of someone's measurement; a file (owner-only) or the environment
 * ({@code /proc/PID/environ} is the owner's) is not.
 */
final class TokenOptions {

    /** The environment variable read when neither option is given. */
    static final String ENV = "FLAGBENCH_TOKEN";

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = "A file whose first line is the control token (keep it owner-only). Without it or --token: $"
                    + ENV + ".")
    Path file;

    @Option(
            names = "--token",
            paramLabel = "TOKEN",
            description =
                    "The control token itself: every local user can read it in the process list; prefer --token-file or $"
                            + ENV + ".")
    String inline;

    /** Refuses a token option given where no server is named: it would be ignored, and the user think it was used. */
    void requireNoneWithout(String serverOption) {
        if (inline != null || file != null) {
            throw new IllegalArgumentException((file != null ? "--token-file" : "--token") + " goes with "
                    + serverOption + ": a local server makes its own token");
        }
    }

    /** The token given, or null when none was: {@code --token}, else {@code --token-file}, else {@code $FLAGBENCH_TOKEN}. */
    String token() {
        if (inline != null && file != null) {
            throw new IllegalArgumentException("--token and --token-file: give the token one way");
        }
        if (inline != null) {
            return inline;
        }
        if (file != null) {
            try {
                String token =
                        Files.readString(file).lines().findFirst().orElse("").strip();
                if (token.isEmpty()) {
                    throw new IllegalArgumentException("--token-file " + file + ": empty; its first line is the token");
                }
                return token;
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "--token-file " + file + ": cannot read it (" + e.getMessage() + ")");
            }
        }
        String env = System.getenv(ENV);
        return env == null || env.isBlank() ? null : env.strip();
    }
}
