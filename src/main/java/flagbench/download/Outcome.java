package flagbench.download;

/** How one download ended: exactly one of OK (with the bytes), NOT_FOUND, or ERROR (with a reason). */
public record Outcome(String code, Status status, byte[] body, String reason) {

    public enum Status { OK, NOT_FOUND, ERROR }

    public static Outcome ok(String code, byte[] body) {
        return new Outcome(code, Status.OK, body, null);
    }

    public static Outcome notFound(String code) {
        return new Outcome(code, Status.NOT_FOUND, null, null);
    }

    public static Outcome error(String code, String reason) {
        return new Outcome(code, Status.ERROR, null, reason);
    }

    /** An error whose reason names the exception, without its stack. */
    public static Outcome error(String code, Throwable cause) {
        String message = cause.getMessage();
        String name = cause.getClass().getSimpleName();
        return error(code, message == null || message.isBlank() ? name : name + ": " + message);
    }

    public int size() {
        return body == null ? 0 : body.length;
    }
}
