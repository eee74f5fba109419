package flagbench.bench;

import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;

/**
 * What a bench measures: JMH runs ("parts") whose results land in one run folder. A suite's parts are
 * fixed, and JMH forks for them; an adaptive plan (tune's) chooses each run from what the ones before it
 * measured, in JVMs of its own.
 */
public interface Plan {

    /** A short name for machine.json and the console (e.g. {@code default}, {@code tune}). */
    String label();

    String description();

    /** Measures the plan in {@code lab}, which keeps the results. */
    void measure(Lab lab) throws RunnerException;

    /** The parts known before anything is measured: the launcher checks their {@code -p} values up front. */
    default List<Options> knownParts() {
        return List.of();
    }

    /** A time in seconds as a plan's console gives it: m:ss. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** Whether running the plan K times ({@code --repeat}) measures the same rows each time. */
    default boolean repeatable() {
        return true;
    }

    /**
     * Whether JMH options after {@code --} mean something to it: not to a plan that chooses its own runs and
     * forks (tune's), whose options are its own.
     */
    default boolean takesJmhOptions() {
        return true;
    }
}
