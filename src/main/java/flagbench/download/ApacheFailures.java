package flagbench.download;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.util.VersionInfo;

/** What the two Apache clients share: their failures in flagbench's words, and their version. */
final class ApacheFailures {

    private ApacheFailures() {
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
