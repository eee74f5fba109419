package flagbench.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The versions of the libraries in the jar, as the build resolved them ({@code maven-dependency-plugin:list} writes
 * {@code flagbench/libraries.txt}). A library's own manifest is not in a shaded jar, whose one manifest is flagbench's: its
 * {@code Implementation-Version} recorded Reactor Netty as flagbench's {@code 0.1.0-SNAPSHOT}. Empty when run from
 * classes the build did not list (an IDE), never a wrong version.
 */
public final class LibraryVersions {

    private static final String RESOURCE = "/flagbench/libraries.txt";
    /** {@code   group:artifact:type[:classifier]:version -- module …}. */
    private static final Pattern LINE =
            Pattern.compile("\\s*([^:\\s]+):([^:\\s]+):[^:\\s]+(?::[^:\\s]+)?:([^:\\s]+)(?:\\s.*)?");

    private static final Map<String, String> VERSIONS = read();

    private LibraryVersions() {}

    /** The version of {@code group:artifact} in this jar. */
    public static Optional<String> of(String group, String artifact) {
        return Optional.ofNullable(VERSIONS.get(group + ":" + artifact));
    }

    private static Map<String, String> read() {
        try (InputStream in = LibraryVersions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Map.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(LINE::matcher)
                    .filter(Matcher::matches)
                    .collect(Collectors.toUnmodifiableMap(
                            m -> m.group(1) + ":" + m.group(2), m -> m.group(3), (a, b) -> a));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }
}
