package flagbench.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import flagbench.timing.Network;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The link's known truth, read across real sockets on 127.0.0.1: a ping-pong reads its round trip, a long transfer its
 * bandwidth, a new connection's first exchange one round trip more (the SYN), and an answer larger than the initial window
 * one round trip more per doubling it needs (slow start).
 */
class NetworkLinkIT {

    private ServerSocket upstream;
    private Thread serving;
    private NetworkLink link;

    /** An upstream that echoes each byte, or that answers a byte {@code n} (1..127) with n × 8 KiB. */
    @BeforeEach
    void startUpstream() throws IOException {
        upstream = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        serving = Thread.ofVirtual().start(() -> {
            while (!upstream.isClosed()) {
                try {
                    Socket s = upstream.accept();
                    Thread.ofVirtual().start(() -> serve(s));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        link = new NetworkLink("127.0.0.1", 42);
    }

    private static void serve(Socket s) {
        try (s;
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream()) {
            s.setTcpNoDelay(true);
            for (int b; (b = in.read()) >= 0; ) {
                if (b == 0) {
                    out.write(0);
                } else {
                    out.write(new byte[b * 8192]);
                }
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    @AfterEach
    void stop() throws IOException {
        link.close();
        upstream.close();
    }

    /** What each test read, written to {@code target/network-link-calibration.md} at the end: what the note quotes. */
    private static final Map<String, String> MEASURED = new ConcurrentSkipListMap<>();

    private static double measured(String what, double value, String expected) {
        MEASURED.put(what, String.format(Locale.ROOT, "| %s | %.2f | %s |%n", what, value, expected));
        return value;
    }

    @AfterAll
    static void write() throws IOException {
        var table = new StringBuilder("| what | measured | expected |\n|---|---:|---|\n");
        MEASURED.values().forEach(table::append);
        Files.writeString(Path.of("target", "network-link-calibration.md"), table);
    }

    private Socket connect(String network) throws IOException {
        link.network(Network.parse(network));
        var socket = new Socket("127.0.0.1", link.relay(upstream.getLocalPort()));
        socket.setTcpNoDelay(true);
        return socket;
    }

    private static double exchangeMillis(Socket s, int request, int answerBytes) throws IOException {
        long start = System.nanoTime();
        s.getOutputStream().write(request);
        s.getOutputStream().flush();
        s.getInputStream().readNBytes(answerBytes);
        return (System.nanoTime() - start) / 1e6;
    }

    @Test
    void aPingPongReadsTheRoundTripAndANewConnectionOneMore() throws IOException {
        try (Socket warmUp = connect("rtt=10ms")) {
            for (int i = 0; i < 10; i++) { // the link's and the sockets' classes loaded, and its timer's lead learnt
                exchangeMillis(warmUp, 0, 1);
            }
        }
        try (Socket s = connect("rtt=100ms")) {
            double first = exchangeMillis(s, 0, 1);
            double[] pings = new double[8];
            for (int i = 0; i < pings.length; i++) {
                pings[i] = exchangeMillis(s, 0, 1);
            }
            double mean = Arrays.stream(pings).average().orElseThrow();
            assertThat(measured("ping-pong at rtt=100ms, mean of 8 (ms)", mean, "100 ± 2"))
                    .as("ping-pong")
                    .isCloseTo(100, within(2.0));
            // the ping-pong within 2 %; a new connection's first exchange within 5 %: it also pays the relay's
            // connection to the
            // server and the echo's accept, 1-5 ms on this machine (204.8 in one CI run)
            assertThat(measured("a new connection's first exchange at rtt=100ms (ms)", first, "200 ± 10"))
                    .as("the first exchange, after the SYN's round trip")
                    .isCloseTo(200, within(10.0));
        }
    }

    @Test
    void aLongTransferReadsTheBandwidth() throws IOException {
        try (Socket s = connect("rtt=10ms+bandwidth=20mbit")) {
            exchangeMillis(s, 0, 1); // the SYN's round trip out of the way
            var in = s.getInputStream();
            s.getOutputStream().write(125); // 125 × 8 KiB = 1,024,000 bytes
            s.getOutputStream().flush();
            in.readNBytes(1);
            long first = System.nanoTime();
            int rest = 125 * 8192 - 1;
            in.readNBytes(rest);
            double seconds = (System.nanoTime() - first) / 1e9;
            double megabits = rest * 8 / seconds / 1e6;
            assertThat(measured("1,024,000 bytes at rtt=10ms+bandwidth=20mbit (Mbit/s)", megabits, "20 ± 1"))
                    .as("Mbit/s")
                    .isCloseTo(20, within(1.0));
        }
    }

    @Test
    void anAnswerBeyondTheInitialWindowTakesARoundTripMorePerDoubling() throws IOException {
        try (Socket s = connect("rtt=100ms")) {
            exchangeMillis(s, 0, 1);
            // 8 KiB fits the 14,600-byte window; 24 KiB needs a second round; 48 KiB (14.6 + 29.2 < 49.2) a third
            assertThat(measured("8 KiB answer, new connection, rtt=100ms (ms)", exchangeMillis(s, 1, 8192), "100 ± 10"))
                    .isCloseTo(100, within(10.0));
        }
        try (Socket s = connect("rtt=100ms")) {
            exchangeMillis(s, 0, 1);
            assertThat(measured("24 KiB answer, new connection (ms)", exchangeMillis(s, 3, 3 * 8192), "200 ± 10"))
                    .isCloseTo(200, within(10.0));
        }
        try (Socket s = connect("rtt=100ms")) {
            exchangeMillis(s, 0, 1);
            assertThat(measured("48 KiB answer, new connection (ms)", exchangeMillis(s, 6, 6 * 8192), "300 ± 10"))
                    .isCloseTo(300, within(10.0));
        }
    }

    @Test
    void aGrownWindowCarriesTheSameAnswerInOneRoundTrip() throws IOException {
        try (Socket s = connect("rtt=100ms")) {
            exchangeMillis(s, 0, 1);
            exchangeMillis(s, 6, 6 * 8192); // acknowledged: the window has grown by 48 KiB
            assertThat(measured("48 KiB answer again, window grown (ms)", exchangeMillis(s, 6, 6 * 8192), "100 ± 10"))
                    .isCloseTo(100, within(10.0));
        }
    }
}
