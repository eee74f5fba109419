package flagbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The far side of a {@link MeasuringJvm}: reads one JMH run a line from standard input (a JSON array: the result
 * file, then JMH command-line options), runs it in this JVM ({@code -f 0}: this JVM is the fork), and answers
 * {@code ok} or {@code failed <reason>} on a line of standard output; JMH's results go to the result file and, as JMH's
 * own objects, beside it ({@link ForkResults#savedBeside}). Everything else this JVM prints, JMH's console
 * included, goes to the log file named by its one argument
 * (or to standard error, for {@value #TO_CONSOLE}). It ends when its input ends.
 */
public final class MeasuringJvmMain {

    static final String OK = "ok";
    static final String FAILED = "failed ";
    /** The log file argument that sends the console to standard error instead, which the runner shares ({@code --verbose}). */
    static final String TO_CONSOLE = "-";

    private MeasuringJvmMain() {}

    public static void main(String[] args) throws IOException {
        MachineLock.ignoreJmhLock(); // the bench that started this JVM holds it for us
        PrintStream answers = System.out;
        try (var log = args[0].equals(TO_CONSOLE)
                ? new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8)
                : new PrintStream(new FileOutputStream(args[0], true), true, StandardCharsets.UTF_8)) {
            System.setOut(log);
            System.setErr(log);
            var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            var json = new ObjectMapper();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                List<String> run = List.of(json.readValue(line, String[].class));
                try {
                    var options = new OptionsBuilder()
                            .parent(new CommandLineOptions(
                                    run.subList(1, run.size()).toArray(String[]::new)))
                            .include(DownloadBenchmark.class.getName() + ".downloadMany")
                            .forks(0)
                            .shouldFailOnError(true)
                            .resultFormat(ResultFormatType.JSON)
                            .result(run.get(0))
                            .build();
                    var results = new Runner(options, OutputFormatFactory.createFormatInstance(log, VerboseMode.NORMAL))
                            .run();
                    try (var out = Files.newOutputStream(ForkResults.savedBeside(Path.of(run.get(0))))) {
                        ForkResults.save(results, out);
                    }
                    answers.println(OK);
                } catch (Exception e) {
                    e.printStackTrace(log);
                    answers.println(FAILED + oneLine(e));
                }
                answers.flush();
            }
        }
    }

    /** The innermost message ({@link Failures#deepest}), on one line: the protocol's answers are lines. */
    private static String oneLine(Throwable e) {
        Throwable deepest = Failures.deepest(e);
        String message = deepest.getMessage() != null
                ? deepest.getMessage()
                : deepest.getClass().getSimpleName();
        return message.replaceAll("\\s+", " ").strip();
    }
}
