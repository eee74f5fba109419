package flagbench.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import flagbench.report.RunPanels;
import flagbench.report.SpeedRulerReading;
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
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
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

    /**
     * One run of the store: where it came from, when it started, its testbed's id and its commit; its speed ruler's
     * reading and which ruler it was, where it measured one (null otherwise).
     */
    public record Run(
            String id,
            String folder,
            String testbed,
            String commit,
            String started,
            String rulerName,
            double[][] ruler) {

        /** Runs are equal when every field is, the ruler's trials by value. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Run that
                    && Objects.equals(id, that.id)
                    && Objects.equals(folder, that.folder)
                    && Objects.equals(testbed, that.testbed)
                    && Objects.equals(commit, that.commit)
                    && Objects.equals(started, that.started)
                    && Objects.equals(rulerName, that.rulerName)
                    && Arrays.deepEquals(ruler, that.ruler);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, folder, testbed, commit, started, rulerName, Arrays.deepHashCode(ruler));
        }

        @Override
        public String toString() {
            return "Run[" + id + ", " + folder + ", " + testbed + ", " + commit + ", " + started + "]";
        }

        /** The commit's first seven characters, as the history names a run's commit; "?" when the run has none. */
        public String shortCommit() {
            return commit == null ? "?" : commit.substring(0, Math.min(7, commit.length()));
        }

        /** The run's ruler, where it had one. */
        public Optional<SpeedRulerReading> rulerReading() {
            return ruler == null || ruler.length == 0 ? Optional.empty() : Optional.of(new SpeedRulerReading(ruler));
        }
    }

    /**
     * A row of a run: its mean time and its samples, fork by fork, in ms; its parameters, how many downloads it ran at
     * once and its latency bound (NaN unknown); its download CPU fork by fork in µs a download (none where not split).
     */
    public record Result(
            Run run,
            String rowKey,
            double meanMillis,
            double[][] samples,
            SortedMap<String, String> params,
            int concurrency,
            double idealMillis,
            double[][] cpuMicros) {

        /** The row as the run's charts take it. */
        public RunPanels.Row panelRow() {
            return new RunPanels.Row(rowKey, params, concurrency, samples, cpuMicros);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

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
                    "INSERT INTO run (id, folder, testbed_id, git_commit, started, suite, ruler, ruler_ms)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, run.id());
                insert.setString(2, run.name());
                insert.setString(3, testbed.id());
                insert.setString(4, run.machineValue("/git/commit").orElse(null));
                insert.setString(5, run.machineValue("/start").orElse(run.name()));
                insert.setString(6, run.machineValue("/suite").orElse(null));
                var ruler = SpeedRulerReading.of(run);
                insert.setString(
                        7, ruler.flatMap(r -> run.machineValue("/speedRuler")).orElse(null));
                insert.setString(8, ruler.map(r -> text(r.trials())).orElse(null));
                insert.executeUpdate();
            }
            try (var insert = connection.prepareStatement(
                    "INSERT INTO row_result (run_id, row_key, mean_ms, forks, samples_ms, params, concurrency, ideal_ms,"
                            + " cpu_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (ResultRow row : run.rows()) {
                    var panelRow = RunPanels.Row.of(row);
                    insert.setString(1, run.id());
                    insert.setString(2, row.matchKey());
                    insert.setDouble(3, row.meanMillis());
                    insert.setInt(4, row.forkMillis().length);
                    insert.setString(5, text(row.forkMillis()));
                    insert.setString(6, JSON.writeValueAsString(panelRow.params()));
                    insert.setInt(7, panelRow.concurrency());
                    if (Double.isFinite(row.idealMillis())) {
                        insert.setDouble(8, row.idealMillis());
                    } else {
                        insert.setNull(8, java.sql.Types.DOUBLE);
                    }
                    insert.setString(9, panelRow.cpuMicros().length == 0 ? null : text(panelRow.cpuMicros()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
            return true;
        } catch (SQLException | JsonProcessingException e) {
            rollback();
            throw new IllegalStateException("cannot write " + run.name() + " to the history: " + e.getMessage(), e);
        }
    }

    /** The testbeds with their runs, oldest first. */
    public Map<String, List<Run>> runsByTestbed() {
        var byTestbed = new LinkedHashMap<String, List<Run>>();
        query("SELECT " + RUN_COLUMNS + " FROM run r ORDER BY r.testbed_id, r.started, r.id", rs -> {
            var run = run(rs);
            byTestbed.computeIfAbsent(run.testbed(), k -> new ArrayList<>()).add(run);
        });
        return byTestbed;
    }

    /** {@link #series} of every testbed, in the order of {@link #runsByTestbed}. */
    public Map<String, Map<String, List<Result>>> seriesByTestbed() {
        var byTestbed = new LinkedHashMap<String, Map<String, List<Result>>>();
        runsByTestbed().keySet().forEach(testbed -> byTestbed.put(testbed, series(testbed)));
        return byTestbed;
    }

    /** Every result of {@code testbed}'s runs, by row key, each row's oldest first. */
    public Map<String, List<Result>> series(String testbed) {
        var byRow = new LinkedHashMap<String, List<Result>>();
        query(
                "SELECT " + RUN_COLUMNS + ", x.row_key, x.mean_ms, x.samples_ms, x.params, x.concurrency, x.ideal_ms,"
                        + " x.cpu_us FROM row_result x JOIN run r ON r.id = x.run_id WHERE r.testbed_id = ?"
                        + " ORDER BY x.row_key, r.started, r.id",
                rs -> {
                    var run = run(rs);
                    String key = rs.getString(8);
                    byRow.computeIfAbsent(key, k -> new ArrayList<>())
                            .add(new Result(
                                    run,
                                    key,
                                    rs.getDouble(9),
                                    samples(rs.getString(10)),
                                    params(rs.getString(11)),
                                    rs.getInt(12),
                                    rs.getObject(13) == null ? Double.NaN : rs.getDouble(13),
                                    rs.getString(14) == null ? new double[0][] : samples(rs.getString(14))));
                },
                testbed);
        return byRow;
    }

    private static final String RUN_COLUMNS =
            "r.id, r.folder, r.testbed_id, r.git_commit, r.started, r.ruler, r.ruler_ms";

    private static Run run(ResultSet rs) throws SQLException {
        String ruler = rs.getString(7);
        return new Run(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                ruler == null ? null : samples(ruler));
    }

    /** A row's parameters as ingested; none for a row ingested before they were kept. */
    private static SortedMap<String, String> params(String json) {
        if (json == null) {
            return new TreeMap<>();
        }
        try {
            return JSON.readValue(json, new TypeReference<TreeMap<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read the history: a row's parameters are damaged: " + json, e);
        }
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
