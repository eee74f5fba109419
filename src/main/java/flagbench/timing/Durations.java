package flagbench.timing;

import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as users write them: {@code 250} (ms), {@code 250ms}, {@code 2s}, {@code 0.5s}, {@code 5m}. */
public final class Durations {

    /** The book's request timeout (flags2's {@code DEFAULT_TIMEOUT = 3.1}), as text for options. */
    public static final String BOOK_TIMEOUT = "3.1s";

    private static final Pattern DURATION = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min)?");

    private Durations() {}

    /** The text in whole milliseconds (rounded), or empty when it is not a duration. */
    static OptionalLong millis(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        double amount = Double.parseDouble(m.group(1));
        double factor =
                m.group(2) == null || m.group(2).equals("ms") ? 1 : m.group(2).equals("s") ? 1000 : 60_000;
        return OptionalLong.of(Math.round(amount * factor));
    }

    /**
     * A request timeout: a duration of at least one millisecond.
     *
     * @throws IllegalArgumentException with a one-line message that speaks of timeouts
     */
    public static Duration timeout(String text) {
        return atLeast(text, 1, "a timeout", "1ms", "3.1s, 500ms or 30s");
    }

    /**
     * How long a command may measure: a duration of at least one second.
     *
     * @throws IllegalArgumentException with a one-line message that speaks of budgets
     */
    public static Duration budget(String text) {
        return atLeast(text, 1000, "a time budget", "1s", "5m, 90s or 10min");
    }

    private static Duration atLeast(String text, long minMillis, String what, String minText, String examples) {
        long ms = millis(text)
                .orElseThrow(() -> new IllegalArgumentException(
                        "'" + text + "' is not " + what + ": use a duration such as " + examples));
        if (ms < minMillis) {
            throw new IllegalArgumentException(what + " must be at least " + minText + ", got '" + text + "'");
        }
        return Duration.ofMillis(ms);
    }
}
