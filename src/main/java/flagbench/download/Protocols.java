package flagbench.download;

import java.util.List;

/**
 * The protocols, as registered in {@code META-INF/services/flagbench.download.Protocol}: adding one is one class and
 * one line there ({@link Registry}).
 */
public final class Protocols {

    /** What every row used before there was a protocol, and still the default: HTTP/1.1 in clear. */
    public static final String DEFAULT = "http";

    private static final Registry<Protocol> REGISTRY = new Registry<>(Protocol.class, "protocol", Protocol::name);

    private Protocols() {}

    public static List<Protocol> all() {
        return REGISTRY.all();
    }

    public static List<String> names() {
        return REGISTRY.names();
    }

    /** @throws IllegalArgumentException for an unknown name, with the names there are */
    public static Protocol named(String name) {
        return REGISTRY.named(name);
    }

    /** The names of the protocols a client speaks, in the registry's order (tables and suites list them so). */
    public static List<String> spokenBy(Client client) {
        return names().stream().filter(client.protocols()::contains).toList();
    }
}
