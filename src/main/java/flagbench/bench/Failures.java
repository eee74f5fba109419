package flagbench.bench;

/**
 * Where a benchmark's failure says why. JMH wraps what a fork threw as suppressed exceptions of a
 * BenchmarkException inside a RunnerException, so the cause chain alone ends at JMH's own words.
 */
public final class Failures {

    private Failures() {}

    /** The innermost throwable with a message, through suppressed exceptions first, then causes; {@code e} without one. */
    public static Throwable deepest(Throwable e) {
        Throwable deepest = e;
        for (Throwable t = e; t != null; t = t.getSuppressed().length > 0 ? t.getSuppressed()[0] : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                deepest = t;
            }
        }
        return deepest;
    }
}
