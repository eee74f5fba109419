package flagbench.bench;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Semaphore;

/**
 * The machine's turn to measure: one benchmark at a time on the whole machine, whoever runs it, since two at once
 * would measure each other.
 *
 * <p>The lock is JMH's own, {@code java.io.tmpdir/jmh.lock}, which JMH makes writable by everyone so that every user
 * of a machine shares it: a flagbench bench therefore waits for another user's flagbench bench <em>and</em> for any
 * plain JMH run, and says so, where JMH itself would fail with its advice to ignore the lock. Holding it, flagbench
 * runs JMH with {@code jmh.ignoreLock} ({@link #ignoreJmhLock}, in this JVM and in its measuring JVMs), since JMH
 * would otherwise find the lock taken by its own caller. The holder writes who it is into the file (user, pid,
 * since when, where its results go), which a waiting bench prints.
 *
 * <p>Where the file cannot be written (a JMH older than 1.24 left it readable only, or the temporary directory is
 * read-only), flagbench says once that other users' benches are not kept apart from this one and falls back to a
 * lock of the user's own under their cache directory; if that cannot be made either, {@link #acquire} fails with one
 * line naming both. The lock is a file lock, released by the kernel when the process dies: a killed bench never
 * leaves the machine locked.
 *
 * <p>Thread safety: {@link #acquire} may be called from any thread; a second caller in the same JVM waits for the
 * first to close its turn (a file lock belongs to the JVM, not a thread, so it could not keep them apart).
 */
public final class MachineLock implements AutoCloseable {

    private static final Semaphore IN_THIS_JVM = new Semaphore(1);

    static {
        ignoreJmhLock();
    }

    private final FileChannel channel;

    /**
     * Lets a JMH runner in this JVM start while flagbench holds JMH's lock for it. JMH reads the property once, when
     * its Runner class is first used: a JVM calls this (or loads this class) before that.
     */
    static void ignoreJmhLock() {
        System.setProperty("jmh.ignoreLock", "true");
    }

    private MachineLock(FileChannel channel) {
        this.channel = channel;
    }

    /** The machine-wide lock file: JMH's. */
    static Path sharedFile() {
        return Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock");
    }

    /** The user's own lock, where the shared one cannot be written: {@code $XDG_CACHE_HOME} or {@code ~/.cache}. */
    static Path ownFile() {
        String cache = System.getenv("XDG_CACHE_HOME");
        Path dir =
                cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
        return dir.resolve("flagbench").resolve("bench.lock");
    }

    /**
     * Waits for the machine's turn, printing to {@code out} whom it waits for, and holds it until closed.
     *
     * @param resultsDir where this bench writes, for a waiting bench to read
     * @throws IOException where neither the shared lock nor the user's own can be opened (one line naming both)
     */
    public static MachineLock acquire(Path resultsDir, PrintStream out) throws IOException {
        return acquire(sharedFile(), ownFile(), resultsDir, out);
    }

    static MachineLock acquire(Path shared, Path own, Path resultsDir, PrintStream out) throws IOException {
        if (!IN_THIS_JVM.tryAcquire()) {
            out.println(WAITING + "another bench in this JVM" + FINISH);
            IN_THIS_JVM.acquireUninterruptibly();
        }
        try {
            FileChannel channel = open(shared, own, out);
            try {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    out.println(WAITING + holder(channel) + FINISH);
                    channel.lock();
                }
                String me = String.format(
                        "flagbench, user %s, pid %d, since %s, results in %s%n",
                        System.getProperty("user.name"),
                        ProcessHandle.current().pid(),
                        Instant.now().truncatedTo(ChronoUnit.SECONDS),
                        resultsDir.toAbsolutePath());
                channel.truncate(0).write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
                return new MachineLock(channel);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            IN_THIS_JVM.release();
            throw e;
        }
    }

    private static FileChannel open(Path shared, Path own, PrintStream out) throws IOException {
        try {
            return openWritable(shared, true);
        } catch (IOException sharedFailed) {
            try {
                FileChannel channel = openWritable(own, false);
                out.println("flagbench: " + shared + " cannot be written (" + reason(sharedFailed)
                        + "): benches of other users of" + " this machine are not kept apart from yours");
                return channel;
            } catch (IOException ownFailed) {
                throw new IOException(
                        "cannot take the bench lock: " + shared + ": " + reason(sharedFailed) + "; " + own + ": "
                                + reason(ownFailed),
                        ownFailed);
            }
        }
    }

    private static FileChannel openWritable(Path file, boolean everyone) throws IOException {
        Files.createDirectories(file.getParent());
        File asFile = file.toFile();
        if (asFile.createNewFile()) {
            if (everyone) {
                asFile.setWritable(
                        true, false); // as JMH does: a lock only its maker could write would fail everyone else
            } else {
                // the user's own: nobody else reads where its benches write, or takes it
                asFile.setReadable(false, false);
                asFile.setWritable(false, false);
                asFile.setReadable(true, true);
                asFile.setWritable(true, true);
            }
        }
        return FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private static String reason(IOException e) {
        String kind = e instanceof java.nio.file.AccessDeniedException
                ? "permission denied"
                : e instanceof java.nio.file.FileSystemException f && f.getReason() != null
                        ? f.getReason()
                        : e.getMessage();
        return kind == null ? e.getClass().getSimpleName() : kind;
    }

    /** What the holder wrote into the lock; a plain JMH run writes nothing. */
    private static String holder(FileChannel channel) throws IOException {
        var buffer = ByteBuffer.allocate(512);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "a JMH run" : text;
    }

    private static final String WAITING = "flagbench: another benchmark is measuring on this machine (";
    private static final String FINISH = "); waiting for it to finish (two at once would measure each other)";

    /** Gives the turn back: the lock is released, emptied, and the file stays for the next one. */
    @Override
    public void close() throws IOException {
        try (channel) {
            channel.truncate(0); // a plain JMH run that takes it next writes nothing: a waiting bench must not name us
        } finally {
            IN_THIS_JVM.release();
        }
    }
}
