package flagbench.download;

import java.util.List;

/**
 * The strategies, as registered in {@code META-INF/services/flagbench.download.Strategy}: adding
 * one is one class and one line there ({@link Registry}).
 */
public final class Strategies {

    /** The book's {@code MAX_WORKERS = 20}: the default limit of every strategy that has one, as text for options. */
    public static final String BOOK_MAX_WORKERS = "20";

    private static final Registry<Strategy> REGISTRY = new Registry<>(Strategy.class, "strategy", Strategy::name);

    private Strategies() {}

    /** Every strategy, in registration order. */
    public static List<Strategy> all() {
        return REGISTRY.all();
    }

    public static List<String> names() {
        return REGISTRY.names();
    }

    /** @throws IllegalArgumentException for an unknown name, with the names there are */
    public static Strategy named(String name) {
        return REGISTRY.named(name);
    }

    /** @throws IllegalArgumentException for fewer than one worker */
    public static int requireWorkers(int maxWorkers) {
        if (maxWorkers < 1 || maxWorkers > MAX_WORKERS) {
            throw new IllegalArgumentException("max workers must be from 1 to " + MAX_WORKERS + ", got " + maxWorkers);
        }
        return maxWorkers;
    }

    /**
     * The most workers a strategy is given: 100,000 downloads in flight already hold 100,000 connections to one server on a
     * machine whose ports number 64,512; a count beyond it is a typo, and would run for hours.
     */
    public static final int MAX_WORKERS = 100_000;
}
