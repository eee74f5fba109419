package flagbench.bench;

import flagbench.results.ResultRow;
import java.io.PrintStream;
import java.util.List;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;

/**
 * Where a {@link Plan} measures: against the bench's flag server, into its run folder, which keeps every JMH
 * run's results in the order they were made. A plan chooses what to run; the lab knows how.
 */
public interface Lab {

    /** The JVM argument with which a measuring JVM's first trial warms up until the JIT compilers are quiet ({@link SteadyState}). */
    String STEADY_STATE = "-D" + SteadyState.PROPERTY + "=on";

    /** How many forks a part's rows get: the part's own count, or the user's {@code -f}. */
    int forks(Options part);

    /**
     * One fork of every row of a part, in JVMs that JMH starts (a suite's part, where its forks do not share JVMs), whatever its fork count. A plan
     * calls it once per fork, so it can take the forks of several parts in turns.
     */
    void runFork(Options part) throws RunnerException;

    /**
     * Whether a suite may measure several rows' forks in one JVM ({@link SharedForks}): not where the user's JMH options
     * need a JVM per fork, or asked for one ({@code bench --jvm-per-fork}).
     */
    default boolean sharesJvms() {
        return false;
    }

    /** A part's options with the user's on top: the rows the lab will measure for it. */
    default Options layered(Options part) {
        return part;
    }

    /** A fresh JVM that measures JMH runs one after another in itself ({@link MeasuringJvm}): tune's forks, and a suite's shared ones. */
    Jvm start(List<String> jvmArgs);

    /** The clock a plan's budget is kept by, as {@link System#nanoTime}. */
    long nanoTime();

    /** Where a plan says what it does: a line per step, never JMH's own console. */
    PrintStream console();

    /** A JVM of the lab's: each {@link #run} is one fork of its row. */
    interface Jvm extends AutoCloseable {
        /** Runs JMH in this JVM with these command-line options; returns the rows it measured. */
        List<ResultRow> run(List<String> jmhArgs);

        @Override
        void close();
    }
}
