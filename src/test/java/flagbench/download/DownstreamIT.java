package flagbench.download;

import static org.assertj.core.api.Assertions.assertThat;

import flagbench.catalog.CodeSets;
import flagbench.server.FlagServer;
import flagbench.server.FlagServerClient;
import flagbench.server.ServerConfig;
import flagbench.timing.Downstream;
import flagbench.timing.Latency;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The book's strategies against a real flag server with a capacity, a queue and a rate limit, on 127.0.0.1 and a
 * dynamic port. The margins are wide: the box is shared, and what matters here is the shape, queueing theory's
 * (its exact means are {@code AdmissionTest}'s).
 */
class DownstreamIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static ServerConfig server(String latency, Downstream downstream) {
        return ServerConfig.local().withLatency(Latency.parse(latency)).withDownstream(downstream);
    }

    private static Tally pool(FlagServer server, int workers, List<String> codes) {
        try (var fetcher = new HttpFlagFetcher(Endpoint.plain(server.baseUrl()), TIMEOUT)) {
            return Strategies.named("pool").downloadMany(codes, new Downloader(fetcher), workers);
        }
    }

    /** W closed-loop workers, C < W places, service L: throughput C / L, each download about (W / C) · L. */
    @Test
    void closedLoopWorkersShareTheCapacity() {
        List<String> codes = CodeSets.named("100");
        try (var limited = FlagServer.start(server("50ms", new Downstream(5, -1, Downstream.Overload.STATUS_503, 0)))) {
            pool(limited, 20, CodeSets.named("20")); // connections open, code compiled
            limited.meter().reset();
            var times = new DownloadTimes();
            long start = System.nanoTime();
            Tally tally;
            try (var fetcher = new HttpFlagFetcher(Endpoint.plain(limited.baseUrl()), TIMEOUT)) {
                tally = Strategies.named("pool").downloadMany(codes, new Downloader(fetcher, times), 20);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(tally.ok()).isEqualTo(100);
            // 100 downloads at C / L = 100/s: 1 s; without the capacity 20 at a time would take 0.25 s
            assertThat(100 / seconds).isBetween(70.0, 105.0);
            // each one waits for three others ahead of it in the queue: (W / C) · L = 200 ms
            assertThat(times.withoutQueue().getValueAtPercentile(50) / 1000.0).isBetween(150.0, 300.0);
            var meter = limited.meter().snapshot();
            assertThat(meter.peakQueued()).isBetween(10, 15); // W - C wait while C are served
            assertThat(meter.peak()).isLessThanOrEqualTo(20);
        }
    }

    @Test
    void beyondTheQueueTheOverloadAnswerIsARefusalWithRetryAfterAndTheTotalsAddUp() throws Exception {
        try (var limited = FlagServer.start(server("200ms", new Downstream(2, 3, Downstream.Overload.STATUS_429, 0)));
                var http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
                var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var request = HttpRequest.newBuilder(URI.create(limited.baseUrl() + "/br/br.gif"))
                    .build();
            List<Future<HttpResponse<Void>>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                answers.add(threads.submit(() -> http.send(request, HttpResponse.BodyHandlers.discarding())));
            }
            int ok = 0, refused = 0;
            for (var answer : answers) {
                HttpResponse<Void> response = answer.get();
                if (response.statusCode() == 429) {
                    refused++;
                    assertThat(response.headers()
                                    .firstValueAsLong("Retry-After")
                                    .orElse(-1))
                            .isBetween(1L, 2L);
                } else {
                    assertThat(response.statusCode()).isEqualTo(200);
                    ok++;
                }
            }
            // two in service and three waiting: five answered; the arrivals spread over the box's moment, so some of
            // the
            // refused may have found a place freed
            assertThat(ok).isBetween(5, 7);
            assertThat(ok + refused).isEqualTo(10);
            assertThat(limited.meter().snapshot().refused()).isEqualTo(refused);

            Tally tally = pool(limited, 20, CodeSets.named("40"));
            assertThat(tally.total()).isEqualTo(40);
            assertThat(tally.error()).isPositive();
            assertThat(tally.errorReasons()).containsOnlyKeys(Outcome.REFUSED + ": HTTP 429");
        }
    }

    @Test
    void theRateLimitLetsItsBurstThroughThenRefuses() {
        try (var limited = FlagServer.start(server("0", new Downstream(0, -1, Downstream.Overload.STATUS_503, 50)))) {
            long start = System.nanoTime();
            Tally tally = pool(limited, 10, CodeSets.named("300"));
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(tally.total()).isEqualTo(300);
            // a burst of 50, then 50 a second for as long as it took
            assertThat((double) tally.ok()).isBetween(50.0, 50 + 50 * seconds + 1);
            assertThat(tally.errorReasons()).containsOnlyKeys(Outcome.REFUSED + ": HTTP 429");
        }
    }

    @Test
    void overloadCloseAnswersNothing() {
        try (var limited = FlagServer.start(server("300ms", new Downstream(1, 0, Downstream.Overload.CLOSE, 0)))) {
            Tally tally = pool(limited, 4, CodeSets.named("4"));
            assertThat(tally.total()).isEqualTo(4);
            assertThat(tally.ok()).isBetween(1, 2);
            assertThat(tally.errorReasons().keySet()).allMatch(reason -> reason.startsWith(Outcome.BROKEN));
        }
    }

    @Test
    void theControlRouteChangesTheDownstreamFromTheNextRequestOn() {
        try (var server = FlagServer.start(server("0", Downstream.NONE));
                var control = new FlagServerClient(server.baseUrl(), server.token())) {
            assertThat(pool(server, 10, CodeSets.named("100")).ok()).isEqualTo(100);
            control.downstream(Downstream.parse("rate=20/s"));
            assertThat(pool(server, 10, CodeSets.named("100")).ok()).isBetween(20, 30);
            control.downstream(Downstream.NONE);
            assertThat(pool(server, 10, CodeSets.named("100")).ok()).isEqualTo(100);
        }
    }
}
