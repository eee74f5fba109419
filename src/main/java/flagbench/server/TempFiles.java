package flagbench.server;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * flagbench's temporary files (the server's key store and certificate, the bench's control token, a fork's pinning
 * recording), named
 * {@code flagbench-KIND-PID-…} after the process that made them. Each is deleted by its maker when done, and on exit; a
 * process killed outright (SIGKILL, a power cut) cannot, so every bench first removes those its own user's dead processes
 * left ({@link #removeStale}): never another user's, never a live process's.
 */
public final class TempFiles {

    private static final Pattern NAME = Pattern.compile("flagbench-(token|server|serve|pins|keystore)-(\\d+)-.*");

    private TempFiles() {}

    /** The prefix of a temporary file of this kind made by this process: {@code flagbench-token-4242-}. */
    public static String prefix(String kind) {
        return "flagbench-" + kind + "-" + ProcessHandle.current().pid() + "-";
    }

    /** A new owner-only file in the temporary directory, removed on exit as well. */
    public static Path create(String kind, String suffix) throws IOException {
        Path file = Files.createTempFile(prefix(kind), suffix);
        file.toFile().deleteOnExit();
        return file;
    }

    /** Deletes what dead processes of this user left in the temporary directory; returns how many. */
    public static int removeStale() {
        return removeStale(Path.of(System.getProperty("java.io.tmpdir")));
    }

    static int removeStale(Path dir) {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "flagbench-*")) {
            String me = System.getProperty("user.name");
            for (Path file : files) {
                Matcher m = NAME.matcher(file.getFileName().toString());
                if (m.matches()
                        && ProcessHandle.of(Long.parseLong(m.group(2))).isEmpty()
                        && Files.isRegularFile(file)
                        && Files.getOwner(file).getName().equals(me)
                        && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the temporary directory unreadable, or a name too long for a pid: nothing of ours to clean there
        }
        return removed;
    }
}
