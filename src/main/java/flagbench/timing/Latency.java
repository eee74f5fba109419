package flagbench.timing;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How long the server waits before answering a request. Written as {@code 0} or {@code none},
 * {@code 100ms} (fixed), {@code 500ms..5s} (uniform, the book's DELAY server) or
 * {@code lognormal:100ms:0.5} (median and sigma).
 */
public sealed interface Latency {

    /** One draw, in milliseconds. */
    long sampleMillis(SplittableRandom random);

    /** The expected delay in milliseconds, for Little's law. */
    double meanMillis();

    /** The text that {@link #parse} reads back to this model. */
    String text();

    Latency NONE = new Fixed(0);

    record Fixed(long millis) implements Latency {
        public Fixed {
            requireNonNegative(millis);
        }

        public long sampleMillis(SplittableRandom random) {
            return millis;
        }

        public double meanMillis() {
            return millis;
        }

        public String text() {
            return millis + "ms";
        }
    }

    record Uniform(long minMillis, long maxMillis) implements Latency {
        public Uniform {
            requireNonNegative(minMillis);
            if (maxMillis < minMillis) {
                throw new IllegalArgumentException(
                        "latency range must go up: " + minMillis + "ms..." + maxMillis + "ms");
            }
        }

        public long sampleMillis(SplittableRandom random) {
            return minMillis == maxMillis ? minMillis : random.nextLong(minMillis, maxMillis + 1);
        }

        public double meanMillis() {
            return (minMillis + maxMillis) / 2.0;
        }

        public String text() {
            return minMillis + "ms.." + maxMillis + "ms";
        }
    }

    record LogNormal(long medianMillis, double sigma) implements Latency {
        public LogNormal {
            requireNonNegative(medianMillis);
            if (!(sigma >= 0 && sigma <= 5)) {
                throw new IllegalArgumentException("log-normal sigma must be in 0..5, got " + sigma);
            }
        }

        public long sampleMillis(SplittableRandom random) {
            return Math.round(medianMillis * Math.exp(sigma * random.nextGaussian()));
        }

        public double meanMillis() {
            return medianMillis * Math.exp(sigma * sigma / 2);
        }

        public String text() {
            return "lognormal:" + medianMillis + "ms:" + sigma;
        }
    }

    /** The longest latency a server may be given: the book's slowest is 5 s; an hour is a typo, and would hold requests for it. */
    long MAX_MILLIS = 600_000;

    private static void requireNonNegative(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("latency must not be negative, got " + millis + "ms");
        }
        if (millis > MAX_MILLIS) {
            throw new IllegalArgumentException(
                    "latency must be at most " + MAX_MILLIS / 60_000 + " min, got " + millis + "ms");
        }
    }

    /** @throws IllegalArgumentException with a one-line message for anything else */
    static Latency parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("none") || t.equals("0")) {
            return NONE;
        }
        if (t.startsWith("lognormal:")) {
            String[] parts = t.split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException(
                        "log-normal latency is lognormal:MEDIAN:SIGMA (e.g. lognormal:100ms:0.5), got '" + text + "'");
            }
            return new LogNormal(millis(parts[1], text), number(parts[2], text));
        }
        int range = t.indexOf("..");
        if (range >= 0) {
            return new Uniform(millis(t.substring(0, range), text), millis(t.substring(range + 2), text));
        }
        return new Fixed(millis(t, text));
    }

    private static long millis(String value, String whole) {
        long ms = Durations.millis(value)
                .orElseThrow(() -> new IllegalArgumentException(
                        "'" + whole + "' is not a latency: use 100ms, 2s, 500ms..5s, lognormal:100ms:0.5 or none"));
        requireNonNegative(ms);
        return ms;
    }

    private static double number(String value, String whole) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + whole + "': sigma '" + value + "' is not a number");
        }
    }
}
