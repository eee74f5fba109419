package flagbench.download;

import java.time.Duration;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http2.H2StreamResetException;
import org.apache.hc.core5.util.Timeout;
import org.apache.hc.core5.util.VersionInfo;

/** What the two Apache clients share: their timeouts, their TLS, their failures in flagbench's words, and their version. */
final class ApacheFailures {

    private ApacheFailures() {}

    /** Connect and socket timeout of every pooled connection. */
    static ConnectionConfig connections(Duration timeout) {
        Timeout t = Timeout.of(timeout);
        return ConnectionConfig.custom()
                .setConnectTimeout(t)
                .setSocketTimeout(t)
                .build();
    }

    /** The response timeout, and as long to lease a connection (the pool is sized so that none waits). */
    static RequestConfig requests(Duration timeout) {
        Timeout t = Timeout.of(timeout);
        return RequestConfig.custom()
                .setResponseTimeout(t)
                .setConnectionRequestTimeout(t)
                .build();
    }

    /** TLS trusting exactly the endpoint's certificate, host names verified as the builder does by default. */
    static ClientTlsStrategyBuilder tls(Endpoint endpoint) {
        // BOTH, as the builder's own javadoc describes its default: left unset, 5.5.1 verified no host name for an IP
        // address (a certificate for another host was accepted on 127.0.0.1, docs/clients.md)
        return ClientTlsStrategyBuilder.create()
                .setSslContext(endpoint.trust().sslContext())
                .setHostVerificationPolicy(HostnameVerificationPolicy.BOTH);
    }

    static Outcome failure(String code, Throwable e) {
        return switch (e) {
            case ConnectTimeoutException t -> Outcome.error(code, Outcome.CANNOT_CONNECT + ": " + t.getMessage());
            case HttpException t -> Outcome.broken(code, t); // the async client's parser: not an IOException
            // HTTP/2: a connection idle past the socket timeout resets its streams with these words
            case H2StreamResetException t
            when String.valueOf(t.getMessage()).startsWith("Timeout") -> Outcome.error(code, Outcome.TIMEOUT);
            default -> Outcome.error(code, e);
        };
    }

    static String version() {
        VersionInfo info = VersionInfo.loadVersionInfo("org.apache.hc.client5", ApacheFailures.class.getClassLoader());
        return info == null ? "" : info.getRelease();
    }
}
