package flagbench.server;

import com.github.tomakehurst.wiremock.http.Fault;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The broken responses the server can give instead of a flag, by their command-line names. */
public enum FaultKind {
    RESET(Fault.CONNECTION_RESET_BY_PEER),
    EMPTY(Fault.EMPTY_RESPONSE),
    MALFORMED(Fault.MALFORMED_RESPONSE_CHUNK),
    GARBAGE(Fault.RANDOM_DATA_THEN_CLOSE);

    final Fault wireMockFault;

    FaultKind(Fault wireMockFault) {
        this.wireMockFault = wireMockFault;
    }

    public static FaultKind parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown fault '" + name + "': use one of "
                    + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", ")));
        }
    }
}
