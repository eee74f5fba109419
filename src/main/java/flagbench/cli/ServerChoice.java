package flagbench.cli;

import flagbench.server.ServerConfig.Profile;
import java.net.URI;
import java.util.Locale;

/** {@code download -s}: a profile label (an embedded server of that profile) or a running server's base URL. */
record ServerChoice(Profile profile, URI url) {

    static ServerChoice parse(String text) {
        if (text.contains("://")) {
            URI uri;
            try {
                uri = URI.create(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + text + "' is not a URL");
            }
            if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        "'" + text + "' is not an http:// URL or a server label (LOCAL, DELAY, ERROR)");
            }
            if (!uri.getPath().replaceAll("/+$", "").endsWith("/flags")) {
                // every flag would be a 404, and the run would report "194 not found" as if that were true
                throw new IllegalArgumentException("'" + text + "': a flag server's base URL ends in /flags"
                        + " (e.g. http://127.0.0.1:8001/flags)");
            }
            return new ServerChoice(null, uri);
        }
        try {
            return new ServerChoice(Profile.valueOf(text.trim().toUpperCase(Locale.ROOT)), null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown server '" + text + "': use LOCAL, DELAY, ERROR or an http:// URL");
        }
    }

    boolean embedded() {
        return profile != null;
    }

    /** LOCAL, DELAY or ERROR for an embedded server, REMOTE for a URL, as flags2 labels its site. */
    String label() {
        return embedded() ? profile.name() : "REMOTE";
    }

    @Override
    public String toString() {
        return embedded() ? profile.name() : url.toString();
    }
}
