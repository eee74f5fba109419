package flagbench.history;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for a test: Debian's (the {@code postgresql} package, which {@code .ci/run} installs where it
 * is missing), a cluster of its own made by {@code initdb} in a temporary folder, trusting local connections, listening
 * on 127.0.0.1 at a free port only. As root, PostgreSQL's tools are run as the {@code postgres} user: they refuse root.
 */
final class PostgresServer implements AutoCloseable {

    private final Path dir;
    private final Path bin;
    private final boolean asPostgres;
    final int port;

    private PostgresServer(Path dir, Path bin, boolean asPostgres, int port) {
        this.dir = dir;
        this.bin = bin;
        this.asPostgres = asPostgres;
        this.port = port;
    }

    /** Debian's newest PostgreSQL's programs, if there is one. */
    static java.util.Optional<Path> installed() {
        Path lib = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(lib)) {
            return java.util.Optional.empty();
        }
        try (Stream<Path> versions = Files.list(lib)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(java.util.Comparator.comparing(
                            p -> p.getParent().getFileName().toString()));
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Starts a cluster in a folder of its own under the system's temporary folder (as root, owned by postgres: a test's
     * own temporary folder is closed to other users), removed again by {@link #close}.
     */
    static PostgresServer start(Path bin) throws Exception {
        boolean asPostgres = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("flagbench-pg-");
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        if (asPostgres) {
            UserPrincipal postgres =
                    dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, postgres);
            Files.setOwner(data, postgres);
        }
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var server = new PostgresServer(dir, bin, asPostgres, port);
        server.run("initdb", "-D", data.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync");
        server.run(
                "pg_ctl",
                "-D",
                data.toString(),
                "-w",
                "-l",
                dir.resolve("log").toString(),
                "-o",
                "-h 127.0.0.1 -p " + port + " -k " + dir + " -F",
                "start");
        return server;
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    private void run(String program, String... args) throws Exception {
        var command = new ArrayList<String>();
        if (asPostgres) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(program + " failed: " + output.strip());
        }
    }

    @Override
    public void close() throws Exception {
        try {
            run("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(f -> f.toFile().delete());
            }
        }
    }
}
