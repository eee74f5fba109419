package flagbench.timing;

import java.util.ArrayList;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The limits of the service on the other end, as production services have them: at most
 * {@code capacity} requests in service at once (each taking its latency draw as service time), at
 * most {@code queue} more waiting in FIFO order, and a token bucket of {@code ratePerSecond} with a
 * burst of as many tokens. What exceeds the queue gets the {@code overload} answer; what exceeds the
 * rate gets 429. Both status answers carry {@code Retry-After}.
 *
 * <p>Written as {@code none}, or {@code capacity=C}, {@code queue=Q}, {@code overload=503|429|close} and
 * {@code rate=R/s} joined by {@code +}, in that order: the text is a JMH parameter (where a comma would
 * start another value), a control-route body and a machine.json field, so one spelling reads back to one
 * value.
 *
 * @param capacity      requests in service at once; 0 for no limit
 * @param queue         requests that may wait for a place; -1 for no limit (only with a capacity)
 * @param ratePerSecond admitted requests per second, with a burst of as many; 0 for no limit
 */
public record Downstream(int capacity, int queue, Overload overload, double ratePerSecond) {

    /** How a server answers a request it has no room for. */
    public enum Overload {
        STATUS_503("503"),
        STATUS_429("429"),
        CLOSE("close");

        public final String text;

        Overload(String text) {
            this.text = text;
        }

        /** The HTTP status of the answer; 0 for {@code close}, which answers nothing and closes the connection. */
        public int status() {
            return this == CLOSE ? 0 : Integer.parseInt(text);
        }

        public static Overload parse(String text) {
            for (Overload o : values()) {
                if (o.text.equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return o;
                }
            }
            throw new IllegalArgumentException("overload '" + text + "': use 503, 429 or close");
        }
    }

    /** A request's status when the rate limit refuses it. */
    public static final int RATE_LIMITED = 429;
    /** Sane bounds: a capacity or queue beyond them is a typo, not a service. */
    public static final int MAX_CAPACITY = 1_000_000;

    public static final double MAX_RATE = 1_000_000;

    public static final Downstream NONE = new Downstream(0, -1, Overload.STATUS_503, 0);

    public Downstream {
        if (capacity < 0 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException(
                    "capacity must be in 1.." + MAX_CAPACITY + " (or none), got " + capacity);
        }
        if (queue < -1 || queue > MAX_CAPACITY) {
            throw new IllegalArgumentException("queue must be in 0.." + MAX_CAPACITY + ", got " + queue);
        }
        if (queue >= 0 && capacity == 0) {
            throw new IllegalArgumentException(
                    "a queue is where requests wait for the capacity: give a capacity too" + " (capacity=C+queue=Q)");
        }
        if (!(ratePerSecond == 0 || ratePerSecond >= MIN_RATE && ratePerSecond <= MAX_RATE)) {
            throw new IllegalArgumentException(
                    "rate limit must be 0 (none) or in 1.." + (long) MAX_RATE + "/s, got " + ratePerSecond);
        }
    }

    public boolean limited() {
        return capacity > 0 || ratePerSecond > 0;
    }

    /**
     * The most requests per second this downstream completes at a mean service time {@code latencyMillis}:
     * min(C / L, R). Empty when it sets no bound (no limits, or a capacity at zero latency).
     */
    public OptionalDouble throughputBound(double latencyMillis) {
        double byCapacity =
                capacity > 0 && latencyMillis > 0 ? capacity * 1000.0 / latencyMillis : Double.POSITIVE_INFINITY;
        double byRate = ratePerSecond > 0 ? ratePerSecond : Double.POSITIVE_INFINITY;
        double bound = Math.min(byCapacity, byRate);
        return Double.isInfinite(bound) ? OptionalDouble.empty() : OptionalDouble.of(bound);
    }

    /**
     * The least time in ms this downstream needs for a batch of {@code n} requests of mean service time
     * {@code latencyMillis}, however many are sent at once: ceil(n / C) rounds of service, and n / R seconds of
     * tokens. NaN when it sets no bound.
     */
    public double batchMillis(int n, double latencyMillis) {
        double byCapacity =
                capacity > 0 && latencyMillis > 0 ? Math.ceil((double) n / capacity) * latencyMillis : Double.NaN;
        double byRate = ratePerSecond > 0 ? n / ratePerSecond * 1000 : Double.NaN;
        return Double.isNaN(byCapacity) ? byRate : Double.isNaN(byRate) ? byCapacity : Math.max(byCapacity, byRate);
    }

    /** The text {@link #parse} reads back to this value. */
    public String text() {
        if (!limited()) {
            return "none";
        }
        var parts = new ArrayList<String>();
        if (capacity > 0) {
            parts.add("capacity=" + capacity);
            if (queue >= 0) {
                parts.add("queue=" + queue);
                parts.add("overload=" + overload.text);
            }
        }
        if (ratePerSecond > 0) {
            parts.add("rate=" + number(ratePerSecond) + "/s");
        }
        return String.join(SEPARATOR, parts);
    }

    private static final String SEPARATOR = "+";

    /** The limits in words, for a verdict: "capacity 50", "rate limit 300/s", "capacity 50 and rate limit 300/s". */
    public String words() {
        var parts = new ArrayList<String>();
        if (capacity > 0) {
            parts.add("capacity " + capacity + (queue >= 0 ? " (queue " + queue + ")" : ""));
        }
        if (ratePerSecond > 0) {
            parts.add("rate limit " + number(ratePerSecond) + "/s");
        }
        return parts.isEmpty() ? "no limits" : String.join(" and ", parts);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** @throws IllegalArgumentException with a one-line message for anything but the written form */
    public static Downstream parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.equals("none")) {
            return NONE;
        }
        int capacity = 0, queue = -1;
        double rate = 0;
        Overload overload = Overload.STATUS_503;
        var seen = Parts.of(t, "downstream", text);
        for (var part : seen.entrySet()) {
            String name = part.getKey();
            String value = part.getValue();
            switch (name) {
                case "capacity" -> capacity = whole(value, name, text);
                case "queue" -> queue = whole(value, name, text);
                case "overload" -> overload = Overload.parse(value);
                case "rate" -> rate = rate(value);
                default ->
                    throw new IllegalArgumentException("downstream '" + text
                            + "': use none, or capacity=C+queue=Q+overload=503|429|close+rate=R/s");
            }
        }
        if (capacity == 0 && seen.containsKey("capacity")) {
            throw new IllegalArgumentException("capacity must be in 1.." + MAX_CAPACITY + " (or none), got 0");
        }
        if (seen.containsKey("overload") && queue < 0) {
            throw new IllegalArgumentException("an overload answer is for requests beyond the queue: give a queue too");
        }
        return new Downstream(capacity, queue, overload, rate);
    }

    /**
     * A rate such as {@code 300/s} or {@code 300}: requests per second, at least one. The bucket holds as many tokens as the
     * rate: below 1/s it could never hold a whole one, and refused every request forever while saying "Retry-After: 1".
     */
    public static double rate(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        String number = t.endsWith("/s") ? t.substring(0, t.length() - 2) : t;
        try {
            double rate = Double.parseDouble(number);
            if (rate >= MIN_RATE && rate <= MAX_RATE) {
                return rate;
            }
        } catch (NumberFormatException e) {
            // the message below says what a rate is
        }
        throw new IllegalArgumentException("rate limit '" + text + "': use requests per second from " + (long) MIN_RATE
                + " to " + (long) MAX_RATE + ", e.g. 300/s");
    }

    /** The least rate limit: a bucket of one token, refilled each second. */
    public static final double MIN_RATE = 1;

    private static int whole(String value, String name, String whole) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "downstream '" + whole + "': " + name + " '" + value + "' is not a whole number");
        }
    }
}
