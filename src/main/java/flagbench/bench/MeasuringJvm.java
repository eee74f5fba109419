package flagbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A forked JVM that measures one JMH run after another in itself, each warm from the ones before: one fork of
 * several of a plan's points (tune's), where JMH would start a JVM, and wait out its JIT, for every point. The
 * fork stays the unit of every interval: each run it makes is one fork of its row. It has the runner's JVM
 * arguments, as JMH's forks do, and the plan's after them; its console goes to a log file.
 *
 * <p>Contract: {@link #run} blocks until the run is measured and its result file written, or fails with the one
 * line the JVM gave; {@link #close} ends the JVM (also when the runner itself is stopped).
 */
final class MeasuringJvm implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Writer commands;
    private final BufferedReader answers;
    private final Path log;
    private final Thread killer;

    /** @param log where its console goes, JMH's included; null: to the runner's standard error ({@code --verbose}) */
    MeasuringJvm(List<String> jvmArgs, Path log) {
        this.log = log;
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        var arguments =
                new LinkedHashSet<String>(); // the runner's and the plan's may share one (JDK 24+'s Unsafe flag)
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-agentlib:jdwp"))
                .forEach(arguments::add);
        arguments.addAll(jvmArgs);
        command.addAll(arguments);
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                MeasuringJvmMain.class.getName(),
                log == null ? MeasuringJvmMain.TO_CONSOLE : log.toString()));
        try {
            process = new ProcessBuilder(command)
                    .redirectError(
                            log == null
                                    ? ProcessBuilder.Redirect.INHERIT
                                    : ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a measuring JVM: " + e.getMessage(), e);
        }
        killer = new Thread(process::destroyForcibly, "flagbench-measuring-jvm-killer");
        Runtime.getRuntime().addShutdownHook(killer);
        commands = process.outputWriter(StandardCharsets.UTF_8);
        answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * Measures one JMH run in this JVM.
     *
     * @param result  where JMH writes its JSON results
     * @param jmhArgs JMH command-line options (parameters, iterations); the fork count is this JVM's
     * @throws IllegalStateException with the JVM's own one-line reason when the run failed or the JVM died
     */
    void run(Path result, List<String> jmhArgs) {
        var line = new ArrayList<String>();
        line.add(result.toString());
        line.addAll(jmhArgs);
        String answer;
        try {
            commands.write(JSON.writeValueAsString(line) + "\n");
            commands.flush();
            answer = answers.readLine();
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null) {
            throw new IllegalStateException("the measuring JVM ended before its run was measured"
                    + (log == null ? "" : " (its log: " + log + ")"));
        }
        if (!answer.equals(MeasuringJvmMain.OK)) {
            throw new IllegalStateException(
                    answer.startsWith(MeasuringJvmMain.FAILED)
                            ? answer.substring(MeasuringJvmMain.FAILED.length())
                            : answer);
        }
    }

    @Override
    public void close() {
        try {
            commands.close(); // its input ends: it ends
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }
}
