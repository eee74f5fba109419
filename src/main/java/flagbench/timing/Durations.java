package flagbench.timing;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as users write them: {@code 250} (ms), {@code 250ms}, {@code 2s}, {@code 0.5s}. */
public final class Durations {

    private static final Pattern DURATION = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*(ms|s)?");

    private Durations() {
    }

    /** The text in whole milliseconds (rounded), or empty when it is not a duration. */
    static OptionalLong millis(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        double amount = Double.parseDouble(m.group(1));
        return OptionalLong.of(Math.round("s".equals(m.group(2)) ? amount * 1000 : amount));
    }

    /**
     * A request timeout: a duration of at least one millisecond.
     *
     * @throws IllegalArgumentException with a one-line message that speaks of timeouts
     */
    public static Duration timeout(String text) {
        long ms = millis(text).orElseThrow(() -> new IllegalArgumentException(
                "'" + text + "' is not a timeout: use a duration such as 3.1s, 500ms or 30s"));
        if (ms < 1) {
            throw new IllegalArgumentException("a timeout must be at least 1ms, got '" + text + "'");
        }
        return Duration.ofMillis(ms);
    }
}
