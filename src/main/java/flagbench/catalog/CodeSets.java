package flagbench.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/** The code sets of the book's flags2 scripts: POP20, all 194, every AA–ZZ, one-letter prefixes, a limit. */
public final class CodeSets {

    /** The 20 most populous countries, the book's default set. */
    public static final List<String> POP20 = List.of(
            "CN", "IN", "US", "ID", "BR", "PK", "NG", "BD", "RU", "JP", "MX", "PH", "VN", "ET", "EG", "DE", "IR", "TR",
            "CD", "FR");

    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private CodeSets() {}

    /** Every two-letter combination AA–ZZ: 676 codes, 194 of them real. */
    public static List<String> every() {
        return IntStream.range(0, 26 * 26)
                .mapToObj(i -> "" + LETTERS.charAt(i / 26) + LETTERS.charAt(i % 26))
                .toList();
    }

    public static List<String> all() {
        return Catalog.get().codes();
    }

    /**
     * Expands command-line style arguments into a sorted, de-duplicated code list, as flags2's
     * {@code expand_cc_args}: two-letter codes as they are, one letter to its 26 codes.
     * With no arguments and neither {@code all} nor {@code every}, the result is POP20.
     *
     * @param limit at most this many codes, or 0 for no limit
     * @throws IllegalArgumentException naming the first argument that is not a code or a letter
     */
    public static List<String> expand(List<String> args, boolean all, boolean every, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        var codes = new TreeSet<String>();
        if (every) {
            codes.addAll(every());
        } else if (all) {
            codes.addAll(all());
        } else if (args.isEmpty()) {
            codes.addAll(POP20);
        }
        for (String arg : args) {
            String upper = arg.toUpperCase(Locale.ROOT);
            if (upper.length() == 1 && LETTERS.contains(upper)) {
                LETTERS.chars().forEach(second -> codes.add(upper + (char) second));
            } else if (upper.length() == 2
                    && LETTERS.indexOf(upper.charAt(0)) >= 0
                    && LETTERS.indexOf(upper.charAt(1)) >= 0) {
                codes.add(upper);
            } else {
                throw new IllegalArgumentException(
                        "'" + arg + "' is not a two-letter country code or a one-letter prefix");
            }
        }
        var sorted = new ArrayList<>(codes);
        return List.copyOf(limit > 0 && limit < sorted.size() ? sorted.subList(0, limit) : sorted);
    }

    /** A named set for benchmarks: {@code pop20}, {@code all}, {@code every}, or a count N cycling through the 194. */
    public static List<String> named(String name) {
        if (roundsIn(name) > 0) {
            throw new IllegalArgumentException(
                    "code set '" + name + "' counts rounds of maxWorkers: only a benchmark knows them");
        }
        return named(name, 1);
    }

    /**
     * A named set, or {@code Krounds}: K × {@code workers} codes cycling through the 194, so that
     * every worker count of a maxWorkers sweep does exactly K rounds of downloads (a fixed N would
     * be one round for large W and a hundred for small W). {@code Krounds/C}, for a downstream that
     * serves C at a time: the same, but above C workers rounded up to whole rounds of C, so that an
     * operation's last round does not leave the downstream partly idle (4 rounds of 59 workers against
     * 50 places end with a fifth round of 36: 8 % of the operation's time at 72 % of the capacity).
     */
    public static List<String> named(String name, int workers) {
        int rounds = roundsIn(name);
        if (rounds > 0) {
            if (workers < 1) {
                throw new IllegalArgumentException(
                        "code set '" + name + "' needs maxWorkers of at least 1, got " + workers);
            }
            int n = Math.multiplyExact(rounds, workers);
            int capacity = capacityIn(name);
            return cycled(
                    capacity > 0 && workers > capacity
                            ? Math.multiplyExact((n + capacity - 1) / capacity, capacity)
                            : n);
        }
        switch (name.toLowerCase(Locale.ROOT)) {
            case "pop20":
                return POP20.stream().sorted().toList();
            case "all":
                return all();
            case "every":
                return every();
            default:
                int n;
                try {
                    n = Integer.parseInt(name);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("code set '" + name
                            + "' is not pop20, all, every, a positive count or Krounds (e.g. 4rounds)");
                }
                if (n < 1) {
                    throw new IllegalArgumentException("code set count must be at least 1, got " + n);
                }
                return cycled(n);
        }
    }

    private static List<String> cycled(int n) {
        List<String> real = all();
        return IntStream.range(0, n).mapToObj(i -> real.get(i % real.size())).toList();
    }

    private static final Pattern ROUNDS = Pattern.compile("(?i)(-?\\d+)rounds(?:/(-?\\d+))?");

    /** K of {@code Krounds} or {@code Krounds/C}, 0 when the name is not one; a K below 1 is refused. */
    private static int roundsIn(String name) {
        var matcher = ROUNDS.matcher(name.strip());
        if (!matcher.matches()) {
            return 0;
        }
        int rounds = Integer.parseInt(matcher.group(1));
        if (rounds < 1) {
            throw new IllegalArgumentException("code set '" + name + "': at least 1 round");
        }
        return rounds;
    }

    /** C of {@code Krounds/C}, 0 without one; a C below 1 is refused. */
    private static int capacityIn(String name) {
        var matcher = ROUNDS.matcher(name.strip());
        if (!matcher.matches() || matcher.group(2) == null) {
            return 0;
        }
        int capacity = Integer.parseInt(matcher.group(2));
        if (capacity < 1) {
            throw new IllegalArgumentException("code set '" + name + "': rounds of a capacity of at least 1");
        }
        return capacity;
    }
}
