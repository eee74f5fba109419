package flagbench.download;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The {@code jdk} client's fetcher: one shared {@link HttpClient}, whose blocking {@code send} is
 * {@code sendAsync} and a wait, so its selector thread does every socket read (see {@link JdkClient}).
 */
public final class HttpFlagFetcher implements FlagFetcher {

    /** The book's flags2 default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(3100);

    private final String baseUrl;
    private final Duration timeout;
    private final HttpClient client;

    public HttpFlagFetcher(Endpoint endpoint, Duration timeout) {
        this.baseUrl = endpoint.baseUrl();
        this.timeout = timeout;
        var builder = HttpClient.newBuilder()
                // HTTP/2 only where asked: on plain HTTP the default would try an h2c upgrade
                .version(endpoint.http2() ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout);
        if (endpoint.protocol().tls()) {
            builder.sslContext(endpoint.trust().sslContext()); // host names verified, as by default
        }
        this.client = builder.build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public Outcome fetch(String code) {
        try {
            return outcome(code, client.send(request(code), HttpResponse.BodyHandlers.ofByteArray()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.error(code, Tally.NOT_STARTED);
        } catch (IOException | RuntimeException e) {
            return failure(code, e);
        }
    }

    @Override
    public CompletableFuture<Outcome> fetchAsync(String code) {
        var sending = client.sendAsync(request(code), HttpResponse.BodyHandlers.ofByteArray());
        var fetching = sending.handle((response, e) -> e == null ? outcome(code, response) : failure(code, e));
        // a dependent future does not cancel what it depends on: pass the cancel on, so that
        // HttpClient aborts the exchange instead of finishing a download nobody waits for
        fetching.whenComplete((outcome, e) -> {
            if (e instanceof CancellationException) {
                sending.cancel(true);
            }
        });
        return fetching;
    }

    private HttpRequest request(String code) {
        return HttpRequest.newBuilder(FlagAnswer.uri(baseUrl, code))
                .timeout(timeout)
                .GET()
                .build();
    }

    private static Outcome outcome(String code, HttpResponse<byte[]> response) {
        return FlagAnswer.outcome(
                code,
                response.statusCode(),
                response.body(),
                response.headers().firstValueAsLong("Content-Length").orElse(-1));
    }

    private static Outcome failure(String code, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause instanceof HttpTimeoutException ? Outcome.error(code, "timeout") : Outcome.error(code, cause);
    }

    @Override
    public void close() {
        client.close();
    }
}
