package flagbench.download;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/** How one download ended: exactly one of OK (with the bytes), NOT_FOUND, or ERROR (with a reason). */
public record Outcome(String code, Status status, byte[] body, String reason) {

    public enum Status {
        OK,
        NOT_FOUND,
        ERROR
    }

    /**
     * The first words of the reasons that tune and the tests tell apart, whatever the client: the request
     * timed out, no connection was made, the answer was broken (reset, closed early, malformed), or the
     * server refused it with 429 or 503, a busy service's answers. The library's own words, or the
     * status, follow after a colon.
     */
    public static final String TIMEOUT = "timeout";

    public static final String REFUSED = "refused";
    public static final String CANNOT_CONNECT = "cannot connect";
    public static final String BROKEN = "broken answer";

    public static Outcome ok(String code, byte[] body) {
        return new Outcome(code, Status.OK, body, null);
    }

    public static Outcome notFound(String code) {
        return new Outcome(code, Status.NOT_FOUND, null, null);
    }

    public static Outcome error(String code, String reason) {
        return new Outcome(code, Status.ERROR, null, reason);
    }

    /** An error whose reason says what happened in words, without the exception's class or stack. */
    public static Outcome error(String code, Throwable cause) {
        return error(code, describe(cause));
    }

    /** What a failure was, in words ("timeout", "cannot connect: …"), without the exception's class or stack. */
    public static String describe(Throwable cause) {
        Throwable t = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        String message = t.getMessage();
        String what = switch (t) {
            case HttpConnectTimeoutException e -> CANNOT_CONNECT;
            case HttpTimeoutException e -> TIMEOUT;
            // HttpURLConnection and the classic socket clients say which timeout in the message
            case SocketTimeoutException e
            when String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect") -> CANNOT_CONNECT;
            case SocketTimeoutException e -> TIMEOUT;
            case TimeoutException e -> TIMEOUT;
            case ConnectException e -> CANNOT_CONNECT;
            case IOException e -> BROKEN;
            default -> "failed";
        };
        String detail = message != null && !message.isBlank()
                ? oneLine(message)
                : t instanceof EOFException || t instanceof ClosedChannelException ? "connection closed" : null;
        return detail == null || detail.equals(what) ? what : what + ": " + detail;
    }

    /** An error for a protocol failure that a library reports as other than an {@link java.io.IOException}. */
    public static Outcome broken(String code, Throwable cause) {
        return error(code, cause.getMessage() == null ? BROKEN : BROKEN + ": " + oneLine(cause.getMessage()));
    }

    /** A library's message on one line: some span several (OkHttp's certificate refusals do). */
    private static String oneLine(String message) {
        return message.strip().replaceAll("\\s+", " ");
    }

    public int size() {
        return body == null ? 0 : body.length;
    }
}
