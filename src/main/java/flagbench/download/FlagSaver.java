package flagbench.download;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Saves flags as {@code {CC}.gif} in one directory, each written whole or not at all: a hidden
 * {@code .part} file, then a rename. {@link #close} (from an interrupt's shutdown hook) removes the
 * {@code .part} files of saves still running and refuses new ones.
 */
public final class FlagSaver implements AutoCloseable {

    private static final Pattern CODE = Pattern.compile("[A-Za-z]{2}");

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
    }

    public Path save(String code, byte[] gif) throws IOException {
        if (!CODE.matcher(code).matches()) {
            // only two letters can name a file: anything else might climb out of the directory
            throw new IllegalArgumentException("refusing to save '" + code + "': not a two-letter code");
        }
        Path target = directory.resolve(code.toUpperCase(java.util.Locale.ROOT) + ".gif");
        Path temp;
        try {
            temp = Files.createTempFile(directory, "." + code, ".part");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException("cannot save in " + directory + ": permission denied");
        } catch (IOException e) {
            throw new IOException("cannot save in " + directory + ": " + e.getMessage());
        }
        writing.add(temp);
        try {
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
