package flagbench.bench;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * JMH's console output without the stack traces of a failed benchmark: JMH prints what a fork
 * threw as {@code <failure>} and a trace of 15-30 lines; the bench command says the cause in one
 * line of its own. Everything else (progress, ETA, results) passes through. {@code bench --verbose}
 * skips the filter.
 */
final class TraceFilter extends OutputStream {

    private static final Pattern TRACE_LINE = Pattern.compile(
            "\\s+at .*|\\s*\\.\\.\\. \\d+ more|Caused by: .*|Suppressed: .*|\\s*|[\\w.$]+(Exception|Error)(: .*)?");

    private final PrintStream out;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean inFailure;

    private TraceFilter(PrintStream out) {
        this.out = out;
    }

    /** A print stream that writes to {@code out} what is not part of a failure's trace. */
    static PrintStream around(PrintStream out) {
        return new PrintStream(new TraceFilter(out), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emit(line.toString(StandardCharsets.UTF_8));
            line.reset();
        } else {
            line.write(b);
        }
    }

    private void emit(String text) {
        if (text.strip().endsWith("<failure>")) { // "Iteration   1: <failure>", then the trace
            inFailure = true;
            out.println(text.replace("<failure>", "failed (the cause is the last line; bench --verbose shows the trace)"));
            return;
        }
        if (inFailure && TRACE_LINE.matcher(text).matches()) {
            return;
        }
        inFailure = false;
        out.println(text);
    }

    @Override
    public synchronized void flush() {
        out.flush();
    }
}
