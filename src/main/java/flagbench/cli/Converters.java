package flagbench.cli;

import flagbench.bench.Plan;
import flagbench.bench.Suite;
import flagbench.download.Client;
import flagbench.download.Clients;
import flagbench.download.Protocol;
import flagbench.download.Protocols;
import flagbench.download.Strategies;
import flagbench.download.Strategy;
import flagbench.timing.Durations;
import flagbench.timing.Latency;
import flagbench.timing.Network;
import flagbench.tune.TunePlan;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * The types the commands take beyond enums, each read by one converter registered once for the
 * whole CLI ({@link Main}); a bad value becomes picocli's one-line usage error.
 */
final class Converters {

    private Converters() {}

    static void register(CommandLine commandLine) {
        commandLine.registerConverter(Strategy.class, oneLine(Strategies::named));
        commandLine.registerConverter(Client.class, oneLine(Clients::named));
        commandLine.registerConverter(Protocol.class, oneLine(Protocols::named));
        commandLine.registerConverter(Latency.class, oneLine(Latency::parse));
        commandLine.registerConverter(Network.class, oneLine(Network::parse));
        commandLine.registerConverter(Duration.class, oneLine(Durations::timeout));
        commandLine.registerConverter(ServerChoice.class, oneLine(ServerChoice::parse));
        commandLine.registerConverter(Plan.class, oneLine(Converters::plan));
        commandLine.registerConverter(Path.class, oneLine(Converters::path));
        commandLine.registerConverter(Instant.class, oneLine(Converters::instant));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** The parser's own message as picocli's usage error, without an exception's class name in it. */
    private static <T> CommandLine.ITypeConverter<T> oneLine(Function<String, T> parse) {
        return text -> {
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        };
    }

    /**
     * A file or directory the user names. An empty name is refused: the JDK reads it as the working directory, so
     * {@code --results ''} ran a whole bench into it and {@code --chart ''} failed at the end, after the work.
     */
    static Path path(String name) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("an empty name: give a file or directory");
        }
        return Path.of(name);
    }

    /** A moment as ISO-8601 writes it in UTC ({@code 2026-12-02T14:07:29Z}). */
    static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a moment such as 2026-12-02T14:07:29Z");
        }
    }

    /** A suite by name, in any case, or {@code tune}: tune's adaptive sweep with its defaults. */
    static Plan plan(String name) {
        if (name.equalsIgnoreCase(TunePlan.DEFAULTS.label())) {
            return TunePlan.DEFAULTS;
        }
        for (Suite suite : Suite.values()) {
            if (suite.label().equalsIgnoreCase(name)) {
                return suite;
            }
        }
        throw new IllegalArgumentException("no suite " + name + ": use one of " + String.join(", ", new SuiteNames()));
    }

    /** The suites' names and tune's, for {@code ${COMPLETION-CANDIDATES}} in --help. */
    static final class SuiteNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            var names = new ArrayList<String>();
            for (Suite suite : Suite.values()) {
                names.add(suite.label());
            }
            names.add(TunePlan.DEFAULTS.label());
            return names.iterator();
        }
    }

    /** The registered strategies' names, for {@code ${COMPLETION-CANDIDATES}} in --help. */
    static final class StrategyNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Strategies.names().iterator();
        }
    }

    /** The strategies that maxWorkers limits, the ones tune can tune, for {@code ${COMPLETION-CANDIDATES}} in tune's --help. */
    static final class TunableStrategyNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return TunePlan.tunable().iterator();
        }
    }

    /** The registered clients' names, likewise. */
    static final class ClientNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Clients.names().iterator();
        }
    }

    /** The registered protocols' names, likewise. */
    static final class ProtocolNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Protocols.names().iterator();
        }
    }
}
