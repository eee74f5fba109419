package flagbench.download;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/** The strategies by name. Adding one is one class and one line here. */
public final class Strategies {

    /** The book's MAX_WORKERS. */
    public static final int DEFAULT_MAX_WORKERS = 20;

    private static final Map<String, IntFunction<Strategy>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("sequential", maxWorkers -> new Sequential());
        BY_NAME.put("pool", FixedPool::new);
        BY_NAME.put("virtual", maxWorkers -> new VirtualThreads());
        BY_NAME.put("bounded", BoundedVirtualThreads::new);
        BY_NAME.put("async", AsyncHttp::new);
    }

    private Strategies() {
    }

    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** @throws IllegalArgumentException for an unknown name or fewer than one worker */
    public static Strategy create(String name, int maxWorkers) {
        var factory = BY_NAME.get(name.toLowerCase(Locale.ROOT));
        if (factory == null) {
            throw new IllegalArgumentException("unknown strategy '" + name + "': use one of " + String.join(", ", names()));
        }
        if (maxWorkers < 1) {
            throw new IllegalArgumentException("max workers must be at least 1, got " + maxWorkers);
        }
        return factory.apply(maxWorkers);
    }
}
