package flagbench.cli;

import flagbench.history.HistoryCheck;
import flagbench.history.HistoryPage;
import flagbench.history.HistoryStore;
import flagbench.report.Comparison;
import flagbench.report.ComparisonOptions;
import flagbench.results.BadRunException;
import flagbench.results.RunFolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Every run in one history: read run folders into a store, list it, judge the newest run of each"
                + " testbed against its history.",
        subcommands = {
            HistoryCommand.Ingest.class,
            HistoryCommand.Show.class,
            HistoryCommand.Check.class,
            HistoryCommand.Page.class
        })
final class HistoryCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(
                spec.commandLine(), "a subcommand is needed: ingest, show, check or page");
    }

    /** Where the store is ({@code --db}), and where a subcommand writes. */
    static final class Db {
        @Spec(Spec.Target.MIXEE)
        CommandSpec mixee;

        PrintWriter out() {
            return mixee.commandLine().getOut();
        }

        HistoryStore open() {
            return HistoryStore.open(db);
        }

        /** The store, refused with one line when it holds no run: there is nothing to judge or draw. */
        HistoryStore openFilled() {
            var store = open();
            if (store.runsByTestbed().isEmpty()) {
                store.close();
                throw new IllegalArgumentException("the store is empty: history ingest RUN|DIR first");
            }
            return store;
        }

        @Option(
                names = "--db",
                paramLabel = "PATH|URL",
                description = "The store: a file for the embedded one (default: ~/.flagbench/history), or a JDBC URL"
                        + " of a PostgreSQL server (jdbc:postgresql://host/db?user=…).")
        String db = HistoryStore.DEFAULT_FILE.toString();
    }

    @Command(
            name = "ingest",
            mixinStandardHelpOptions = true,
            description = "Read run folders (or every run folder in a folder) into the store; a run already there is"
                    + " left as it is.")
    static final class Ingest implements Callable<Integer> {
        @Mixin
        Db db;

        @Parameters(paramLabel = "RUN|DIR", arity = "1..*", description = "Run folders, or folders of run folders.")
        List<Path> paths;

        @Override
        public Integer call() {
            var runs = new ArrayList<RunFolder>();
            for (Path path : paths) {
                runs.addAll(folders(path).stream().map(RunFolder::read).toList()); // all read before any is written
            }
            int added = 0;
            try (var store = db.open()) {
                for (RunFolder run : runs) {
                    added += store.ingest(run) ? 1 : 0;
                }
            }
            db.out()
                    .printf(
                            Locale.ROOT,
                            "history: %d run(s) read, %d new, %d already in %s%n",
                            runs.size(),
                            added,
                            runs.size() - added,
                            db.db);
            return 0;
        }

        /** A run folder (it has jmh.json), or the run folders directly in a folder, by name. */
        private static List<Path> folders(Path path) {
            if (Files.isRegularFile(path.resolve(RunFolder.JMH_JSON)) || !Files.isDirectory(path)) {
                return List.of(path);
            }
            try (Stream<Path> children = Files.list(path)) {
                List<Path> found = children.filter(c -> Files.isRegularFile(c.resolve(RunFolder.JMH_JSON)))
                        .sorted()
                        .toList();
                if (found.isEmpty()) {
                    throw new BadRunException(path + ": no run folder in it (a folder with jmh.json)");
                }
                return found;
            } catch (IOException e) {
                throw new BadRunException(path + ": cannot list it (" + e.getMessage() + ")");
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "List the testbeds and their runs.")
    static final class Show implements Callable<Integer> {
        @Mixin
        Db db;

        @Override
        public Integer call() {
            PrintWriter out = db.out();
            try (var store = db.open()) {
                var byTestbed = store.runsByTestbed();
                if (byTestbed.isEmpty()) {
                    out.println("history: the store is empty (history ingest RUN|DIR fills it)");
                }
                byTestbed.forEach((testbed, runs) -> {
                    out.printf(Locale.ROOT, "%s: %d run(s)%n", testbed, runs.size());
                    runs.forEach(run -> out.printf(
                            Locale.ROOT,
                            "  %s  %s  %s%n",
                            run.started().length() > 16 ? run.started().substring(0, 16) : run.started(),
                            run.shortCommit(),
                            run.folder()));
                });
            }
            return 0;
        }
    }

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description = "Judge the newest run of each testbed against the runs since the last change point of each"
                    + " row; exit 1 when a row is slower by more than the threshold (for CI).")
    static final class Check implements Callable<Integer> {
        @Mixin
        Db db;

        @Option(
                names = "--threshold",
                paramLabel = "PERCENT",
                description = "The least change that counts, in percent. Default: ${DEFAULT-VALUE}.")
        double threshold = ComparisonOptions.DEFAULT_THRESHOLD;

        @Option(
                names = "--across",
                description = "Also judge each row of each testbed's newest run against that row's latest run on"
                        + " every other testbed, the machine allowed for by their speed rulers, as compare allows"
                        + " for it.")
        boolean across;

        @Override
        public Integer call() {
            if (!(threshold >= 0 && threshold <= 1000)) {
                throw new IllegalArgumentException("--threshold must be from 0 to 1000 (percent), got " + threshold);
            }
            PrintWriter out = db.out();
            int slower = 0;
            try (var store = db.openFilled()) {
                var byTestbed = store.runsByTestbed();
                var series = store.seriesByTestbed();
                for (var entry : byTestbed.entrySet()) {
                    List<HistoryStore.Run> runs = entry.getValue();
                    HistoryStore.Run newest = runs.get(runs.size() - 1);
                    var judged = HistoryCheck.newest(series.get(entry.getKey()), newest.id(), threshold);
                    out.printf(
                            Locale.ROOT,
                            "%s: %s against %d earlier run(s), %d row(s) judged%n",
                            entry.getKey(),
                            newest.folder(),
                            runs.size() - 1,
                            judged.size());
                    slower += print(out, judged);
                    if (!across) {
                        continue;
                    }
                    for (var other : byTestbed.entrySet()) {
                        if (other.getKey().equals(entry.getKey())) {
                            continue;
                        }
                        var acrossJudged = HistoryCheck.across(
                                series.get(entry.getKey()), newest.id(), series.get(other.getKey()), threshold);
                        out.printf(
                                Locale.ROOT,
                                "  against %s, the machine allowed for: %d row(s) judged%s%n",
                                other.getKey(),
                                acrossJudged.size(),
                                acrossJudged.isEmpty() ? " (no row in common measured with the same speed ruler)" : "");
                        slower += print(out, acrossJudged);
                    }
                }
            }
            out.printf(Locale.ROOT, "history: %d row(s) slower%n", slower);
            return slower > 0 ? 1 : 0;
        }

        /** Prints each judged row; the number slower. */
        private static int print(PrintWriter out, List<HistoryCheck.Judged> judged) {
            int slower = 0;
            for (var row : judged) {
                var j = row.judgement();
                if (j.verdict() == Comparison.Verdict.SLOWER) {
                    slower++;
                }
                out.printf(
                        Locale.ROOT,
                        "  %-8s %+6.1f%% [%+.1f, %+.1f] against %d run(s) from %s%s  %s%n",
                        j.verdict().word(flagbench.report.Metric.TIME),
                        j.change(),
                        j.interval().low(),
                        j.interval().high(),
                        row.segmentRuns(),
                        row.since(),
                        row.changedAt().isEmpty() ? "" : " (changed at " + String.join(", ", row.changedAt()) + ")",
                        row.rowKey());
            }
            return slower;
        }
    }

    @Command(
            name = "page",
            mixinStandardHelpOptions = true,
            description = "Write the history as one self-contained web page: a chart per row and testbed, its change"
                    + " points marked.")
    static final class Page implements Callable<Integer> {
        @Mixin
        Db db;

        @Option(names = "--out", paramLabel = "FILE", description = "Where to write it. Default: ${DEFAULT-VALUE}.")
        Path out = Path.of("history.html");

        @Override
        public Integer call() {
            String page;
            try (var store = db.openFilled()) {
                page = HistoryPage.render(store);
            }
            RunFolder.writeAtomically(out, page.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            db.out().println("wrote " + out);
            return 0;
        }
    }
}
