package flagbench.download;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * Apache HttpClient 5 classic: the calling thread reads the socket itself, as with
 * {@link UrlConnectionClient}. Its pooling connection manager allows 25 connections and 5 per
 * route unless told otherwise: both are set to the connections asked for, so that the pool never
 * queues a strategy's requests.
 */
public final class ApacheClient implements Client {

    @Override
    public String name() {
        return "apache";
    }

    @Override
    public String library() {
        return "Apache HttpClient 5 classic " + ApacheFailures.version() + " (CloseableHttpClient.execute)";
    }

    @Override
    public Set<Call> calls() {
        return EnumSet.of(Call.BLOCKING);
    }

    @Override
    public Set<String> protocols() {
        return Set.of("http", "https"); // the classic client is HTTP/1.1 only
    }

    @Override
    public String pool() {
        return "PoolingHttpClientConnectionManager maxTotal = maxPerRoute = the row's concurrency (default 25 / 5)";
    }

    @Override
    public FlagFetcher open(Endpoint endpoint, Duration timeout, int connections) {
        var pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(connections)
                .setMaxConnPerRoute(connections)
                .setDefaultConnectionConfig(ApacheFailures.connections(timeout));
        if (endpoint.protocol().tls()) {
            pool.setTlsSocketStrategy(ApacheFailures.tls(endpoint).buildClassic());
        }
        CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(pool.build())
                .setDefaultRequestConfig(ApacheFailures.requests(timeout))
                .build();
        return new Fetcher(endpoint.baseUrl(), client);
    }

    private record Fetcher(String base, CloseableHttpClient client) implements FlagFetcher {

        @Override
        public Outcome fetch(String code) {
            try {
                // the handler reads the body whole; then the connection goes back to the pool
                return client.execute(new HttpGet(FlagAnswer.uri(base, code)), response -> {
                    var entity = response.getEntity();
                    byte[] body = entity == null ? new byte[0] : EntityUtils.toByteArray(entity);
                    return FlagAnswer.outcome(
                            code, response.getCode(), body, entity == null ? -1 : entity.getContentLength());
                });
            } catch (IOException | RuntimeException e) {
                return Thread.currentThread().isInterrupted()
                        ? Outcome.error(code, Tally.NOT_STARTED)
                        : ApacheFailures.failure(code, e);
            }
        }

        @Override
        public void close() {
            try {
                client.close();
            } catch (IOException e) {
                // closing connections to a loopback server: nothing a caller could do about it
            }
        }
    }
}
