package flagbench.download;

import java.net.URI;
import java.util.Locale;

/**
 * What every client does alike around its own call: where a flag is, and what an answer means.
 * 404 is NOT_FOUND; any other status but 200, or a body shorter than announced, is ERROR (429 and 503
 * as refused: the server was too busy, not broken).
 */
final class FlagAnswer {

    private FlagAnswer() {}

    /**
     * The base URL as the clients use it: no trailing slash, and {@code 127.0.0.1} for
     * {@code localhost}, since a name lookup per connection pins virtual threads' carriers.
     */
    static String base(String baseUrl) {
        String url = baseUrl.replaceFirst("//localhost([:/]|$)", "//127.0.0.1$1");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** {@code BASE/{cc}/{cc}.gif}, the book server's layout, in lower case. */
    static URI uri(String base, String code) {
        String cc = code.toLowerCase(Locale.ROOT);
        return URI.create(base + "/" + cc + "/" + cc + ".gif");
    }

    /** @param announced the Content-Length header's value, or -1 without one */
    static Outcome outcome(String code, int status, byte[] body, long announced) {
        if (status == 404) {
            return Outcome.notFound(code);
        }
        if (status == 429 || status == 503) {
            return Outcome.error(code, Outcome.REFUSED + ": HTTP " + status);
        }
        if (status != 200) {
            return Outcome.error(code, "HTTP " + status);
        }
        if (announced >= 0 && body.length != announced) {
            return Outcome.error(code, "short body: " + body.length + " of " + announced + " bytes");
        }
        return Outcome.ok(code, body);
    }
}
