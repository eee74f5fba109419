package flagbench.download;

import java.time.Duration;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.util.Timeout;
import org.apache.hc.core5.util.VersionInfo;

/** What the two Apache clients share: their timeouts, their failures in flagbench's words, and their version. */
final class ApacheFailures {

    private ApacheFailures() {
    }

    /** Connect and socket timeout of every pooled connection. */
    static ConnectionConfig connections(Duration timeout) {
        Timeout t = Timeout.of(timeout);
        return ConnectionConfig.custom().setConnectTimeout(t).setSocketTimeout(t).build();
    }

    /** The response timeout, and as long to lease a connection (the pool is sized so that none waits). */
    static RequestConfig requests(Duration timeout) {
        Timeout t = Timeout.of(timeout);
        return RequestConfig.custom().setResponseTimeout(t).setConnectionRequestTimeout(t).build();
    }

    static Outcome failure(String code, Throwable e) {
        return switch (e) {
            case ConnectTimeoutException t -> Outcome.error(code, Outcome.CANNOT_CONNECT + ": " + t.getMessage());
            case HttpException t -> Outcome.broken(code, t); // the async client's parser: not an IOException
            default -> Outcome.error(code, e);
        };
    }

    static String version() {
        VersionInfo info = VersionInfo.loadVersionInfo("org.apache.hc.client5", ApacheFailures.class.getClassLoader());
        return info == null ? "" : info.getRelease();
    }
}
