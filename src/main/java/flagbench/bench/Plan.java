package flagbench.bench;

import flagbench.report.ResultRow;
import java.util.List;
import java.util.Optional;
import org.openjdk.jmh.runner.options.Options;

/**
 * What a bench measures: JMH runs ("parts") one after another, whose results land in one run
 * folder. A suite's parts are fixed; an adaptive plan (tune's) chooses each part from the rows
 * the ones before it measured.
 */
public interface Plan {

    /** A short name for machine.json and the console (e.g. {@code default}, {@code tune}). */
    String label();

    String description();

    /**
     * The next JMH run, or empty when the plan is complete.
     *
     * @param done the rows each finished part measured, in order (empty before the first)
     */
    Optional<Options> next(List<List<ResultRow>> done);

    /** The parts known before anything is measured: the launcher checks their {@code -p} values up front. */
    default List<Options> knownParts() {
        return List.of();
    }

    /** Whether running the plan K times ({@code --repeat}) measures the same rows each time. */
    default boolean repeatable() {
        return true;
    }
}
