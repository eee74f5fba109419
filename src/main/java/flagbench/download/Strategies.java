package flagbench.download;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The strategies, as registered in {@code META-INF/services/flagbench.download.Strategy}: adding
 * one is one class and one line there. A {@link ServiceLoader} rather than a list in code, so that
 * a JMH fork, which runs a fresh JVM on the same class path, sees the same strategies as the
 * process that started it.
 */
public final class Strategies {

    /** The book's MAX_WORKERS. */
    public static final int DEFAULT_MAX_WORKERS = 20;

    private static final Map<String, Strategy> BY_NAME = new LinkedHashMap<>();

    static {
        for (Strategy strategy : ServiceLoader.load(Strategy.class, Strategies.class.getClassLoader())) {
            Strategy clash = BY_NAME.putIfAbsent(strategy.name(), strategy);
            if (clash != null && clash.getClass() != strategy.getClass()) {
                throw new IllegalStateException("two strategies are named '" + strategy.name() + "': "
                        + clash.getClass().getName() + " and " + strategy.getClass().getName());
            }
        }
    }

    private Strategies() {
    }

    /** Every strategy, in registration order. */
    public static List<Strategy> all() {
        return List.copyOf(BY_NAME.values());
    }

    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** @throws IllegalArgumentException for an unknown name, with the names there are */
    public static Strategy named(String name) {
        Strategy strategy = BY_NAME.get(name.trim().toLowerCase(Locale.ROOT));
        if (strategy == null) {
            throw new IllegalArgumentException("unknown strategy '" + name + "': use one of " + String.join(", ", names()));
        }
        return strategy;
    }

    /** @throws IllegalArgumentException for fewer than one worker */
    public static int requireWorkers(int maxWorkers) {
        if (maxWorkers < 1) {
            throw new IllegalArgumentException("max workers must be at least 1, got " + maxWorkers);
        }
        return maxWorkers;
    }
}
