package flagbench.history;

import flagbench.results.ResultRow;
import flagbench.results.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The history: run folders read into one SQL store, the embedded H2 by default (a file, nothing to install) or a
 * PostgreSQL server that a team's runners share ({@code jdbc:postgresql://…}), with the same schema, migrated by
 * Flyway, and the same queries. A run is keyed by its id: ingesting a folder again changes nothing. A run is written in
 * one transaction, so a failure leaves the store as it was. The folders stay the source of truth; the store is rebuilt
 * from them at will.
 *
 * <p>Not thread-safe: one command, one connection.
 */
public final class HistoryStore implements AutoCloseable {

    /** The embedded store unless told: under the user's home, never in a run folder or the repository. */
    public static final Path DEFAULT_FILE = Path.of(System.getProperty("user.home"), ".flagbench", "history");

    /** One run of the store: where it came from, when it started, its testbed's id and its commit. */
    public record Run(String id, String folder, String testbed, String commit, String started) {}

    /** A row of a run: its mean time and its samples, fork by fork, in ms. */
    public record Result(Run run, String rowKey, double meanMillis, double[][] samples) {}

    private final Connection connection;

    private HistoryStore(Connection connection) {
        this.connection = connection;
    }

    /**
     * Opens the store at {@code db}, a JDBC URL or a path for the embedded one (its parent made if missing), and brings
     * its schema up to date.
     */
    public static HistoryStore open(String db) {
        String url = db.startsWith("jdbc:") ? db : embeddedUrl(Path.of(db));
        try {
            Flyway.configure()
                    .dataSource(url, null, null)
                    .locations("classpath:flagbench/history/migration")
                    .loggers("slf4j")
                    .load()
                    .migrate();
        } catch (FlywayException e) { // no server there, a file another command holds, a schema not ours
            throw new IllegalArgumentException("--db " + db + ": cannot open the store ("
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")");
        }
        try {
            var connection = DriverManager.getConnection(url);
            connection.setAutoCommit(false);
            return new HistoryStore(connection);
        } catch (SQLException e) {
            throw new IllegalArgumentException("--db " + db + ": cannot open the store (" + e.getMessage() + ")");
        }
    }

    private static String embeddedUrl(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--db " + file + ": cannot make its folder (" + e.getMessage() + ")");
        }
        return "jdbc:h2:file:" + file.toAbsolutePath();
    }

    /** Reads {@code run} into the store; false when a run of that id is there already (nothing is changed). */
    public boolean ingest(RunFolder run) {
        try {
            if (runExists(run.id())) {
                return false;
            }
            var testbed = Testbed.of(run);
            try (var insert = connection.prepareStatement(
                    "INSERT INTO testbed (id, cpu_model, cores, jdk, fork_isolation) SELECT ?, ?, ?, ?, ?"
                            + " WHERE NOT EXISTS (SELECT 1 FROM testbed WHERE id = ?)")) {
                insert.setString(1, testbed.id());
                insert.setString(2, testbed.cpuModel());
                insert.setInt(3, testbed.cores());
                insert.setString(4, testbed.jdk());
                insert.setString(5, testbed.forkIsolation().name());
                insert.setString(6, testbed.id());
                insert.executeUpdate();
            }
            try (var insert = connection.prepareStatement(
                    "INSERT INTO run (id, folder, testbed_id, git_commit, started, suite) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, run.id());
                insert.setString(2, run.name());
                insert.setString(3, testbed.id());
                insert.setString(4, run.machineValue("/git/commit").orElse(null));
                insert.setString(5, run.machineValue("/start").orElse(run.name()));
                insert.setString(6, run.machineValue("/suite").orElse(null));
                insert.executeUpdate();
            }
            try (var insert = connection.prepareStatement(
                    "INSERT INTO row_result (run_id, row_key, mean_ms, forks, samples_ms) VALUES (?, ?, ?, ?, ?)")) {
                for (ResultRow row : run.rows()) {
                    insert.setString(1, run.id());
                    insert.setString(2, row.key());
                    insert.setDouble(3, row.meanMillis());
                    insert.setInt(4, row.forkMillis().length);
                    insert.setString(5, text(row.forkMillis()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
            return true;
        } catch (SQLException e) {
            rollback();
            throw new IllegalStateException("cannot write " + run.name() + " to the history: " + e.getMessage(), e);
        }
    }

    /** The testbeds with their runs, oldest first. */
    public Map<String, List<Run>> runsByTestbed() {
        var byTestbed = new LinkedHashMap<String, List<Run>>();
        query("SELECT id, folder, testbed_id, git_commit, started FROM run ORDER BY testbed_id, started, id", rs -> {
            var run = new Run(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
            byTestbed.computeIfAbsent(run.testbed(), k -> new ArrayList<>()).add(run);
        });
        return byTestbed;
    }

    /** Every result of {@code testbed}'s runs, by row key, each row's oldest first. */
    public Map<String, List<Result>> series(String testbed) {
        var byRow = new LinkedHashMap<String, List<Result>>();
        query(
                "SELECT r.id, r.folder, r.testbed_id, r.git_commit, r.started, x.row_key, x.mean_ms, x.samples_ms"
                        + " FROM row_result x JOIN run r ON r.id = x.run_id WHERE r.testbed_id = ?"
                        + " ORDER BY x.row_key, r.started, r.id",
                rs -> {
                    var run = new Run(
                            rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
                    byRow.computeIfAbsent(rs.getString(6), k -> new ArrayList<>())
                            .add(new Result(run, rs.getString(6), rs.getDouble(7), samples(rs.getString(8))));
                },
                testbed);
        return byRow;
    }

    private boolean runExists(String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM run WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, RowReader reader, String... parameters) {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the history: " + e.getMessage(), e);
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the failure that led here is the one to report
        }
    }

    /** Samples as text: a fork's values split by spaces, forks by semicolons, each value exact (Java's shortest). */
    static String text(double[][] forks) {
        return Arrays.stream(forks)
                .map(fork -> Arrays.stream(fork).mapToObj(Double::toString).collect(Collectors.joining(" ")))
                .collect(Collectors.joining(";"));
    }

    static double[][] samples(String text) {
        return Arrays.stream(text.split(";"))
                .map(fork -> Arrays.stream(fork.trim().split(" "))
                        .mapToDouble(Double::parseDouble)
                        .toArray())
                .toArray(double[][]::new);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing: nothing left to lose
        }
    }
}
