package flagbench.download;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Fetches {@code BASE/{cc}/{cc}.gif} with one shared {@link HttpClient}. 404 is NOT_FOUND;
 * any other status, I/O error, timeout or a body shorter than announced is ERROR.
 */
public final class HttpFlagFetcher implements FlagFetcher {

    /** The book's flags2 default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(3100);

    private final String baseUrl;
    private final Duration timeout;
    private final HttpClient client;

    public HttpFlagFetcher(String baseUrl, Duration timeout) {
        // "localhost" costs a name lookup per connection, which pins virtual threads' carriers
        this.baseUrl = stripSlash(baseUrl.replaceFirst("//localhost([:/]|$)", "//127.0.0.1$1"));
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade attempt on plain HTTP
                .connectTimeout(timeout)
                .build();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
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
        String cc = code.toLowerCase(Locale.ROOT);
        return HttpRequest.newBuilder(URI.create(baseUrl + "/" + cc + "/" + cc + ".gif"))
                .timeout(timeout)
                .GET()
                .build();
    }

    private static Outcome outcome(String code, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status == 404) {
            return Outcome.notFound(code);
        }
        if (status != 200) {
            return Outcome.error(code, "HTTP " + status);
        }
        byte[] body = response.body();
        long announced = response.headers().firstValueAsLong("Content-Length").orElse(body.length);
        if (body.length != announced) {
            return Outcome.error(code, "short body: " + body.length + " of " + announced + " bytes");
        }
        return Outcome.ok(code, body);
    }

    private static Outcome failure(String code, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause instanceof HttpTimeoutException
                ? Outcome.error(code, "timeout")
                : Outcome.error(code, cause);
    }

    @Override
    public void close() {
        client.close();
    }
}
