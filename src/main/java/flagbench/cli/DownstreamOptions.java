package flagbench.cli;

import flagbench.timing.Downstream;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The downstream's limits, for every command that starts a flag server ({@code serve}, {@code download}, {@code tune}):
 * a capacity with an optional queue and overload answer, and a rate limit. Without any, the server has none.
 */
final class DownstreamOptions {

    @Option(
            names = "--capacity",
            paramLabel = "C",
            description =
                    "At most C requests in service at once; the latency becomes each one's service time, and the others wait"
                            + " in a FIFO queue. Default: no limit.")
    Integer capacity;

    @Option(
            names = "--queue",
            paramLabel = "Q",
            description =
                    "With --capacity: at most Q requests waiting; the next get the --overload answer. Default: no limit.")
    Integer queue;

    @Option(
            names = "--overload",
            paramLabel = "ANSWER",
            converter = OverloadConverter.class,
            description =
                    "With --queue: the answer beyond it, 503 or 429 (with Retry-After) or close (no answer). Default: 503.")
    Downstream.Overload overload;

    @Option(
            names = "--rate-limit",
            paramLabel = "R/s",
            converter = RateConverter.class,
            description =
                    "A token bucket of R requests a second with a burst of R; the excess get 429 with Retry-After. Default: none.")
    Double rateLimit;

    /** @throws IllegalArgumentException (a usage error) for values that cannot work together */
    Downstream downstream() {
        if (queue != null && capacity == null) {
            throw new IllegalArgumentException(
                    "--queue needs --capacity: the queue is where requests wait for a place");
        }
        if (overload != null && queue == null) {
            throw new IllegalArgumentException("--overload needs --queue: it answers the requests beyond the queue");
        }
        if (capacity != null && capacity < 1) {
            throw new IllegalArgumentException("--capacity must be at least 1, got " + capacity);
        }
        try {
            return new Downstream(
                    capacity == null ? 0 : capacity,
                    queue == null ? -1 : queue,
                    overload == null ? Downstream.Overload.STATUS_503 : overload,
                    rateLimit == null ? 0 : rateLimit);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage().replaceFirst("^rate limit", "rate-limit"));
        }
    }

    static final class OverloadConverter implements CommandLine.ITypeConverter<Downstream.Overload> {
        @Override
        public Downstream.Overload convert(String text) {
            try {
                return Downstream.Overload.parse(text);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class RateConverter implements CommandLine.ITypeConverter<Double> {
        @Override
        public Double convert(String text) {
            try {
                return Downstream.rate(text);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
