package flagbench.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A run folder being written: {@code DIR/.<id>.partial} until {@link #commit} renames it to
 * {@code DIR/<id>}, so a folder without the dot is always a whole run. Closed without a commit,
 * it removes itself, and only itself; so it does when the process is stopped (Ctrl-C, SIGTERM)
 * before the commit. The id is {@code <UTC time>-<host>}, with {@code -2},
 * {@code -3}, … when another run of the same second has the name already.
 */
public final class NewRunFolder implements AutoCloseable {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final String PARTIAL_SUFFIX = ".partial";
    /** {@code .20261126-081803-vm.partial}, {@code .20261126-081803-vm-2.partial}: what {@link #create} names. */
    private static final Pattern OWN_PARTIAL = Pattern.compile("\\.\\d{8}-\\d{6}-[A-Za-z0-9._-]+\\.partial");

    private final Path resultsDir;
    private final String id;
    private final Path partial;
    private volatile boolean committed;
    private final Thread removeOnStop;

    private NewRunFolder(Path resultsDir, String id, Path partial) {
        this.resultsDir = resultsDir;
        this.id = id;
        this.partial = partial;
        this.removeOnStop = new Thread(
                () -> {
                    if (!committed) {
                        delete(partial);
                    }
                },
                "remove " + partial.getFileName());
        Runtime.getRuntime().addShutdownHook(removeOnStop);
    }

    /** Reserves a fresh id: creating the hidden folder is atomic, so two runs never share one. */
    public static NewRunFolder create(Path resultsDir, Instant start, String host) {
        String base = TIME.format(start) + "-" + host.replaceAll("[^A-Za-z0-9.-]", "_");
        try {
            Files.createDirectories(resultsDir);
            for (int n = 1; ; n++) {
                String id = n == 1 ? base : base + "-" + n;
                Path partial = resultsDir.resolve("." + id + PARTIAL_SUFFIX);
                try {
                    Files.createDirectory(partial);
                } catch (FileAlreadyExistsException taken) {
                    continue;
                }
                if (!Files.exists(resultsDir.resolve(id))) {
                    return new NewRunFolder(resultsDir, id, partial);
                }
                Files.delete(partial); // a finished run has the name: ours was made after it
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run folder in " + resultsDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Folders that runs of {@code user} left half-written (interrupted or killed), oldest first: never another user's,
     * which may be a bench of theirs still writing where the machine's lock could not keep them apart.
     */
    public static Stream<Path> stale(Path resultsDir, String user) {
        if (!Files.isDirectory(resultsDir)) {
            return Stream.empty();
        }
        try (Stream<Path> entries = Files.list(resultsDir)) {
            return entries
                    .filter(p -> {
                        String name = p.getFileName().toString();
                        return OWN_PARTIAL.matcher(name).matches()
                                && Files.isDirectory(p)
                                && ownedBy(p, user); // only the names a bench gives
                    })
                    .sorted()
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean ownedBy(Path path, String user) {
        try {
            return Files.getOwner(path).getName().equals(user);
        } catch (IOException | UnsupportedOperationException e) {
            return false; // whose it is cannot be told: not ours to remove
        }
    }

    public String id() {
        return id;
    }

    /** Where the files go while the run is written. */
    public Path path() {
        return partial;
    }

    /** Renames the folder to its final name and returns it. */
    public Path commit() {
        Path target = resultsDir.resolve(id);
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish run folder " + target + ": " + e.getMessage(), e);
        }
        committed = true;
        forgetShutdownHook();
        return target;
    }

    private void forgetShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(removeOnStop);
        } catch (IllegalStateException stopping) {
            // the process is stopping: the hook runs and sees what happened
        }
    }

    /** Removes the folder unless it was committed. */
    @Override
    public void close() {
        if (!committed) {
            delete(partial);
            forgetShutdownHook();
        }
    }

    /** Deletes a folder and what is in it; a failure is reported, not thrown. */
    public static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("flagbench: could not remove " + folder + ": " + e.getMessage());
        }
    }
}
