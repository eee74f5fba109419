package flagbench.download;

/** How one download ended: exactly one of OK (with the bytes), NOT_FOUND, or ERROR (with a reason). */
public record Outcome(String code, Status status, byte[] body, String reason) {

    public enum Status { OK, NOT_FOUND, ERROR }

    /** The first words of the reasons that tune tells apart: the request timed out, or no connection was made. */
    public static final String TIMEOUT = "timeout";
    public static final String CANNOT_CONNECT = "cannot connect";

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
        Throwable t = cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        String message = t.getMessage();
        String what = switch (t) {
            case java.net.http.HttpConnectTimeoutException e -> CANNOT_CONNECT;
            case java.net.http.HttpTimeoutException e -> TIMEOUT;
            case java.net.ConnectException e -> CANNOT_CONNECT;
            case java.nio.channels.ClosedChannelException e -> "connection closed";
            case java.io.EOFException e -> "connection closed before the answer ended";
            case java.io.IOException e -> "I/O error";
            default -> "failed";
        };
        return message == null || message.isBlank() || message.equals(what) ? what : what + ": " + message;
    }

    public int size() {
        return body == null ? 0 : body.length;
    }
}
