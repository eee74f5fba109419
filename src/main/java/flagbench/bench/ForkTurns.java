package flagbench.bench;

import flagbench.results.ResultRow;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;

/**
 * A plan's parts measured in turns: fork 1 of every row of every part, then fork 2 of every row, and so on. JMH would run all the forks of one
 * row back to back, so that a drift of the machine during the run (here 6 % in 14 minutes) landed on whichever
 * rows ran last; taken in turns it spreads over every row. The forks and their count are the same. A turn's forks
 * share JVMs where the lab allows ({@link SharedForks}), or each has its own, as JMH makes them.
 */
final class ForkTurns {

    private ForkTurns() {}

    static void measure(Lab lab, List<Options> parts) throws RunnerException {
        int rounds = parts.stream().mapToInt(lab::forks).max().orElse(0);
        int runs = parts.stream().mapToInt(lab::forks).sum();
        long start = System.nanoTime();
        int done = 0;
        for (int fork = 1; fork <= rounds; fork++) {
            int turn = fork;
            List<Options> now =
                    parts.stream().filter(part -> lab.forks(part) >= turn).toList();
            if (lab.sharesJvms()) {
                List<SharedForks.Jvm> jvms =
                        SharedForks.turn(now.stream().map(lab::layered).toList(), fork, rounds);
                lab.console()
                        .printf(
                                Locale.ROOT,
                                "flagbench: fork %d of %d: %d rows in %d JVM%s  (%s)%n",
                                fork,
                                rounds,
                                jvms.stream().mapToInt(jvm -> jvm.runs().size()).sum(),
                                jvms.size(),
                                jvms.size() == 1 ? "" : "s",
                                progress(start, done, rounds));
                measureShared(lab, jvms);
                done++;
                continue;
            }
            for (int i = 0; i < now.size(); i++) {
                lab.console()
                        .printf(
                                Locale.ROOT,
                                "flagbench: fork %d of %d%s  (%s)%n",
                                fork,
                                rounds,
                                parts.size() > 1
                                        ? ", part " + (parts.indexOf(now.get(i)) + 1) + " of " + parts.size()
                                        : "",
                                progress(start, done, runs));
                lab.runFork(now.get(i));
                done++;
            }
        }
    }

    /** Time so far, and what is left at the pace so far of {@code done} of {@code steps}. */
    private static String progress(long start, int done, int steps) {
        double elapsed = (System.nanoTime() - start) / 1e9;
        return Plan.clock(elapsed)
                + (done == 0 ? "" : ", about " + Plan.clock(elapsed / done * (steps - done)) + " left");
    }

    /** One turn's runs in its JVMs, a console line per row as it ends (the turn's own interval is its samples' range). */
    private static void measureShared(Lab lab, List<SharedForks.Jvm> jvms) throws RunnerException {
        List<String> shown = SharedForks.varied(jvms);
        for (SharedForks.Jvm group : jvms) {
            try (Lab.Jvm jvm = lab.start(group.jvmArgs())) {
                for (SharedForks.Run run : group.runs()) {
                    List<ResultRow> rows;
                    try {
                        rows = jvm.run(run.jmhArgs());
                    } catch (
                            IllegalStateException
                                    e) { // the fork's own one line: the run fails as a JMH fork's failure does
                        throw new RunnerException(
                                "a fork failed (" + String.join(" ", run.jmhArgs()) + "): " + e.getMessage(), e);
                    }
                    for (var row : rows) {
                        var ms = Arrays.stream(row.forkMillis())
                                .flatMapToDouble(Arrays::stream)
                                .summaryStatistics();
                        lab.console()
                                .printf(
                                        Locale.ROOT,
                                        "  %s: %.1f ms (%d samples, %.1f to %.1f)%n",
                                        shown.stream()
                                                .map(p -> p + "=" + row.param(p))
                                                .collect(Collectors.joining(" ")),
                                        ms.getAverage(),
                                        ms.getCount(),
                                        ms.getMin(),
                                        ms.getMax());
                    }
                }
            }
        }
    }
}
