package flagbench.download;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.timeout.ReadTimeoutException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Reactor Netty's {@code HttpClient}, the engine under Spring's WebClient: Netty's event loops
 * (one per core, at least four) read and write every socket; a response is a {@code Mono}. Its
 * connection provider caps connections per host (2 × cores, at least 16) and queues the rest: set
 * here to the connections asked for, with no limit on the queue.
 */
public final class ReactorClient implements Client {

    private static final byte[] EMPTY = new byte[0];

    @Override
    public String name() {
        return "reactor";
    }

    @Override
    public String library() {
        return "Reactor Netty HttpClient "
                + LibraryVersions.of("io.projectreactor.netty", "reactor-netty-http")
                        .orElse("(version unknown)") + " (responseSingle, as a future)";
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
        return "ConnectionProvider maxConnections = the row's concurrency, pending queue unbounded (default 2 x cores, at least 16);"
                + " h2: each connection's streams up to the server's limit, then another connection";
    }

    @Override
    public FlagFetcher open(Endpoint endpoint, Duration timeout, int connections) {
        var provider = ConnectionProvider.builder("flagbench")
                .maxConnections(connections)
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(timeout)
                .build();
        var client = HttpClient.create(provider)
                .protocol(endpoint.http2() ? HttpProtocol.H2 : HttpProtocol.HTTP11)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .responseTimeout(timeout);
        if (endpoint.protocol().tls()) {
            X509Certificate trusted = endpoint.trust().certificate();
            client = client.secure(spec -> spec.sslContext(
                    endpoint.http2()
                            ? Http2SslContextSpec.forClient().configure(b -> b.trustManager(trusted))
                            : Http11SslContextSpec.forClient().configure(b -> b.trustManager(trusted))));
        }
        return new Fetcher(endpoint.baseUrl(), client, provider);
    }

    private record Fetcher(String base, HttpClient client, ConnectionProvider provider) implements FlagFetcher {

        @Override
        public CompletableFuture<Outcome> fetchAsync(String code) {
            return client.get()
                    .uri(FlagAnswer.uri(base, code))
                    .responseSingle((response, body) -> body.asByteArray()
                            .defaultIfEmpty(EMPTY)
                            .map(bytes -> FlagAnswer.outcome(
                                    code, response.status().code(), bytes, contentLength(response.responseHeaders()))))
                    .onErrorResume(e -> Mono.just(failure(code, e)))
                    .toFuture(); // cancelling the future cancels the exchange
        }

        private static Outcome failure(String code, Throwable e) {
            return switch (e) {
                case ReadTimeoutException t -> Outcome.error(code, Outcome.TIMEOUT);
                case DecoderException t ->
                    Outcome.broken(code, t.getCause() == null ? t : t.getCause()); // Netty's parser
                default -> Outcome.error(code, e);
            };
        }

        private static long contentLength(HttpHeaders headers) {
            String length = headers.get("Content-Length");
            return length == null ? -1 : Long.parseLong(length.strip());
        }

        @Override
        public void close() {
            provider.dispose();
        }
    }
}
