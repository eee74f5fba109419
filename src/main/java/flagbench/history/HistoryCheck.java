package flagbench.history;

import flagbench.report.ChangePoints;
import flagbench.report.Comparison;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The newest run of a testbed judged against its history, row by row. A row's series of mean times is cut at its
 * change points ({@link ChangePoints}); the newest run is then compared with the runs since the last change before it,
 * the last stable segment, by the bootstrap and the verdict {@code compare} uses: the segment's forks, every run's, are
 * the baseline, the newest run's forks the other side. So a step the history has already taken is not held against
 * the newest run, and an A/A pair is an ordinary comparison. A row that varies by over {@link Comparison#UNSTABLE_CV}
 * is not judged, as {@code compare} does not judge it without its noise measured. Stateless.
 */
public final class HistoryCheck {

    /** One row of the newest run: its change against the segment, the verdict, the change points of its series. */
    public record Judged(String rowKey, int segmentRuns, Comparison.Change judgement, List<String> changedAt) {}

    private HistoryCheck() {}

    /**
     * Judges the newest run of {@code series} (one testbed's rows, oldest first); rows the newest run lacks, and rows
     * with no run before it, are left out.
     *
     * @param newest the id of the testbed's newest run
     * @param threshold the least change, in percent, that counts (as compare's)
     */
    public static List<Judged> newest(Map<String, List<HistoryStore.Result>> series, String newest, double threshold) {
        var judged = new ArrayList<Judged>();
        series.forEach((key, results) -> {
            int last = results.size() - 1;
            if (last < 1 || !results.get(last).run().id().equals(newest)) {
                return;
            }
            double[] means = results.stream()
                    .mapToDouble(HistoryStore.Result::meanMillis)
                    .toArray();
            List<Integer> cuts = ChangePoints.of(means, key);
            int from = cuts.stream()
                    .filter(c -> c < last)
                    .mapToInt(Integer::intValue)
                    .max()
                    .orElse(0);
            double[][] base = results.subList(from, last).stream()
                    .flatMap(r -> Arrays.stream(r.samples()))
                    .toArray(double[][]::new);
            var judgement = Comparison.judge(key, base, results.get(last).samples(), threshold);
            judged.add(new Judged(
                    key,
                    last - from,
                    judgement,
                    cuts.stream().map(c -> results.get(c).run().folder()).toList()));
        });
        return judged;
    }
}
