package flagbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * The wait of each download of a row, merged over all its measured operations and forks: with the
 * queue (since {@code downloadMany} began) and without it (since the download started), as
 * HdrHistograms in µs. Each fork writes its trial's histograms into the run folder's
 * {@value #FORK_DIR} folder; the launcher merges them into {@value #WAITS_JSON} by row key.
 */
public record Waits(Histogram withQueue, Histogram withoutQueue) {

    public static final String FORK_DIR = "waits";
    public static final String WAITS_JSON = "waits.json";
    /** The percentiles report.md shows. */
    public static final double[] PERCENTILES = {50, 90, 99, 100};

    private static final ObjectMapper JSON = new ObjectMapper();

    public static Waits empty() {
        return new Waits(new Histogram(3), new Histogram(3));
    }

    /** Adds another set of waits of the same row. */
    public void add(Histogram queued, Histogram own) {
        withQueue.add(queued);
        withoutQueue.add(own);
    }

    /** The p-th percentile (100: the maximum) of the waits with the queue, or without it, in ms. */
    public double percentileMillis(boolean queue, double p) {
        Histogram h = queue ? withQueue : withoutQueue;
        return h.getTotalCount() == 0 ? Double.NaN : (p >= 100 ? h.getMaxValue() : h.getValueAtPercentile(p)) / 1000.0;
    }

    /** A fork's waits of one row, as a file of its own in {@code dir} (written whole, never over another). */
    public void writeFork(Path dir, String rowKey) {
        ObjectNode node = JSON.createObjectNode().put("key", rowKey);
        node.put("withQueue", encode(withQueue)).put("withoutQueue", encode(withoutQueue));
        try {
            RunFolder.writeAtomically(dir.resolve(UUID.randomUUID() + ".json"), JSON.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Merges every fork's file in {@code dir} by row key into {@code target}, then removes {@code dir}. */
    public static void merge(Path dir, Path target) throws IOException {
        var rows = new TreeMap<String, Waits>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .toList()) {
                JsonNode node = JSON.readTree(file.toFile());
                rows.computeIfAbsent(node.path("key").asText(), k -> empty())
                        .add(
                                decode(node.path("withQueue").asText()),
                                decode(node.path("withoutQueue").asText()));
            }
        }
        if (!rows.isEmpty()) {
            ObjectNode root = JSON.createObjectNode();
            rows.forEach((key, waits) -> {
                ObjectNode row = root.putObject(key);
                row.set("withQueue", waits.summary(true));
                row.set("withoutQueue", waits.summary(false));
            });
            RunFolder.writeAtomically(
                    target, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        }
        NewRunFolder.delete(dir);
    }

    private ObjectNode summary(boolean queue) {
        Histogram h = queue ? withQueue : withoutQueue;
        ObjectNode node = JSON.createObjectNode().put("downloads", h.getTotalCount());
        for (double p : PERCENTILES) {
            node.put(p >= 100 ? "maxMs" : String.format(Locale.ROOT, "p%.0fMs", p), percentileMillis(queue, p));
        }
        return node.put("histogram", encode(h)); // the whole distribution, for other percentiles or tools
    }

    /**
     * waits.json of a run folder by row key; empty when it has none (runs made before it existed).
     *
     * @throws BadRunException naming the file, the row and the field that is not a histogram this class wrote
     */
    static Map<String, Waits> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new BadRunException(file + ": unreadable waits (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new BadRunException(file + ": not a JSON object of rows: not a waits.json that flagbench wrote");
        }
        var rows = new TreeMap<String, Waits>();
        root.fields()
                .forEachRemaining(e -> rows.put(
                        e.getKey(),
                        new Waits(
                                histogram(file, e.getKey(), e.getValue(), "withQueue"),
                                histogram(file, e.getKey(), e.getValue(), "withoutQueue"))));
        return rows;
    }

    private static Histogram histogram(Path file, String row, JsonNode waits, String field) {
        JsonNode encoded = waits.path(field).path("histogram");
        if (!encoded.isTextual()) {
            throw new BadRunException(file + ": row " + row + ": " + field + ".histogram is "
                    + (encoded.isMissingNode() ? "missing" : "not a string")
                    + ": not a waits.json that flagbench wrote");
        }
        try {
            return decode(encoded.asText());
        } catch (RuntimeException e) { // Base64's and HdrHistogram's own failures of a damaged string
            throw new BadRunException(file + ": row " + row + ": " + field + ".histogram is not an encoded histogram ("
                    + Objects.toString(e.getMessage(), e.getClass().getSimpleName()) + ")");
        }
    }

    private static String encode(Histogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }

    private static Histogram decode(String base64) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII))), 0);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
