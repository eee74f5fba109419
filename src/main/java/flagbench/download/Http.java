package flagbench.download;

/** HTTP/1.1 in clear: every row made before there were protocols, and the default. */
public final class Http extends SimpleProtocol {

    public Http() {
        super("http", "HTTP/1.1 in clear", false, Version.HTTP_1_1);
    }
}
