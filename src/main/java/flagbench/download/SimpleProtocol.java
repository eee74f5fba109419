package flagbench.download;

/** A protocol that is its four facts: what {@link Http}, {@link Https} and {@link H2} are, each a line of them. */
abstract class SimpleProtocol implements Protocol {

    private final String name;
    private final String description;
    private final boolean tls;
    private final Version version;

    SimpleProtocol(String name, String description, boolean tls, Version version) {
        this.name = name;
        this.description = description;
        this.tls = tls;
        this.version = version;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final boolean tls() {
        return tls;
    }

    @Override
    public final Version version() {
        return version;
    }

    @Override
    public String toString() {
        return name;
    }
}
