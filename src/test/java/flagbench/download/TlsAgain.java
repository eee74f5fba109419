package flagbench.download;

/**
 * A protocol that lives only in the tests, to prove that adding one takes one class, one registration line and the
 * clients that speak it ({@link JdkAgainClient}): HTTP/1.1 over TLS under a name of its own.
 */
public final class TlsAgain implements Protocol {

    @Override
    public String name() {
        return "tls-again";
    }

    @Override
    public String description() {
        return "HTTP/1.1 over TLS, registered by the tests";
    }

    @Override
    public boolean tls() {
        return true;
    }

    @Override
    public Version version() {
        return Version.HTTP_1_1;
    }
}
