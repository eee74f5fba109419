package flagbench.report;

import flagbench.results.RunFolder;
import java.util.List;
import java.util.Locale;

/**
 * The runs a comparison sets side by side, as its header shows them: their labels (A, B, …), a line per run (its
 * machine, speed ruler and commit), and each run's speed ruler against the first's. Stateless.
 */
final class RunLines {

    private RunLines() {}

    /**
     * Each run's speed ruler against the first's, when both have one: a machine slower or faster by more than the noise,
     * with an interval, whatever the code did. "" when no two runs have rulers.
     */
    static String rulers(List<RunFolder> runs) {
        var base = SpeedRulerReading.of(runs.get(0));
        var out = new StringBuilder();
        for (int i = 1; i < runs.size() && base.isPresent(); i++) {
            var ruler = SpeedRulerReading.of(runs.get(i));
            if (ruler.isEmpty()) {
                continue;
            }
            if (!SpeedRulerReading.sameRuler(runs.get(0), runs.get(i))) {
                out.append(String.format(
                        Locale.ROOT,
                        "- speed ruler: **%s** and **%s** not compared: their rulers were not the same"
                                + " measurement (machine.json speedRuler: %s; %s)%n",
                        label(i),
                        label(0),
                        runs.get(0).machineText("/speedRuler"),
                        runs.get(i).machineText("/speedRuler")));
                continue;
            }
            var ratio = SpeedRulerReading.ratio(runs.get(0), runs.get(i)).orElseThrow();
            var change = new Statistics.Interval((ratio.low() - 1) * 100, (ratio.high() - 1) * 100);
            double point = (ratio.point() - 1) * 100;
            String verdict = switch (SpeedRulerReading.pace(point, change)) {
                case SLOWER -> "is slower than";
                case FASTER -> "is faster than";
                case SAME, UNDECIDED -> "is as fast, within the noise, as";
            };
            out.append(String.format(
                    Locale.ROOT,
                    "- speed ruler: **%s**'s machine %s **%s**'s: %+.1f %% [%+.1f, %+.1f] (%.2f ms against %.2f ms%s)%n",
                    label(i),
                    verdict,
                    label(0),
                    point,
                    change.low(),
                    change.high(),
                    ratio.readings().millis(),
                    ratio.readings().baseMillis(),
                    ratio.readings().between() ? ", read between samples" : ""));
        }
        return out.toString();
    }

    /** A, B, …, Z, then AA, AB, … as spreadsheet columns go. */
    static String label(int i) {
        String letter = String.valueOf((char) ('A' + i % 26));
        return i < 26 ? letter : label(i / 26 - 1) + letter;
    }

    /** A line per run: its machine (host, CPU, the cores it could use, memory, JDK, OS), its speed ruler, its commit. */
    static String runLines(List<RunFolder> runs) {
        var out = new StringBuilder();
        for (int i = 0; i < runs.size(); i++) {
            RunFolder run = runs.get(i);
            String ruler = SpeedRulerReading.of(run)
                    .map(r -> String.format(
                            Locale.ROOT,
                            ", speed ruler %.2f ms [%.2f, %.2f]",
                            r.meanMillis(),
                            r.interval().low(),
                            r.interval().high()))
                    .orElse("");
            String cores = run.machineText("/logicalCores");
            out.append(String.format(
                    Locale.ROOT,
                    "- **%s** `%s`: %s: %s, %s %s, %s GiB, JDK %s (%s), %s %s%s, commit %s%n",
                    label(i),
                    run.name(),
                    run.machineText("/host"),
                    run.machineText("/cpuModel"),
                    cores,
                    cores.equals("1") ? "core" : "cores",
                    gib(run.machineText("/memoryBytes")),
                    run.machineText("/jdk/version"),
                    run.machineText("/jdk/vendor"),
                    run.machineText("/os/name"),
                    run.machineText("/os/version"),
                    ruler,
                    shortCommit(run.machineText("/git/commit"))));
        }
        return out.toString();
    }

    private static String shortCommit(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    private static String gib(String bytes) {
        try {
            return ComparisonFormat.f("%.0f", Long.parseLong(bytes) / (1024.0 * 1024 * 1024));
        } catch (NumberFormatException e) {
            return "?";
        }
    }
}
