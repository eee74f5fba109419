package flagbench.download;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Named implementations of one interface, as listed in {@code META-INF/services/}: adding one is a
 * class and a line there. A {@link ServiceLoader} rather than a list in code, so that a JMH fork,
 * which runs a fresh JVM on the same class path, sees the same ones as the process that started it.
 */
final class Registry<T> {

    private final String kind;
    private final Map<String, T> byName = new LinkedHashMap<>();

    /** @param kind what one is called in messages: {@code strategy}, {@code client} */
    Registry(Class<T> type, String kind, Function<T, String> name) {
        this.kind = kind;
        for (T item : ServiceLoader.load(type, type.getClassLoader())) {
            T clash = byName.putIfAbsent(name.apply(item), item);
            if (clash != null && clash.getClass() != item.getClass()) {
                throw new IllegalStateException("two " + kind + "s are named '" + name.apply(item) + "': "
                        + clash.getClass().getName() + " and " + item.getClass().getName());
            }
        }
    }

    /** Every one, in registration order. */
    List<T> all() {
        return List.copyOf(byName.values());
    }

    List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** @throws IllegalArgumentException for an unknown name, with the names there are */
    T named(String name) {
        T item = byName.get(name.trim().toLowerCase(Locale.ROOT));
        if (item == null) {
            throw new IllegalArgumentException(
                    "unknown " + kind + " '" + name + "': use one of " + String.join(", ", names()));
        }
        return item;
    }
}
