package flagbench.download;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.io.CloseMode;

/**
 * Apache HttpClient 5 async: an I/O reactor (one dispatcher thread per core) reads and writes
 * every socket and completes a callback per exchange, which completes the future. Its pool has the
 * classic one's limits (25, 5 per route), set here to the connections asked for.
 */
public final class ApacheAsyncClient implements Client {

    @Override
    public String name() {
        return "apache-async";
    }

    @Override
    public String library() {
        return "Apache HttpClient 5 async " + ApacheFailures.version() + " (CloseableHttpAsyncClient.execute)";
    }

    @Override
    public Set<Call> calls() {
        return EnumSet.of(Call.ASYNC);
    }

    @Override
    public String pool() {
        return "PoolingAsyncClientConnectionManager maxTotal = maxPerRoute = the row's concurrency (default 25 / 5)";
    }

    @Override
    public FlagFetcher open(String baseUrl, Duration timeout, int connections) {
        CloseableHttpAsyncClient client = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(connections).setMaxConnPerRoute(connections)
                        .setDefaultConnectionConfig(ApacheFailures.connections(timeout))
                        .build())
                .setDefaultRequestConfig(ApacheFailures.requests(timeout))
                .build();
        client.start();
        return new Fetcher(FlagAnswer.base(baseUrl), client);
    }

    private record Fetcher(String base, CloseableHttpAsyncClient client) implements FlagFetcher {

        @Override
        public CompletableFuture<Outcome> fetchAsync(String code) {
            var result = new CompletableFuture<Outcome>();
            var exchange = client.execute(SimpleRequestBuilder.get(FlagAnswer.uri(base, code)).build(), new FutureCallback<>() {
                @Override
                public void completed(SimpleHttpResponse response) {
                    var length = response.getFirstHeader(HttpHeaders.CONTENT_LENGTH);
                    byte[] body = response.getBodyBytes();
                    result.complete(FlagAnswer.outcome(code, response.getCode(), body == null ? new byte[0] : body,
                            length == null ? -1 : Long.parseLong(length.getValue().strip())));
                }

                @Override
                public void failed(Exception e) {
                    result.complete(ApacheFailures.failure(code, e));
                }

                @Override
                public void cancelled() {
                    result.cancel(false);
                }
            });
            // cancelling the result aborts the exchange, as HttpClient's sendAsync does
            result.whenComplete((outcome, e) -> {
                if (e instanceof CancellationException) {
                    exchange.cancel(true);
                }
            });
            return result;
        }

        @Override
        public void close() {
            client.close(CloseMode.IMMEDIATE);
        }
    }
}
