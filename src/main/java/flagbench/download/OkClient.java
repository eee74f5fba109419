package flagbench.download;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttp;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * OkHttp 5 (Retrofit's and Android's client): both calls. {@code execute} reads the socket in the calling thread;
 * {@code enqueue} runs each call on its dispatcher's own thread pool (a thread per call in flight, which blocks in the
 * read) and calls back. Its dispatcher runs 64 calls at once, 5 per host, and its pool keeps 5 idle connections: all
 * set here to the connections asked for. On {@code h2} it negotiates HTTP/2 by ALPN and multiplexes over one connection
 * per host, opening another when the server's stream limit is reached.
 */
public final class OkClient implements Client {

    @Override
    public String name() {
        return "okhttp";
    }

    @Override
    public String library() {
        return "OkHttp " + OkHttp.VERSION + " (Call.execute, Call.enqueue)";
    }

    @Override
    public Set<Call> calls() {
        return EnumSet.allOf(Call.class);
    }

    @Override
    public Set<String> protocols() {
        return Set.of("http", "https", "h2");
    }

    @Override
    public String pool() {
        return "Dispatcher maxRequests = maxRequestsPerHost and ConnectionPool maxIdleConnections = the row's concurrency"
                + " (default 64, 5 per host, 5 idle); h2: one connection per host, another when its streams run out";
    }

    @Override
    public FlagFetcher open(Endpoint endpoint, Duration timeout, int connections) {
        var dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(Math.max(connections, 1));
        dispatcher.setMaxRequestsPerHost(Math.max(connections, 1));
        var builder = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(Math.max(connections, 5), 5, TimeUnit.MINUTES))
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .protocols(
                        endpoint.http2()
                                ? List.of(okhttp3.Protocol.HTTP_2, okhttp3.Protocol.HTTP_1_1)
                                : List.of(okhttp3.Protocol.HTTP_1_1));
        if (endpoint.protocol().tls()) {
            var trust = endpoint.trust();
            builder.sslSocketFactory(
                    trust.sslContext().getSocketFactory(), trust.trustManager()); // host names: OkHostnameVerifier
        }
        return new Fetcher(endpoint.baseUrl(), builder.build());
    }

    private record Fetcher(String base, OkHttpClient client) implements FlagFetcher {

        private okhttp3.Call call(String code) {
            return client.newCall(new Request.Builder()
                    .url(FlagAnswer.uri(base, code).toString())
                    .get()
                    .build());
        }

        @Override
        public Outcome fetch(String code) {
            try (Response response = call(code).execute()) {
                return outcome(code, response);
            } catch (IOException | RuntimeException e) {
                return Thread.currentThread().isInterrupted()
                        ? Outcome.error(code, Tally.NOT_STARTED)
                        : Outcome.error(code, e);
            }
        }

        @Override
        public CompletableFuture<Outcome> fetchAsync(String code) {
            var result = new CompletableFuture<Outcome>();
            okhttp3.Call call = call(code);
            call.enqueue(new Callback() {
                @Override
                public void onResponse(okhttp3.Call c, Response response) {
                    try (response) {
                        result.complete(outcome(code, response));
                    } catch (IOException | RuntimeException e) {
                        result.complete(Outcome.error(code, e));
                    }
                }

                @Override
                public void onFailure(okhttp3.Call c, IOException e) {
                    result.complete(Outcome.error(code, e));
                }
            });
            // cancelling the future cancels the call, as HttpClient's sendAsync does
            result.whenComplete((outcome, e) -> {
                if (e instanceof CancellationException) {
                    call.cancel();
                }
            });
            return result;
        }

        private static Outcome outcome(String code, Response response) throws IOException {
            byte[] body = response.body().bytes();
            String length = response.header("Content-Length");
            return FlagAnswer.outcome(
                    code, response.code(), body, length == null ? -1 : Long.parseLong(length.strip()));
        }

        @Override
        public void close() {
            client.dispatcher().cancelAll();
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }
}
