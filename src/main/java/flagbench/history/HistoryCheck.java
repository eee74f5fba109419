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

    /**
     * One row of the newest run: its change against the baseline, the verdict, the change points of its series;
     * {@code since} the first run of the baseline (the segment's, or the other testbed's run it was set against).
     */
    public record Judged(
            String rowKey, int segmentRuns, String since, Comparison.Change judgement, List<String> changedAt) {}

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
                    results.get(from).run().folder(),
                    judgement,
                    cuts.stream().map(c -> results.get(c).run().folder()).toList()));
        });
        return judged;
    }

    /**
     * The newest run of one testbed against another testbed, the machine allowed for as {@code compare} allows for it
     * ({@link Comparison#judgeAcross}): each row of the newest run against that row's latest run on the other testbed,
     * where both runs measured the same speed ruler (nothing sets two machines' speeds side by side otherwise).
     *
     * @param series the testbed's rows, oldest first (its newest run's are judged)
     * @param baseSeries the other testbed's rows, oldest first
     */
    public static List<Judged> across(
            Map<String, List<HistoryStore.Result>> series,
            String newest,
            Map<String, List<HistoryStore.Result>> baseSeries,
            double threshold) {
        var pairs = new java.util.LinkedHashMap<String, HistoryStore.Result[]>();
        series.forEach((key, results) -> {
            var last = results.get(results.size() - 1);
            var base = baseSeries.getOrDefault(key, List.of());
            if (last.run().id().equals(newest) && !base.isEmpty()) {
                var baseLast = base.get(base.size() - 1);
                if (last.run().rulerReading().isPresent()
                        && baseLast.run().rulerReading().isPresent()
                        && java.util.Objects.equals(
                                last.run().rulerName(), baseLast.run().rulerName())) {
                    pairs.put(key, new HistoryStore.Result[] {baseLast, last});
                }
            }
        });
        int unstable = (int) pairs.values().stream()
                .filter(p -> Comparison.unstable(p[0].samples(), p[1].samples()))
                .count();
        var ratios = new java.util.HashMap<String, flagbench.report.SpeedRulerReading.Ratio>();
        var judged = new ArrayList<Judged>();
        pairs.forEach((key, p) -> {
            var ratio = ratios.computeIfAbsent(
                    p[0].run().id(),
                    id -> p[1].run()
                            .rulerReading()
                            .orElseThrow()
                            .ratioTo(p[0].run().rulerReading().orElseThrow()));
            judged.add(new Judged(
                    key,
                    1,
                    p[0].run().folder(),
                    Comparison.judgeAcross(
                            key, p[0].samples(), p[1].samples(), p[1].idealMillis(), ratio, threshold, unstable),
                    List.of()));
        });
        return judged;
    }
}
