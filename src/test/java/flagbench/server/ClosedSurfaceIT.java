package flagbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A flag server as a hostile neighbour sees it, over raw sockets so that nothing in a client
 * library tidies the requests: WireMock's admin API is gone, the control routes want the token and
 * no browser, flag URLs take GET and HEAD without a body, and the server still serves afterwards.
 */
class ClosedSurfaceIT {

    private static FlagServer server;

    @BeforeAll
    static void start() {
        server = FlagServer.start(ServerConfig.local());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** One request's status line and headers; the body is read and dropped. */
    record Answer(int status, String head) {}

    private static Answer send(String request) throws IOException {
        try (var socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        var head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                break;
            }
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        assertThat(text).as("an HTTP answer").startsWith("HTTP/1.1 ");
        return new Answer(Integer.parseInt(text.substring(9, 12)), text);
    }

    private static String request(String method, String path, String... headers) {
        return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + String.join(
                        "",
                        java.util.Arrays.stream(headers).map(h -> h + "\r\n").toList()) + "\r\n";
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                // WireMock's generic admin API: not there at all
                "GET     | /__admin                           | 404",
                "GET     | /__admin/                          | 404",
                "GET     | /__admin/mappings                  | 404",
                "POST    | /__admin/mappings                  | 404",
                "POST    | /__admin/mappings/reset            | 404",
                "DELETE  | /__admin/mappings                  | 404",
                "GET     | /__admin/files                     | 404",
                "PUT     | /__admin/files/evil.txt            | 404",
                "GET     | /__admin/requests                  | 404",
                "DELETE  | /__admin/requests                  | 404",
                "POST    | /__admin/settings                  | 404",
                "POST    | /__admin/recordings/start          | 404",
                "POST    | /__admin/shutdown                  | 404",
                "POST    | /__admin/reset                     | 404",
                "GET     | /__admin/docs                      | 404",
                "GET     | /__admin/health                    | 404",
                "OPTIONS | /__admin/mappings                  | 404",
                "GET     | /__admin/flagbench/other           | 404",
                // the control routes without the token
                "GET     | /__admin/flagbench/meter           | 401",
                "POST    | /__admin/flagbench/meter/reset     | 401",
                "POST    | /__admin/flagbench/meter/stop      | 401",
                "PUT     | /__admin/flagbench/latency         | 401",
                "PUT     | /__admin/flagbench/downstream      | 401",
                // flag URLs: GET and HEAD only
                "POST    | /flags/cn/cn.gif                   | 405",
                "PUT     | /flags/cn/cn.gif                   | 405",
                "DELETE  | /flags/cn/cn.gif                   | 405",
                "PATCH   | /flags/cn/cn.gif                   | 405",
                "OPTIONS | /flags/cn/cn.gif                   | 405",
                "TRACE   | /flags/cn/cn.gif                   | 405",
                "HEAD    | /flags/cn/cn.gif                   | 200",
                "GET     | /flags/cn/cn.gif                   | 200",
                // odd paths and encodings: never the admin API, never a server error
                "GET     | /flags/../__admin/mappings         | 400/404",
                "GET     | /flags/%2e%2e/__admin/mappings     | 400/404",
                "GET     | /%5f%5fadmin/mappings              | 400/404",
                "GET     | /__admin/./mappings                | 400/404",
                "GET     | /__admin//mappings                 | 400/404",
                "GET     | /__ADMIN/mappings                  | 404",
                "GET     | /flags/cn/cn.gif%00                | 400/404",
                "GET     | /flags/cn/cn.gif;jsessionid=1      | 400/404",
                "GET     | //flags/cn/cn.gif                  | 400/404",
                "GET     | /flags/%63n/%63n.gif               | 200/404",
                "GET     | /flags/cn/cn.gif?__admin/mappings  | 200",
            })
    void onlyFlagsAndTheTokenedControlRoutesAnswer(String method, String path, String statuses) throws IOException {
        Answer answer = send(request(method, path, "Content-Length: 0"));
        assertThat(String.valueOf(answer.status())).as(answer.head()).isIn((Object[]) statuses.split("/"));
        assertThat(answer.head()).doesNotContainIgnoringCase("Access-Control-");
    }

    @Test
    void theControlRoutesAnswerTheTokenButNeverAWebPage() throws IOException {
        String token = ControlToken.HEADER + ": " + server.token();
        assertThat(send(request("GET", "/__admin/flagbench/meter", token)).status())
                .isEqualTo(200);
        assertThat(send(request("GET", "/__admin/flagbench/meter", ControlToken.HEADER + ": " + "0".repeat(32)))
                        .status())
                .isEqualTo(401);
        Answer fromAPage = send(request("GET", "/__admin/flagbench/meter", token, "Origin: http://evil.example"));
        assertThat(fromAPage.status()).isEqualTo(403);
        assertThat(fromAPage.head()).doesNotContainIgnoringCase("Access-Control-");
        Answer preflight = send(request(
                "OPTIONS",
                "/__admin/flagbench/latency",
                "Origin: http://evil.example",
                "Access-Control-Request-Method: PUT"));
        assertThat(preflight.status()).isEqualTo(403);
        assertThat(preflight.head()).doesNotContainIgnoringCase("Access-Control-");
    }

    @Test
    void aControlBodyOverAFewHundredBytesIsRefusedEvenWithTheToken() throws IOException {
        String token = ControlToken.HEADER + ": " + server.token();
        String body = "1".repeat(RequestGate.MAX_CONTROL_BODY + 1);
        assertThat(send("PUT /__admin/flagbench/latency HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + token
                                + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                        .status())
                .isEqualTo(413);
        assertThat(send("PUT /__admin/flagbench/latency HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + token
                                + "\r\nContent-Length: 4\r\n\r\n20ms")
                        .status())
                .isEqualTo(200);
        assertThat(send("PUT /__admin/flagbench/latency HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + token
                                + "\r\nContent-Length: 1\r\n\r\n0")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aDownstreamTheServerCannotBeIsRefusedInOneLine() throws IOException {
        String token = ControlToken.HEADER + ": " + server.token();
        for (String body : List.of("capacity=0", "queue=5", "rate=-3/s", "capacity=lots", "capacity=5+capacity=6")) {
            Answer answer = send("PUT /__admin/flagbench/downstream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                    + token + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
            assertThat(answer.status()).as(body).isEqualTo(400);
        }
        String none = "none";
        assertThat(send("PUT /__admin/flagbench/downstream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + token
                                + "\r\nContent-Length: " + none.length() + "\r\n\r\n" + none)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aLatencyWithoutTheTokenChangesNothing() throws IOException {
        String body = "1h";
        send("PUT /__admin/flagbench/latency HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body);
        long start = System.nanoTime();
        assertThat(send(request("GET", "/flags/fr/fr.gif")).status()).isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void requestBodiesAndHugeHeadersAreRefusedWithoutReadingThem() throws IOException {
        assertThat(
                        send("GET /flags/cn/cn.gif HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 5\r\n\r\nhello")
                                .status())
                .isEqualTo(413);
        assertThat(
                        send("GET /flags/cn/cn.gif HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
                                .status())
                .isEqualTo(413);
        assertThat(send(request("GET", "/flags/cn/cn.gif", "X-Pad: " + "a".repeat(20_000)))
                        .status())
                .isEqualTo(431);
        assertThat(send(request("GET", "/flags/cn/" + "a".repeat(20_000))).status())
                .isIn(414, 431);
    }

    /**
     * A chunked request of up to a gigabyte of zeros, to a flag URL or a control route, with or
     * without the token: refused before any of it is read, and drained without keeping any of it
     * (the server runs in this JVM, so its heap is ours to measure).
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "POST | /flags/cn/cn.gif               | no token | 405",
                "PUT  | /__admin/flagbench/latency     | no token | 401",
                "POST | /__admin/flagbench/meter/reset | no token | 401",
                "GET  | /__admin/flagbench/meter       | no token | 401",
                "PUT  | /__admin/flagbench/latency     | token    | 411",
            })
    void aBodyFloodIsRefusedAndNeverPilesUp(String method, String path, String withToken, int status) throws Exception {
        long limit = 1L << 30;
        long heapBefore = usedHeapAfterGc();
        var written = new AtomicLong();
        try (var socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String token = withToken.equals("token") ? ControlToken.HEADER + ": " + server.token() + "\r\n" : "";
            out.write((method + " " + path + " HTTP/1.1\r\nHost: x\r\n" + token + "Transfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            var writer = Thread.ofVirtual().start(() -> {
                byte[] chunk = ("10000\r\n" + "0".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
                try {
                    while (written.get() < limit) {
                        out.write(chunk);
                        written.addAndGet(chunk.length);
                    }
                } catch (IOException closedByTheServer) {
                    // what we expect: the server hung up
                }
            });
            Answer answer = read(socket.getInputStream());
            assertThat(answer.status()).isEqualTo(status);
            assertThat(answer.head()).containsIgnoringCase("Connection: close");
            writer.join(60_000);
            assertThat(writer.isAlive()).as("still flooding after a minute").isFalse();
        }
        assertThat(usedHeapAfterGc() - heapBefore)
                .as("heap growth (bytes) after %d bytes of body", written.get())
                .isLessThan(50L << 20);
        assertThat(send(request("GET", "/flags/cn/cn.gif")).status()).isEqualTo(200);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        System.gc();
        Thread.sleep(200);
        var memory = java.lang.management.ManagementFactory.getMemoryMXBean();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
