package flagbench.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import flagbench.timing.Downstream;
import flagbench.timing.Latency;
import flagbench.timing.Network;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The one client of a flag server's control routes ({@link ControlRoutes}): a benchmark fork
 * sets the latency and the downstream of a trial, and resets and reads the in-flight meter around each iteration.
 * The paths, verbs and the meter's JSON live here and in {@code ControlRoutes}, side by side.
 */
public final class FlagServerClient implements AutoCloseable {

    private final String root;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ObjectMapper json = new ObjectMapper();

    private final String token;

    /**
     * @param flagsUrl the server's base URL, ending in {@code /flags}
     * @param token    the server's control token ({@link FlagServer#token()}, or what {@code serve} printed)
     */
    public FlagServerClient(String flagsUrl, String token) {
        this.token = token;
        if (!flagsUrl.endsWith("/flags")) {
            throw new IllegalArgumentException("a flag server URL ends in /flags, got " + flagsUrl);
        }
        this.root = flagsUrl.substring(0, flagsUrl.length() - "/flags".length());
    }

    public void latency(Latency latency) {
        send(HttpRequest.newBuilder(URI.create(root + ControlRoutes.LATENCY))
                .PUT(HttpRequest.BodyPublishers.ofString(latency.text())));
    }

    /**
     * Gives the server this downstream's limits from now on ({@link Downstream#NONE}: none). The limits it had last keep
     * their places and tokens when given again: a new trial against the same service.
     */
    public void downstream(Downstream downstream) {
        send(HttpRequest.newBuilder(URI.create(root + ControlRoutes.DOWNSTREAM))
                .PUT(HttpRequest.BodyPublishers.ofString(downstream.text())));
    }

    /**
     * Puts {@code network} between the server and the connections opened from now on; returns where clients reach the
     * server across it (the server's own addresses for {@link Network#LOOPBACK}).
     */
    public FlagServer.Addresses network(Network network) {
        String body = send(HttpRequest.newBuilder(URI.create(root + ControlRoutes.NETWORK))
                .PUT(HttpRequest.BodyPublishers.ofString(network.text())));
        try {
            var tree = json.readTree(body);
            return new FlagServer.Addresses(
                    tree.path("http").asText(),
                    tree.hasNonNull("https") ? Optional.of(tree.get("https").asText()) : Optional.empty());
        } catch (IOException e) {
            throw new IllegalStateException("unreadable network addresses from " + root + ": " + e.getMessage(), e);
        }
    }

    /** Whether the server closes each HTTP/1.1 connection after its answer from now on ({@link FlagServer#closeEachConnection}). */
    public void closeEachConnection(boolean close) {
        send(HttpRequest.newBuilder(URI.create(root + ControlRoutes.CONNECTIONS))
                .PUT(HttpRequest.BodyPublishers.ofString(close ? ControlRoutes.CLOSE : ControlRoutes.KEEP_ALIVE)));
    }

    /** Starts a new measurement on the meter; returns it as it stands just after the reset. */
    public InFlightMeter.Snapshot resetMeter() {
        return snapshot(HttpRequest.newBuilder(URI.create(root + ControlRoutes.METER_RESET))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** Ends a measurement: the meter as it stands, and the downstream's bucket paused until the next reset. */
    public InFlightMeter.Snapshot stopMeter() {
        return snapshot(HttpRequest.newBuilder(URI.create(root + ControlRoutes.METER_STOP))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    public InFlightMeter.Snapshot meter() {
        return snapshot(
                HttpRequest.newBuilder(URI.create(root + ControlRoutes.METER)).GET());
    }

    private InFlightMeter.Snapshot snapshot(HttpRequest.Builder request) {
        try {
            return json.readValue(send(request), InFlightMeter.Snapshot.class);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable meter from " + root + ": " + e.getMessage(), e);
        }
    }

    private String send(HttpRequest.Builder request) {
        try {
            var response = http.send(
                    request.timeout(Duration.ofSeconds(10))
                            .header(ControlToken.HEADER, token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 401) {
                throw new IllegalStateException(
                        "the flag server at " + root + " refused the control token: use the one its serve printed");
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": "
                        + response.body() + " (is it a flagbench server?)");
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "flag server at " + root + " unreachable ("
                            + (e.getMessage() == null ? "no answer" : e.getMessage()) + ")",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
