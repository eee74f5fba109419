package flagbench.server;

import com.github.tomakehurst.wiremock.http.Fault;

/** The broken responses the server can give instead of a flag (on the command line in any case: {@code reset}). */
public enum FaultKind {
    RESET(Fault.CONNECTION_RESET_BY_PEER),
    EMPTY(Fault.EMPTY_RESPONSE),
    MALFORMED(Fault.MALFORMED_RESPONSE_CHUNK),
    GARBAGE(Fault.RANDOM_DATA_THEN_CLOSE);

    final Fault wireMockFault;

    FaultKind(Fault wireMockFault) {
        this.wireMockFault = wireMockFault;
    }
}
