package flagbench.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import flagbench.catalog.Catalog;
import flagbench.timing.Latency;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlagServerIT {

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<byte[]> get(FlagServer server, String path) throws IOException, InterruptedException {
        var uri = URI.create("http://127.0.0.1:" + server.port() + path);
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void servesFlagsAndMetadataOnTheBooksUrlLayout() throws Exception {
        try (var server = FlagServer.start(ServerConfig.local())) {
            assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port() + "/flags");
            var gif = get(server, "/flags/cn/cn.gif");
            assertThat(gif.statusCode()).isEqualTo(200);
            assertThat(gif.headers().firstValue("Content-Type")).hasValue("image/gif");
            assertThat(gif.headers().firstValueAsLong("Content-Length")).hasValue(11_925);
            assertThat(gif.body())
                    .isEqualTo(Catalog.get().gif(Catalog.get().find("CN").orElseThrow()));

            var metadata = get(server, "/flags/br/metadata.json");
            assertThat(metadata.statusCode()).isEqualTo(200);
            assertThat(new String(metadata.body())).contains("\"iso_cc\":\"BR\"", "\"country\":\"Brazil\"");

            for (String missing : List.of(
                    "/flags/zz/zz.gif",
                    "/flags/CN/CN.gif",
                    "/flags/cn/us.gif",
                    "/flags/zz/metadata.json",
                    "/",
                    "/flags/cn/cn.png",
                    "/flags/%25cn/cn.gif")) {
                assertThat(get(server, missing).statusCode()).as(missing).isEqualTo(404);
            }
            assertThat(get(server, "/flags/cn/cn.gif?fresh=1").statusCode()).isEqualTo(200);
            var counts = server.meter().snapshot();
            assertThat(counts.ok()).isEqualTo(3);
            assertThat(counts.notFound()).isEqualTo(7);
            assertThat(counts.requests()).isEqualTo(10);
            assertThat(counts.cpuNanos()).isPositive();
        }
    }

    @Test
    void errorsAreDecidedBeforeThe404AndRepeatWithTheSeed() throws Exception {
        var config = ServerConfig.local().withErrors(0.5, 503).withSeed(11);
        assertThat(statuses(config)).isEqualTo(statuses(config)).contains(503, 200, 404);
        assertThat(statuses(config)).isNotEqualTo(statuses(config.withSeed(12)));
    }

    private List<Integer> statuses(ServerConfig config) throws Exception {
        var statuses = new ArrayList<Integer>();
        try (var server = FlagServer.start(config)) {
            for (String cc : List.of("cn", "zz", "us", "qq", "br", "xx", "in", "jp", "aa", "de", "fr", "yy")) {
                statuses.add(get(server, "/flags/" + cc + "/" + cc + ".gif").statusCode());
            }
            var counts = server.meter().snapshot();
            assertThat(counts.error())
                    .isEqualTo(statuses.stream().filter(s -> s == 503).count());
        }
        return statuses;
    }

    @Test
    void aPortAlreadyTakenIsOneClearError() {
        try (var first = FlagServer.start(ServerConfig.local())) {
            assertThatThrownBy(() -> FlagServer.start(ServerConfig.local().withPort(first.port())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + first.port());
        }
    }

    @Test
    void aFixedDelayHoldsTheAnswerAndCountsAsInFlight() throws Exception {
        try (var server = FlagServer.start(ServerConfig.local().withLatency(Latency.parse("300ms")))) {
            long start = System.nanoTime();
            assertThat(get(server, "/flags/fr/fr.gif").statusCode()).isEqualTo(200);
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(290);
            assertThat(server.meter().snapshot().peak()).isEqualTo(1);
        }
    }
}
