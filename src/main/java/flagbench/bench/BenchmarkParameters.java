package flagbench.bench;

import flagbench.bench.DownloadBenchmark.Connections;
import flagbench.bench.DownloadBenchmark.Transport;
import flagbench.catalog.CodeSets;
import flagbench.download.Client;
import flagbench.download.Clients;
import flagbench.download.Protocol;
import flagbench.download.Protocols;
import flagbench.download.Strategies;
import flagbench.timing.Downstream;
import flagbench.timing.Durations;
import flagbench.timing.Latency;
import flagbench.timing.Network;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Param;

/**
 * {@link DownloadBenchmark}'s parameters as the launcher checks them before any JVM is forked: their names, read from the
 * benchmark's {@code @Param} fields (so a new parameter is one field, and a typo such as {@code -p maxworkers=64} is
 * refused, never ignored), each value with the parser the trial will use, and the pairs that cannot be measured.
 */
public final class BenchmarkParameters {

    private BenchmarkParameters() {}

    /** The benchmark's {@code @Param} fields, in the order the class declares them. */
    private static final List<Field> FIELDS = Arrays.stream(DownloadBenchmark.class.getDeclaredFields())
            .filter(f -> f.isAnnotationPresent(Param.class))
            .toList();

    /** The benchmark's parameters, by name, in the order the class declares them. */
    static final List<String> NAMES = FIELDS.stream().map(Field::getName).toList();

    /** A trial's values as JMH set them, by name (an enum by its constant's name): one row for {@link #checkCombination}. */
    static Map<String, String> values(DownloadBenchmark trial) {
        var values = new java.util.HashMap<String, String>();
        for (Field field : FIELDS) {
            try {
                values.put(field.getName(), String.valueOf(field.get(trial)));
            } catch (IllegalAccessException e) { // the fields are public: JMH sets them the same way
                throw new IllegalStateException("cannot read parameter " + field.getName() + ": " + e.getMessage(), e);
            }
        }
        return values;
    }

    /** Each parameter's default, where its {@code @Param} has one value: what a run that does not set it measures. */
    static final Map<String, String> DEFAULTS = Arrays.stream(DownloadBenchmark.class.getDeclaredFields())
            .filter(f -> f.isAnnotationPresent(Param.class)
                    && f.getAnnotation(Param.class).value().length == 1)
            .collect(Collectors.toUnmodifiableMap(
                    Field::getName, f -> f.getAnnotation(Param.class).value()[0]));

    /**
     * Checks one parameter value with the parser the trial will use.
     *
     * @throws IllegalArgumentException naming the parameter and what it takes
     */
    public static void check(String name, String value) {
        try {
            switch (name) {
                case "strategy" -> Strategies.named(value);
                case "latency" -> Latency.parse(value);
                case "downstream" -> Downstream.parse(value);
                case "network" -> Network.parse(value);
                case "maxWorkers" -> Strategies.requireWorkers(Integer.parseInt(value.trim()));
                case "codes" -> CodeSets.named(value, 1);
                case "transport" -> Transport.valueOf(value);
                case "client" -> Clients.named(value);
                case "protocol" -> Protocols.named(value);
                case "connections" -> Connections.valueOf(value);
                case "timeout" -> Durations.timeout(value);
                default ->
                    throw new IllegalArgumentException(
                            NAMES.contains(name)
                                    ? "a parameter without a check: add one here"
                                    : "no such parameter: use one of " + String.join(", ", NAMES));
            }
        } catch (IllegalArgumentException e) { // NumberFormatException and valueOf's too
            String detail = e instanceof NumberFormatException
                    ? "not a whole number"
                    : name.equals("transport")
                            ? "use http or simulated"
                            : name.equals("connections") ? "use warm, cold or closed" : e.getMessage();
            throw new IllegalArgumentException("-p " + name + "=" + value + ": " + detail);
        }
    }

    /**
     * A parameter's value in the one spelling a run records and matches by: the registered name of a strategy, client or
     * protocol ({@code JDK} is {@code jdk}), the written form of a downstream or network ({@code CAPACITY=5} is
     * {@code capacity=5}), a whole number without its leading zeros. A value that does not parse is left as typed: the check
     * refuses it with its own words.
     */
    static String canonical(String name, String value) {
        try {
            return switch (name) {
                case "strategy" -> Strategies.named(value).name();
                case "client" -> Clients.named(value).name();
                case "protocol" -> Protocols.named(value).name();
                case "downstream" -> Downstream.parse(value).text();
                case "network" -> Network.parse(value).text();
                case "maxWorkers" -> String.valueOf(Integer.parseInt(value.trim()));
                default -> value;
            };
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    /**
     * Refuses a combination of parameter values that cannot be measured together: a strategy on a client
     * without its call, a protocol the client does not speak, a cold start on a client whose connections belong to
     * the JVM, connections closed after each answer on HTTP/2, or a server's setting (downstream, network, closed
     * connections) for the simulated transport, which has no server.
     *
     * @param row one value per parameter; a parameter it lacks has its default
     * @throws IllegalArgumentException saying what to use instead
     */
    static void checkCombination(Map<String, String> row) {
        java.util.function.Function<String, String> value = name -> row.getOrDefault(name, DEFAULTS.get(name));
        String client = value.apply("client");
        String protocol = value.apply("protocol");
        Connections connections = Connections.valueOf(value.apply("connections"));
        Client c = Clients.named(client);
        Clients.requireCompatible(Strategies.named(value.apply("strategy")), c);
        Clients.requireSpeaks(c, Protocols.named(protocol));
        if (connections == Connections.closed && Protocols.named(protocol).version() != Protocol.Version.HTTP_1_1) {
            throw new IllegalArgumentException(
                    "-p connections=closed with protocol=" + protocol + ": a connection closed after each"
                            + " answer is HTTP/1.1's (an HTTP/2 answer ends a stream); use protocol=http or https");
        }
        if (connections == Connections.cold && !c.startsCold()) {
            throw new IllegalArgumentException("-p client=" + client + " with connections=cold: " + client
                    + " keeps one connection cache per JVM, so a new client cannot start cold; use connections=warm");
        }
        if (Transport.valueOf(value.apply("transport")) == Transport.simulated
                && (Downstream.parse(value.apply("downstream")).limited()
                        || !Network.parse(value.apply("network")).loopback()
                        || connections == Connections.closed)) {
            throw new IllegalArgumentException("-p transport=simulated has no server: no downstream, network or closed"
                    + " connections to give it; use transport=http");
        }
    }

    /**
     * Every combination of the values each parameter takes (its default where none is given; every registered strategy
     * where none is named): what JMH will measure, one map per row.
     */
    static List<Map<String, String>> combinations(java.util.function.Function<String, List<String>> valuesOf) {
        List<Map<String, String>> rows = List.of(Map.of());
        for (String name : NAMES) {
            List<String> values = valuesOf.apply(name);
            if (values.isEmpty()) {
                values = name.equals("strategy") ? Strategies.names() : List.of(DEFAULTS.get(name));
            }
            var next = new java.util.ArrayList<Map<String, String>>();
            for (var row : rows) {
                for (String v : values) {
                    var extended = new java.util.HashMap<>(row);
                    extended.put(name, v);
                    next.add(extended);
                }
            }
            rows = next;
        }
        return rows;
    }
}
