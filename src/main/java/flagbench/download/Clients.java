package flagbench.download;

import java.util.List;

/**
 * The clients, as registered in {@code META-INF/services/flagbench.download.Client}: adding one is
 * one class and one line there ({@link Registry}).
 */
public final class Clients {

    /** What a row without a {@code client} parameter (made before there was one) used. */
    public static final String DEFAULT = "jdk";

    private static final Registry<Client> REGISTRY = new Registry<>(Client.class, "client", Client::name);

    private Clients() {}

    public static List<Client> all() {
        return REGISTRY.all();
    }

    public static List<String> names() {
        return REGISTRY.names();
    }

    /** @throws IllegalArgumentException for an unknown name, with the names there are */
    public static Client named(String name) {
        return REGISTRY.named(name);
    }

    /** The clients that offer a strategy's call: those it can run on. */
    public static List<Client> offering(Client.Call call) {
        return all().stream().filter(c -> c.calls().contains(call)).toList();
    }

    /**
     * Whether the strategy can run on the client.
     *
     * @throws IllegalArgumentException when it cannot, naming the clients it can run on
     */
    public static void requireCompatible(Strategy strategy, Client client) {
        if (!client.calls().contains(strategy.call())) {
            throw new IllegalArgumentException("strategy " + strategy.name() + " makes " + callName(strategy.call())
                    + " calls, which client " + client.name() + " does not offer: use client "
                    + String.join(
                            ", ",
                            offering(strategy.call()).stream().map(Client::name).toList()));
        }
    }

    /** The clients that speak a protocol. */
    public static List<Client> speaking(Protocol protocol) {
        return all().stream()
                .filter(c -> c.protocols().contains(protocol.name()))
                .toList();
    }

    /**
     * Whether the client speaks the protocol.
     *
     * @throws IllegalArgumentException when it does not, naming the clients that do
     */
    public static void requireSpeaks(Client client, Protocol protocol) {
        if (!client.protocols().contains(protocol.name())) {
            throw new IllegalArgumentException("client " + client.name() + " does not speak " + protocol.name() + " ("
                    + protocol.description()
                    + "): use client "
                    + String.join(
                            ", ", speaking(protocol).stream().map(Client::name).toList())
                    + ", or protocol "
                    + String.join(", ", client.protocols().stream().sorted().toList()));
        }
    }

    private static String callName(Client.Call call) {
        return call == Client.Call.BLOCKING ? "blocking" : "async";
    }
}
