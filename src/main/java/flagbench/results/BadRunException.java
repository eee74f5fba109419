package flagbench.results;

/** A run folder that cannot be read; the message is one line meant for the user. */
public class BadRunException extends IllegalArgumentException {
    public BadRunException(String message) {
        super(message);
    }
}
