package flagbench.timing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The network between client and server, as the server's user-space link models it: a round-trip time, an access link's
 * bandwidth shared by all of a client's connections, and a jitter on each direction's delay. {@link #LOOPBACK} is no
 * link at all: the client talks to the server directly, as every row did before networks existed.
 *
 * <p>Written as {@code loopback}, or {@code rtt=50ms}, {@code bandwidth=20mbit} and {@code jitter=5ms} joined by {@code +},
 * in that order: the text is a JMH parameter (where a comma would start another value), a control-route body and a
 * machine.json field, so one spelling reads back to one value. Every option not given is off.
 *
 * <p>Whatever the options, a link with a round trip is TCP-like: a new connection's first bytes wait one extra round trip
 * (the SYN), and each direction of a connection sends at most {@link #INITIAL_WINDOW_BYTES} before its first
 * acknowledgement, its window growing by every byte acknowledged (slow start, RFC 5681 with RFC 6928's initial window).
 *
 * @param rttMillis         the round-trip time in ms; 0 for none
 * @param bitsPerSecond     the access link's rate in each direction; 0 for no limit
 * @param jitterMillis      each direction's delay varies uniformly by up to this much either way; 0 for none
 */
public record Network(double rttMillis, long bitsPerSecond, double jitterMillis) {

    public static final Network LOOPBACK = new Network(0, 0, 0);
    /** A TCP segment's payload on an Ethernet path (1500-byte MTU less 40 bytes of IP and TCP headers). */
    public static final int SEGMENT_BYTES = 1460;
    /** Linux's initial congestion window since 2.6.39: 10 segments (RFC 6928). */
    public static final int INITIAL_WINDOW_BYTES = 10 * SEGMENT_BYTES;
    /** Sane bounds: beyond them a value is a typo, not a network. */
    public static final double MAX_RTT_MILLIS = 10_000;

    public static final long MAX_BITS_PER_SECOND = 100_000_000_000L;
    public static final long MIN_BITS_PER_SECOND = 8_000;

    public Network {
        if (!(rttMillis >= 0 && rttMillis <= MAX_RTT_MILLIS)) {
            throw new IllegalArgumentException("rtt must be in 0.." + (long) MAX_RTT_MILLIS + "ms, got " + rttMillis);
        }
        if (bitsPerSecond != 0 && (bitsPerSecond < MIN_BITS_PER_SECOND || bitsPerSecond > MAX_BITS_PER_SECOND)) {
            throw new IllegalArgumentException("bandwidth must be in 8kbit..100gbit, got " + bitsPerSecond + " bit/s");
        }
        if (!(jitterMillis >= 0 && jitterMillis <= rttMillis / 2)) {
            throw new IllegalArgumentException("jitter must be in 0..rtt/2 (a delay cannot be negative), got "
                    + jitterMillis + "ms with an rtt of " + rttMillis + "ms");
        }
    }

    /** Whether there is no link: the client reaches the server directly. */
    public boolean loopback() {
        return rttMillis == 0 && bitsPerSecond == 0;
    }

    /** One direction's delay in ms: half the round trip. */
    public double oneWayMillis() {
        return rttMillis / 2;
    }

    /** The ms it takes to put {@code bytes} on the link at its bandwidth: 0 without a limit. */
    public double transmitMillis(long bytes) {
        return bitsPerSecond == 0 ? 0 : bytes * 8_000.0 / bitsPerSecond;
    }

    /**
     * The round trips slow start adds to sending {@code bytes} from a window of {@code window} bytes: 0 while they fit in it,
     * else one per doubling they need (the window doubles each round trip while every byte is acknowledged).
     */
    public static int slowStartRounds(long bytes, long window) {
        int rounds = 0;
        for (long sent = window, w = window; sent < bytes; rounds++) {
            w *= 2;
            sent += w;
        }
        return rounds;
    }

    /**
     * The least time in ms one download of a {@code bytes} answer takes across this link, server time aside: one round trip for
     * the request and answer, on a new connection one more for TCP's handshake, {@code handshakeRoundTrips} more for TLS's, and
     * the rounds slow start adds from the initial window; plus the answer's time on the wire at the bandwidth.
     */
    public double downloadMillis(long bytes, boolean newConnection, int handshakeRoundTrips) {
        if (loopback()) {
            return 0;
        }
        int roundTrips =
                1 + (newConnection ? 1 + handshakeRoundTrips + slowStartRounds(bytes, INITIAL_WINDOW_BYTES) : 0);
        return roundTrips * rttMillis + transmitMillis(bytes);
    }

    /** A median flag's size in bytes (countries.tsv: 9.9 K): what a typical download carries. */
    public static final long TYPICAL_ANSWER_BYTES = 9_900;

    /**
     * What a worker waits per download on a warm connection: the server's {@code latencyMillis}, and across this link a
     * round trip and a typical answer's time on the wire. The L of Little's law, W* = X_max · L, for tune and its report.
     */
    public double warmWaitMillis(double latencyMillis) {
        return latencyMillis + downloadMillis(TYPICAL_ANSWER_BYTES, false, 0);
    }

    /** The text {@link #parse} reads back to this value. */
    public String text() {
        if (equals(LOOPBACK)) {
            return "loopback";
        }
        var parts = new ArrayList<String>();
        if (rttMillis > 0) {
            parts.add("rtt=" + number(rttMillis) + "ms");
        }
        if (bitsPerSecond > 0) {
            parts.add("bandwidth=" + rate(bitsPerSecond));
        }
        if (jitterMillis > 0) {
            parts.add("jitter=" + number(jitterMillis) + "ms");
        }
        return String.join("+", parts);
    }

    /** The link in words: "a 50 ms round trip", "a 50 ms round trip and 20 Mbit/s", "loopback". */
    public String words() {
        if (loopback()) {
            return "loopback";
        }
        var parts = new ArrayList<String>();
        if (rttMillis > 0) {
            parts.add("a " + number(rttMillis) + " ms round trip"
                    + (jitterMillis > 0 ? " (±" + number(jitterMillis) + " ms)" : ""));
        }
        if (bitsPerSecond > 0) {
            String rate = rate(bitsPerSecond); // 20mbit -> 20 Mbit/s
            String prefix = rate.substring(0, rate.length() - 3).replaceAll("\\d", "");
            parts.add(rate.substring(0, rate.length() - 3 - prefix.length()) + " "
                    + prefix.toUpperCase(Locale.ROOT).replace("K", "k") + "bit/s");
        }
        return String.join(" and ", parts);
    }

    private static String rate(long bitsPerSecond) {
        for (var unit :
                List.of(new Unit("gbit", 1_000_000_000L), new Unit("mbit", 1_000_000L), new Unit("kbit", 1_000L))) {
            if (bitsPerSecond % unit.bits == 0) {
                return bitsPerSecond / unit.bits + unit.name;
            }
        }
        return bitsPerSecond + "bit";
    }

    private record Unit(String name, long bits) {}

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static final String FORM =
            "use loopback, or rtt=50ms+bandwidth=20mbit+jitter=5ms (each optional, in that order)";

    /** @throws IllegalArgumentException with a one-line message for anything but the written form */
    public static Network parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.equals("loopback")) {
            return LOOPBACK;
        }
        double rtt = 0, jitter = 0;
        long bits = 0;
        var seen = Parts.of(t, "network", text);
        for (var part : seen.entrySet()) {
            String name = part.getKey();
            String value = part.getValue();
            switch (name) {
                case "rtt" -> rtt = millis(value, name, text);
                case "bandwidth" -> bits = bandwidth(value, text);
                case "jitter" -> jitter = millis(value, name, text);
                default -> throw new IllegalArgumentException("network '" + text + "': " + FORM);
            }
        }
        if (seen.containsKey("rtt") && rtt == 0) {
            throw new IllegalArgumentException("network '" + text + "': an rtt of 0 is loopback; give more than 0ms");
        }
        if (jitter > 0 && rtt == 0) {
            throw new IllegalArgumentException("network '" + text + "': jitter varies a round trip: give an rtt too");
        }
        try {
            return new Network(rtt, bits, jitter);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("network '" + text + "': " + e.getMessage());
        }
    }

    private static double millis(String value, String name, String whole) {
        var ms = Durations.millis(value);
        if (ms.isEmpty() || ms.getAsLong() < 0 || value.contains("-")) {
            throw new IllegalArgumentException(
                    "network '" + whole + "': " + name + " '" + value + "' is not a duration such as 50ms");
        }
        return ms.getAsLong();
    }

    private static long bandwidth(String value, String whole) {
        var m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(kbit|mbit|gbit|bit)")
                .matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("network '" + whole + "': bandwidth '" + value
                    + "' is not a rate such as 20mbit, 512kbit or 1gbit");
        }
        double factor = switch (m.group(2)) {
            case "gbit" -> 1e9;
            case "mbit" -> 1e6;
            case "kbit" -> 1e3;
            default -> 1;
        };
        return Math.round(Double.parseDouble(m.group(1)) * factor);
    }
}
