package flagbench.download;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpClientTransport;
import org.eclipse.jetty.client.HttpResponseException;
import org.eclipse.jetty.client.api.ContentResponse;
import org.eclipse.jetty.client.api.Request;
import org.eclipse.jetty.client.api.Response;
import org.eclipse.jetty.client.api.Result;
import org.eclipse.jetty.client.http.HttpClientTransportOverHTTP;
import org.eclipse.jetty.client.util.BufferingResponseListener;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.http.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.Jetty;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Jetty's {@code HttpClient}, of the Jetty 11 line that WireMock's server runs on (Jetty 12's jars clash with it on one
 * class path): both calls. {@code send} blocks the calling thread on a future; Jetty's selector threads read the
 * sockets and its thread pool completes the exchanges, as {@code java.net.http} does. Its pool allows 64 connections per
 * destination and queues 1,024 requests: set here to the connections asked for, and a queue that never refuses. On
 * {@code h2} (ALPN, {@code HttpClientTransportOverHTTP2}) it multiplexes each connection up to the server's stream
 * limit, then opens another.
 */
public final class JettyClient implements Client {

    /** Larger than any flag (36 KB), as BufferingResponseListener needs a bound. */
    private static final int MAX_BODY = 1 << 20;

    @Override
    public String name() {
        return "jetty";
    }

    @Override
    public String library() {
        return "Jetty HttpClient " + Jetty.VERSION + " (Request.send, Request.send(listener))";
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
        return "maxConnectionsPerDestination = the row's concurrency, requests queued per destination at least as many (default 64,"
                + " 1,024); h2: each connection's streams up to the server's limit, then another connection";
    }

    @Override
    public FlagFetcher open(Endpoint endpoint, Duration timeout, int connections) {
        var connector = new ClientConnector();
        if (endpoint.protocol().tls()) {
            var tls = new SslContextFactory.Client(); // endpoint identification HTTPS: host names verified
            tls.setSslContext(endpoint.trust().sslContext());
            connector.setSslContextFactory(tls);
        }
        HttpClientTransport transport = endpoint.http2()
                ? new HttpClientTransportOverHTTP2(new HTTP2Client(connector))
                : new HttpClientTransportOverHTTP(connector);
        var client = new HttpClient(transport);
        client.setConnectTimeout(timeout.toMillis());
        client.setMaxConnectionsPerDestination(Math.max(connections, 1));
        client.setMaxRequestsQueuedPerDestination(Math.max(connections, 1024));
        client.setFollowRedirects(false);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty's HttpClient did not start: " + e.getMessage(), e);
        }
        return new Fetcher(endpoint.baseUrl(), client, timeout.toMillis());
    }

    private record Fetcher(String base, HttpClient client, long timeoutMillis) implements FlagFetcher {

        private Request request(String code) {
            return client.newRequest(FlagAnswer.uri(base, code)).timeout(timeoutMillis, TimeUnit.MILLISECONDS);
        }

        @Override
        public Outcome fetch(String code) {
            try {
                ContentResponse response = request(code).send();
                return outcome(code, response, response.getContent());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.error(code, Tally.NOT_STARTED);
            } catch (ExecutionException e) {
                return failure(code, e.getCause() == null ? e : e.getCause());
            } catch (TimeoutException | RuntimeException e) {
                return failure(code, e);
            }
        }

        @Override
        public CompletableFuture<Outcome> fetchAsync(String code) {
            var result = new CompletableFuture<Outcome>();
            Request request = request(code);
            request.send(new BufferingResponseListener(MAX_BODY) {
                @Override
                public void onComplete(Result exchange) {
                    result.complete(
                            exchange.isFailed()
                                    ? failure(code, exchange.getFailure())
                                    : outcome(code, exchange.getResponse(), getContent()));
                }
            });
            // cancelling the future aborts the exchange
            result.whenComplete((outcome, e) -> {
                if (e instanceof CancellationException) {
                    request.abort(e);
                }
            });
            return result;
        }

        /**
         * A failed exchange in flagbench's words. Jetty reports a broken answer other than as an {@code IOException}: a
         * protocol violation (naming the connection: the words before it are kept), or an HTTP/2 session closed under
         * its streams ({@code IllegalStateException}).
         */
        private static Outcome failure(String code, Throwable e) {
            if (e instanceof HttpResponseException
                    || e instanceof BadMessageException
                    || e instanceof IllegalStateException) {
                String message = String.valueOf(e.getMessage());
                int on = message.indexOf(" on Http");
                return Outcome.error(code, Outcome.BROKEN + ": " + (on < 0 ? message : message.substring(0, on)));
            }
            return Outcome.error(code, e);
        }

        private static Outcome outcome(String code, Response response, byte[] body) {
            long length = response.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
            return FlagAnswer.outcome(code, response.getStatus(), body, length);
        }

        @Override
        public void close() {
            try {
                client.stop();
            } catch (Exception e) {
                // closing connections to a loopback server: nothing a caller could do about it
            }
        }
    }
}
