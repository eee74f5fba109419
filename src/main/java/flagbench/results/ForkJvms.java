package flagbench.results;

import java.util.Locale;

/**
 * How a run's forks had their JVMs, as machine.json records it: {@code forkIsolation} holds the value ({@code own} or
 * {@code shared}) that comparisons decide on; {@code forkJvms} the sentence for people, with the reason where there is one.
 * A run made before {@code forkIsolation} existed is read from its sentence, whose two wordings were fixed then; one made
 * before forks could share a JVM had one each.
 */
public enum ForkJvms {
    /** A JVM per fork, as JMH makes them. */
    OWN("a JVM per fork"),
    /** A JVM per turn and client ({@code bench.SharedForks}). */
    SHARED("a JVM per turn and client, its rows in an order that moves on each turn");

    /** machine.json's field for the value. */
    public static final String FIELD = "/forkIsolation";
    /** machine.json's field for the sentence. */
    public static final String SENTENCE_FIELD = "/forkJvms";

    /** How every sentence that a run with shared JVMs wrote before {@link #FIELD} existed begins. */
    private static final String LEGACY_SHARED = "a JVM per turn";

    private final String sentence;

    ForkJvms(String sentence) {
        this.sentence = sentence;
    }

    /** The words for people: {@code a JVM per fork}. */
    public String sentence() {
        return sentence;
    }

    /** The sentence with why, where the isolation was not the default: {@code a JVM per fork (-prof)}. */
    public String sentence(String why) {
        return sentence + " (" + why + ")";
    }

    /** The value machine.json records: {@code own}, {@code shared}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@link #value}'s inverse; empty for any other text. */
    static java.util.Optional<ForkJvms> ofValue(String value) {
        return java.util.Arrays.stream(values())
                .filter(f -> f.value().equals(value))
                .findFirst();
    }

    /** How {@code run}'s forks had their JVMs. */
    public static ForkJvms of(RunFolder run) {
        return run.machineValue(FIELD)
                .flatMap(ForkJvms::ofValue) // checked by MachineJson when the folder was read
                .orElseGet(() -> run.machineValue(SENTENCE_FIELD)
                        .filter(sentence -> sentence.startsWith(LEGACY_SHARED))
                        .map(sentence -> SHARED)
                        .orElse(OWN));
    }
}
