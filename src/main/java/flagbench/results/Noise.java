package flagbench.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run-to-run spread of each row, measured by running a suite several times as separate JMH
 * runs ({@code bench --repeat K}): for each row, the mean of every repetition, and the spread
 * (largest minus smallest, in percent of their mean). {@code compare} takes a row's spread as its
 * noise threshold: a change smaller than what repeating the same run already gives is no change.
 */
public final class Noise {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Noise() {}

    /** One row's repetition means and their spread in percent. */
    public record Spread(List<Double> means, double spreadPct) {}

    /** The spread of every row that all repetitions have. */
    public static Map<String, Spread> of(List<RunFolder> repetitions) {
        var means = new LinkedHashMap<String, List<Double>>();
        for (RunFolder repetition : repetitions) {
            for (ResultRow row : repetition.rows()) {
                means.computeIfAbsent(row.key(), k -> new ArrayList<>()).add(row.meanMillis());
            }
        }
        var spreads = new LinkedHashMap<String, Spread>();
        means.forEach((key, values) -> {
            if (values.size() == repetitions.size() && values.size() >= 2) {
                double low =
                        values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                double high =
                        values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
                double mean = values.stream()
                        .mapToDouble(Double::doubleValue)
                        .average()
                        .orElseThrow();
                spreads.put(key, new Spread(List.copyOf(values), (high - low) / mean * 100));
            }
        });
        return spreads;
    }

    /** Writes {@code noise.json} as {@link RunFolder#noise()} reads it. */
    public static Path write(Map<String, Spread> spreads, int repetitions, Path folder) {
        ObjectNode root = JSON.createObjectNode();
        root.put("repetitions", repetitions);
        root.put("spread", "largest minus smallest repetition mean, in percent of their mean");
        var rows = root.putObject("rows");
        spreads.forEach((key, spread) -> {
            var node = rows.putObject(key);
            node.put("spreadPct", spread.spreadPct());
            var list = node.putArray("meansMs");
            spread.means().forEach(list::add);
        });
        try {
            return RunFolder.writeAtomically(folder.resolve(RunFolder.NOISE_JSON), JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
