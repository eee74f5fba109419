package flagbench.cli;

import flagbench.download.Client;
import flagbench.download.Clients;
import flagbench.download.Strategies;
import flagbench.download.Strategy;
import flagbench.timing.Durations;
import flagbench.timing.Latency;
import java.time.Duration;
import java.util.Iterator;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * The types the commands take beyond enums, each read by one converter registered once for the
 * whole CLI ({@link Main}); a bad value becomes picocli's one-line usage error.
 */
final class Converters {

    private Converters() {
    }

    static void register(CommandLine commandLine) {
        commandLine.registerConverter(Strategy.class, oneLine(Strategies::named));
        commandLine.registerConverter(Client.class, oneLine(Clients::named));
        commandLine.registerConverter(Latency.class, oneLine(Latency::parse));
        commandLine.registerConverter(Duration.class, oneLine(Durations::timeout));
        commandLine.registerConverter(ServerChoice.class, oneLine(ServerChoice::parse));
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

    /** The registered strategies' names, for {@code ${COMPLETION-CANDIDATES}} in --help. */
    static final class StrategyNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Strategies.names().iterator();
        }
    }

    /** The registered clients' names, likewise. */
    static final class ClientNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Clients.names().iterator();
        }
    }
}
