package flagbench.download;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http2.HttpVersionPolicy;
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
    public Set<String> protocols() {
        return Set.of("http", "https", "h2");
    }

    @Override
    public String pool() {
        return "HTTP/1.1: PoolingAsyncClientConnectionManager maxTotal = maxPerRoute = the row's concurrency (default 25 / 5);"
                + " h2: HttpAsyncClients.customHttp2(), one multiplexed connection per route that queues past the server's"
                + " stream limit";
    }

    @Override
    public FlagFetcher open(Endpoint endpoint, Duration timeout, int connections) {
        CloseableHttpAsyncClient client;
        if (endpoint.http2()) {
            // HttpClient 5's HTTP/2 client: every request a stream of one connection per route (its H2 multiplexing
            // example)
            client = HttpAsyncClients.customHttp2()
                    .setTlsStrategy(ApacheFailures.tls(endpoint).buildAsync())
                    .setDefaultConnectionConfig(ApacheFailures.connections(timeout))
                    .setDefaultRequestConfig(ApacheFailures.requests(timeout))
                    .build();
        } else {
            var pool = PoolingAsyncClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(connections)
                    .setMaxConnPerRoute(connections)
                    .setDefaultConnectionConfig(ApacheFailures.connections(timeout));
            if (endpoint.protocol().tls()) {
                pool.setTlsStrategy(ApacheFailures.tls(endpoint).buildAsync())
                        .setDefaultTlsConfig(TlsConfig.custom()
                                .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                                .build());
            }
            client = HttpAsyncClients.custom()
                    .setConnectionManager(pool.build())
                    .setDefaultRequestConfig(ApacheFailures.requests(timeout))
                    .build();
        }
        client.start();
        return new Fetcher(endpoint.baseUrl(), client);
    }

    private record Fetcher(String base, CloseableHttpAsyncClient client) implements FlagFetcher {

        @Override
        public CompletableFuture<Outcome> fetchAsync(String code) {
            var result = new CompletableFuture<Outcome>();
            var exchange = client.execute(
                    SimpleRequestBuilder.get(FlagAnswer.uri(base, code)).build(), new FutureCallback<>() {
                        @Override
                        public void completed(SimpleHttpResponse response) {
                            var length = response.getFirstHeader(HttpHeaders.CONTENT_LENGTH);
                            byte[] body = response.getBodyBytes();
                            result.complete(FlagAnswer.outcome(
                                    code,
                                    response.getCode(),
                                    body == null ? new byte[0] : body,
                                    length == null
                                            ? -1
                                            : Long.parseLong(length.getValue().strip())));
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
