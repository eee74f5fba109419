package flagbench.timing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The written form that {@link Downstream} and {@link Network} share: {@code name=value} parts joined by {@code +} (a JMH
 * parameter, where a comma would start another value). Each name at most once; the caller knows which names it takes.
 */
final class Parts {

    private Parts() {}

    /**
     * The parts of {@code lowerCase}, in order, each name to its value ("" for a name without {@code =}).
     *
     * @param what  the value's name in a message, e.g. {@code network}
     * @param given the text as the user wrote it, for the message
     * @throws IllegalArgumentException when a name is given twice
     */
    static Map<String, String> of(String lowerCase, String what, String given) {
        var parts = new LinkedHashMap<String, String>();
        for (String part : lowerCase.split("\\+", -1)) {
            int eq = part.indexOf('=');
            String name = eq < 0 ? part.trim() : part.substring(0, eq).trim();
            String value = eq < 0 ? "" : part.substring(eq + 1).trim();
            if (parts.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException(what + " '" + given + "': " + name + " given twice");
            }
        }
        return parts;
    }
}
