package flagbench.download;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Saves flags as {@code {CC}.gif} in one directory, each written whole or not at all: a hidden
 * {@code .cc.PID.N.part} file, then a rename. {@link #close} (from an interrupt's shutdown hook) removes the
 * {@code .part} files of saves still running and refuses new ones; what a killed process could not remove,
 * the next saver in the directory does (only the files of processes no longer alive). Files are created as
 * any tool's output is, with the umask's permissions (a JDK temporary file is owner-only).
 */
public final class FlagSaver implements AutoCloseable {

    private static final Pattern CODE = Pattern.compile("[A-Za-z]{2}");
    /** A saver's temporary: the code, the saving process's pid, a count. */
    private static final Pattern PART = Pattern.compile("\\.[a-z]{2}\\.(\\d+)\\.\\d+\\.part");

    private static final long PID = ProcessHandle.current().pid();
    private static final AtomicLong COUNT = new AtomicLong();

    private final Path directory;
    private final Set<Path> writing = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** @throws IllegalArgumentException when the directory cannot be there (a file has its name, no permission) */
    public FlagSaver(Path directory) {
        try {
            this.directory = Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot save flags in " + directory + ": "
                    + (Files.exists(directory) ? "it is not a directory" : "cannot create it"));
        }
        removeDebris();
    }

    /** Removes the temporaries of savers killed before they could (SIGKILL): those of processes no longer alive. */
    private void removeDebris() {
        try (var entries = Files.newDirectoryStream(directory, ".*.part")) {
            for (Path entry : entries) {
                var m = PART.matcher(entry.getFileName().toString());
                long pid = m.matches() ? Long.parseLong(m.group(1)) : -1;
                // ours too: this saver has just started, so a file with our pid is a killed namesake's (pids are
                // reused)
                if (pid >= 0 && (pid == PID || ProcessHandle.of(pid).isEmpty())) {
                    Files.deleteIfExists(entry);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // debris stays where it cannot be listed or removed; saving will say why if it fails too
        }
    }

    public Path save(String code, byte[] gif) throws IOException {
        if (!CODE.matcher(code).matches()) {
            // only two letters can name a file: anything else might climb out of the directory
            throw new IllegalArgumentException("refusing to save '" + code + "': not a two-letter code");
        }
        Path target = directory.resolve(code.toUpperCase(Locale.ROOT) + ".gif");
        // the temporary is listed before it exists, so that a close() from now on removes it, and checked after it
        // exists, so that one created just after a close() is removed here: an interrupt leaves none behind
        Path temp = directory.resolve(
                "." + code.toLowerCase(Locale.ROOT) + "." + PID + "." + COUNT.incrementAndGet() + ".part");
        writing.add(temp);
        try {
            if (closed) {
                throw new IOException("stopped before " + target.getFileName() + " was saved");
            }
            try {
                Files.createFile(temp);
            } catch (AccessDeniedException e) {
                throw new IOException("cannot save in " + directory + ": permission denied");
            } catch (IOException e) {
                throw new IOException("cannot save in " + directory + ": " + e.getMessage());
            }
            if (closed) {
                throw new IOException("stopped before " + target.getFileName() + " was saved");
            }
            Files.write(temp, gif);
            return Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
            writing.remove(temp);
        }
    }

    /** Stops saving: removes the half-written files of saves still running; later saves fail. */
    @Override
    public void close() {
        closed = true;
        for (Path temp : writing) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // the process is stopping; the next look at the directory will show it
            }
        }
    }
}
