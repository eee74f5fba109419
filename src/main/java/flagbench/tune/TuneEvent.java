package flagbench.tune;

import flagbench.results.ResultRow;
import java.util.List;
import java.util.SortedMap;

/**
 * What happened in a tune, one value per step that its user is told of; {@link TuneNarration} words them for the
 * console, tests assert the values. {@code elapsed} is seconds since the tune began.
 */
sealed interface TuneEvent {

    /** A fork has measured X_max: the strategy at zero latency, {@link TunePlan#CEILING_WORKERS} workers. */
    record Ceiling(int fork, ResultRow row, double elapsed) implements TuneEvent {}

    /** The first fork's plan: the knee W* expected, the points, and the seconds of samples each gets. */
    record Planned(double knee, List<Integer> points, double sampleSeconds) implements TuneEvent {}

    /** A point measured in a fork. */
    record Point(int fork, int workers, ResultRow row, double elapsed) implements TuneEvent {}

    /** The budget left no time for this fork, nor for any after it. */
    record NoTimeForFork(int fork, double elapsed) implements TuneEvent {}

    /** The budget left no time for this point in this fork, nor for what follows. */
    record NoTimeForPoint(int fork, int workers, double elapsed) implements TuneEvent {}

    /** The curve has stopped rising, and a visit of {@code workers} would cost more than {@link TuneSweep#DEAR} planned. */
    record StoppedRising(int workers, double visitSeconds, double operationSeconds) implements TuneEvent {}

    /** The curve has surely fallen at {@code workers}, past the best: no larger counts. */
    record Fallen(int workers) implements TuneEvent {}

    /** A point the sweep adds once every planned point is measured: {@code next}. */
    sealed interface Step extends TuneEvent {
        int next();
    }

    /** The best point is the largest measured and still rising: the sweep goes on to {@code next}. */
    record Extending(int last, int next) implements Step {}

    /** The fine step below the recommendation. */
    record Refining(int recommended, int next) implements Step {}

    /** Downloads fail from the point above the best: the edge between them is narrowed. */
    record NarrowingEdge(int best, int next) implements Step {}

    /**
     * The tune is over: how many points, with how many forks each ({@code pointsByForks}: forks to points, most forks
     * first), whether the budget ran out before every fork measured its points, whether it ran over.
     */
    record Finished(int points, double elapsed, SortedMap<Integer, Long> pointsByForks, boolean ranOut, boolean over)
            implements TuneEvent {}
}
