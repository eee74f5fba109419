package flagbench.report;

import flagbench.results.ResultRow;
import flagbench.results.RunFolder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Columns side by side, row by row: each column's mean with a 95 % interval, and each column
 * after the first against the first, as a change in percent with its interval. A column is a run
 * folder, or with {@code --by PARAM} one value of that parameter within the runs. Intervals come
 * from the two-level bootstrap of {@link Statistics}: the fork is the independent unit.
 *
 * <p>A change is flagged when its interval leaves out zero <em>and</em> it is at least the row's
 * threshold: the noise floor below which runs of the same code on the same machine differ anyway.
 */
public record Comparison(
        List<Column> columns,
        ComparisonOptions options,
        List<Row> rows,
        Map<String, String> common,
        List<String> partial,
        List<Double> geometricMeanChange,
        List<Warning> warnings,
        boolean machinesDiffer) {

    /** Seed of every bootstrap: the same input prints the same intervals. */
    static final long SEED = 20_131_010L;

    /** Fewer forks than this in a column, and no change can be established for its rows. */
    public static final int MIN_FORKS = 3;

    /**
     * Coefficients of variation above this are worth a warning (pyperf's rule of thumb), and such a
     * row's change is not judged without a measured noise floor: in A/A runs here, rows that
     * varied this much moved together by up to 25 % from one run to the next, while their forks agreed.
     */
    static final double UNSTABLE_CV = 0.10;

    /**
     * The level at which each of {@code family} rows is judged so that all of them together are wrongly flagged at most
     * {@code 1 - level} of the time (Bonferroni). Rows that vary by over {@link #UNSTABLE_CV} are judged only with the
     * machine allowed for, by their forks' interval, and nothing else stands between their noise and a flag: the default
     * suite has seven, and at 95 % each, one of seven is flagged in about a third of A/A pairs by chance alone. Held to 5 %
     * together, an A/A pair would flag none of them 19 times in 20, as far as their intervals hold their level.
     */
    static double familyLevel(double level, int family) {
        return family <= 1 ? level : 1 - (1 - level) / family;
    }

    /** One column: a run, and the value of the --by parameter when there is one. */
    public record Column(String label, RunFolder run, String byValue) {}

    public enum Verdict {
        /** Within the noise; higher than the first column (slower, for time); lower; too few forks to tell. */
        SAME("~"),
        SLOWER("slower"),
        FASTER("faster"),
        UNDECIDED("?");

        private final String word;

        Verdict(String word) {
            this.word = word;
        }

        /** The verdict's word for a metric: a time is slower or faster, a cost (CPU, bytes, threads) higher or lower. */
        public String word(Metric metric) {
            return metric == Metric.TIME || this == SAME || this == UNDECIDED
                    ? word
                    : this == SLOWER ? "higher" : "lower";
        }
    }

    /**
     * One column's figures for one row; change, interval and verdict are against the first column, as measured.
     * {@code adjusted} is the same change with the machine allowed for, when the two runs' speed rulers can be set
     * against each other (null otherwise): the change that is judged ({@link #judged}).
     */
    public record Cell(
            double mean,
            Statistics.Interval interval,
            int forks,
            double change,
            Statistics.Interval changeInterval,
            double threshold,
            Verdict verdict,
            MachineAllowance adjusted,
            double detectable) {

        /** A column that has no such row (a --by value the row was not measured with): nothing to show or judge. */
        static Cell absent(double threshold) {
            var none = new Statistics.Interval(Double.NaN, Double.NaN);
            return new Cell(Double.NaN, none, 0, Double.NaN, null, threshold, null, null, Double.NaN);
        }

        /** Whether the column has the row. */
        public boolean present() {
            return forks > 0;
        }

        /** The verdict that counts: the machine-adjusted one where there is one, else the measured one. */
        public Verdict judged() {
            return adjusted != null ? adjusted.verdict() : verdict;
        }

        /**
         * The smallest change, in percent either way, that the verdict that counts ({@link #judged}) finds four times in
         * five ({@link Statistics#minimumDetectableEffect}); NaN where there is no verdict.
         */
        public double judgedDetectable() {
            return adjusted != null ? adjusted.detectable() : verdict == Verdict.UNDECIDED ? Double.NaN : detectable;
        }

        /** The change that counts, in percent, as {@link #judged}. */
        public double judgedChange() {
            return adjusted != null ? adjusted.change() : change;
        }
    }

    public record Row(String key, String label, List<Cell> cells) {}

    public static Comparison of(List<RunFolder> runs, ComparisonOptions options) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("compare needs a run folder");
        }
        List<Column> columns = ComparisonRows.columns(runs, options);
        if (columns.size() < 2) {
            throw new IllegalArgumentException(
                    options.by() == null
                            ? "compare needs at least two run folders, or one with --by PARAM"
                            : "--by " + options.by() + ": the runs have one value of it only");
        }
        var matched = ComparisonRows.match(columns, options);
        List<Map<String, ResultRow>> byColumn = matched.byColumn();
        List<String> shared = matched.shared();
        List<String> partial = matched.partial();
        Map<String, String> common = ComparisonRows.commonParams(
                shared.stream().map(k -> byColumn.get(0).get(k)).toList(), options);
        List<Optional<SpeedRulerReading.Ratio>> rulers = columns.stream()
                .map(column -> SpeedRulerReading.ratio(columns.get(0).run(), column.run()))
                .toList();
        // per column, the keys of its family: the rows judged together against the first column (familyLevel)
        var families = new ArrayList<Set<String>>();
        for (int i = 0; i < columns.size(); i++) {
            int column = i;
            families.add(shared.stream()
                    .filter(key -> byColumn.get(column).containsKey(key)
                            && unstableUnmeasured(
                                    byColumn.get(0).get(key),
                                    byColumn.get(column).get(key),
                                    options))
                    .collect(Collectors.toSet()));
        }
        var rows = new ArrayList<Row>();
        var warnings = new ArrayList<Warning>();
        for (String key : shared) {
            // null where a column has no such row (an uneven --by)
            List<ResultRow> results = byColumn.stream().map(m -> m.get(key)).collect(Collectors.toList());
            Row row =
                    row(key, ComparisonRows.label(results.get(0), common, options), results, options, rulers, families);
            rows.add(row);
            warnings.addAll(ComparisonWarnings.forRow(row, results, columns, options.metric()));
        }
        var geomean = new ArrayList<Double>();
        for (int i = 1; i < columns.size(); i++) {
            int column = i;
            double[] ratios = rows.stream()
                    .mapToDouble(
                            r -> r.cells().get(column).mean() / r.cells().get(0).mean())
                    .filter(x -> x > 0 && Double.isFinite(x))
                    .toArray();
            geomean.add(ratios.length == 0 ? Double.NaN : (Statistics.geometricMean(ratios) - 1) * 100);
        }
        warnings.addAll(ComparisonWarnings.forComparison(rows, columns, runs, partial));
        boolean differ = warnings.stream().anyMatch(w -> w.kind() == Warning.Kind.MACHINES_DIFFER);
        return new Comparison(columns, options, rows, Map.copyOf(common), partial, geomean, warnings, differ);
    }

    /**
     * A row that varies by over {@link #UNSTABLE_CV} in either run ({@link Metric#variation}), and whose run-to-run noise
     * was not measured.
     */
    private static boolean unstableUnmeasured(ResultRow base, ResultRow other, ComparisonOptions options) {
        Metric metric = options.metric();
        return !options.noise().containsKey(base.key())
                && unstable(
                        metric, metric.samples().apply(base), metric.samples().apply(other));
    }

    /** Whether either side varies by over {@link #UNSTABLE_CV} ({@link Metric#variation}): too noisy to judge as measured. */
    private static boolean unstable(Metric metric, double[][] base, double[][] other) {
        return metric.variation(base) > UNSTABLE_CV || metric.variation(other) > UNSTABLE_CV;
    }

    private static Row row(
            String key,
            String label,
            List<ResultRow> results,
            ComparisonOptions options,
            List<Optional<SpeedRulerReading.Ratio>> rulers,
            List<Set<String>> families) {
        var random = Statistics.random(SEED, key);
        double[][] base = options.metric().samples().apply(results.get(0));
        double threshold = options.noise().getOrDefault(results.get(0).key(), options.threshold());
        var cells = new ArrayList<Cell>();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) == null) {
                cells.add(Cell.absent(threshold));
                continue;
            }
            double[][] forks = options.metric().samples().apply(results.get(i));
            double mean = Statistics.mean(forks);
            var interval = Statistics.meanInterval(forks, options.level(), random);
            if (i == 0) {
                cells.add(new Cell(mean, interval, forks.length, Double.NaN, null, threshold, null, null, Double.NaN));
                continue;
            }
            double change = (mean / Statistics.mean(base) - 1) * 100;
            var changeInterval = Statistics.changeInterval(base, forks, options.level(), random);
            Verdict verdict = verdict(change, changeInterval, threshold, Math.min(base.length, forks.length));
            boolean unstable = families.get(i).contains(key);
            if (unstable) {
                // as measured, its run-to-run spread is unknown and may be larger than any fixed floor: judge nothing.
                // With the machine allowed for (below), the part of that spread that is the machine's speed is taken
                // out by the rulers, and what is left is in the forks' interval, which is wide for such a row: judged
                // there, as one of a family whose false flags are held to 1 - level together
                verdict = Verdict.UNDECIDED;
            }
            double level =
                    unstable ? familyLevel(options.level(), families.get(i).size()) : options.level();
            MachineAllowance adjusted = rulers.get(i).isEmpty()
                    ? null
                    : MachineAllowance.of(
                            key,
                            base,
                            forks,
                            options.metric().unscaled(results.get(i)),
                            rulers.get(i).get(),
                            threshold,
                            level);
            cells.add(new Cell(
                    mean,
                    interval,
                    forks.length,
                    change,
                    changeInterval,
                    threshold,
                    verdict,
                    adjusted,
                    Statistics.minimumDetectableEffect(changeInterval, options.level(), threshold)));
        }
        return new Row(key, label, cells);
    }

    /** A change of one side against a baseline in percent, its interval and its verdict. */
    public record Change(double change, Statistics.Interval interval, Verdict verdict) {}

    /**
     * {@code other} against {@code base}, forks of time samples (ms), judged as compare judges a row as measured: the
     * bootstrap over forks then samples, seeded by {@code key}, at 95 %; no verdict ({@link Verdict#UNDECIDED}) when
     * either side varies by over {@link #UNSTABLE_CV}, its noise not measured. For history, which has no run folders.
     */
    public static Change judge(String key, double[][] base, double[][] other, double threshold) {
        double change = (Statistics.mean(other) / Statistics.mean(base) - 1) * 100;
        var interval = Statistics.changeInterval(base, other, 0.95, Statistics.random(SEED, key));
        return new Change(
                change,
                interval,
                unstable(Metric.TIME, base, other)
                        ? Verdict.UNDECIDED
                        : verdict(change, interval, threshold, Math.min(base.length, other.length)));
    }

    /**
     * {@code other} against {@code base} measured on another machine, its speed allowed for as compare allows for it
     * ({@link MachineAllowance}: the part above the latency bound scaled back by the rulers' ratio), for history across
     * testbeds. A row that varies by over {@link #UNSTABLE_CV} is judged at the level that holds {@code unstableFamily}
     * such rows' false flags to 5 % together, as compare judges them; no verdict without a latency bound.
     */
    public static Change judgeAcross(
            String key,
            double[][] base,
            double[][] other,
            double idealMillis,
            SpeedRulerReading.Ratio ruler,
            double threshold,
            int unstableFamily) {
        double level = unstable(Metric.TIME, base, other) ? familyLevel(0.95, unstableFamily) : 0.95;
        var allowed = MachineAllowance.of(key, base, other, idealMillis, ruler, threshold, level);
        if (allowed == null) {
            double change = (Statistics.mean(other) / Statistics.mean(base) - 1) * 100;
            return new Change(change, new Statistics.Interval(Double.NaN, Double.NaN), Verdict.UNDECIDED);
        }
        return new Change(allowed.change(), allowed.interval(), allowed.verdict());
    }

    /** Whether either side's time varies by over {@link #UNSTABLE_CV}: judged as measured, it gets no verdict. */
    public static boolean unstable(double[][] base, double[][] other) {
        return unstable(Metric.TIME, base, other);
    }

    /** Flagged when the interval leaves out 0 and the change is at least the threshold; ? with too few forks. */
    static Verdict verdict(double change, Statistics.Interval interval, double threshold, int fewestForks) {
        if (fewestForks < MIN_FORKS) {
            return Verdict.UNDECIDED;
        }
        if (interval.contains(0) || Math.abs(change) < threshold) {
            return Verdict.SAME;
        }
        return change > 0 ? Verdict.SLOWER : Verdict.FASTER;
    }

    /**
     * The rows flagged slower than the first column by more than {@code percent}, for a CI gate: by the change with the
     * machine allowed for where the speed rulers allow it ({@link Cell#judged}), which the line then says.
     */
    public List<String> regressions(double percent) {
        var flagged = new ArrayList<String>();
        for (Row row : rows) {
            for (int i = 1; i < row.cells().size(); i++) {
                Cell cell = row.cells().get(i);
                if (cell.judged() == Verdict.SLOWER && cell.judgedChange() > percent) {
                    Statistics.Interval interval =
                            cell.adjusted() != null ? cell.adjusted().interval() : cell.changeInterval();
                    flagged.add(String.format(
                            Locale.ROOT,
                            "%s: %s is %+.1f%% [%+.1f, %+.1f] against %s%s",
                            row.label(),
                            columns.get(i).label(),
                            cell.judgedChange(),
                            interval.low(),
                            interval.high(),
                            columns.get(0).label(),
                            cell.adjusted() == null
                                    ? ""
                                    : String.format(
                                            Locale.ROOT,
                                            " with the machine allowed for (measured %+.1f%%, speed ruler x%.3f)",
                                            cell.change(),
                                            cell.adjusted().ruler().point())));
                }
            }
        }
        return flagged;
    }

    /**
     * How many cells against the first column have no verdict ({@link Verdict#UNDECIDED}, too few forks or too noisy
     * to tell): a CI gate that passes cannot vouch for them, and says so.
     */
    public long undecided() {
        return rows.stream()
                .flatMap(row -> row.cells().stream().skip(1))
                .filter(cell -> cell.judged() == Verdict.UNDECIDED)
                .count();
    }

    /** Runs in the order given, each once (for the header). */
    public List<RunFolder> runs() {
        var runs = new ArrayList<RunFolder>();
        columns.forEach(c -> {
            if (!runs.contains(c.run())) {
                runs.add(c.run());
            }
        });
        return runs;
    }
}
