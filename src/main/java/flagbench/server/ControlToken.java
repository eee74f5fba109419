package flagbench.server;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.security.Authenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Who may use the control routes: whoever sends the server's token in {@value #HEADER}. Each
 * server draws its own at start (or takes one from {@code serve --token}); the benchmark forks
 * receive it from the launcher. WireMock asks this for every admin request, so without the token
 * the answer is 401.
 */
final class ControlToken implements Authenticator {

    static final String HEADER = "X-Flagbench-Token";

    private final byte[] token;

    ControlToken(String token) {
        if (token == null || token.length() < 16) {
            throw new IllegalArgumentException("a control token needs at least 16 characters");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /** 128 random bits in hex. */
    static String random() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    String value() {
        return new String(token, StandardCharsets.UTF_8);
    }

    @Override
    public boolean authenticate(Request request) {
        return accepts(request.getHeader(HEADER));
    }

    /** Whether {@code sent}, the value of {@value #HEADER} (null without one), is the token. */
    boolean accepts(String sent) {
        // constant time: the answer's timing tells nothing about how much of a guess was right
        return sent != null && MessageDigest.isEqual(token, sent.getBytes(StandardCharsets.UTF_8));
    }
}
