package flagbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import flagbench.catalog.Catalog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code serve} in its own JVM, as a user starts it: a plain client gets flags and 404s; Ctrl-C stops it. */
class ServeCommandIT {

    @Test
    void servesAPlainHttpClientAndStopsOnSigint() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process serve = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "serve",
                        "--port",
                        "0")
                .redirectErrorStream(true)
                .start();
        try {
            var lines = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            String first = lines.readLine();
            assertThat(first).startsWith("LOCAL flag server: http://127.0.0.1:");
            Matcher url = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/flags)").matcher(first);
            assertThat(url.find()).isTrue();

            try (var http = HttpClient.newHttpClient()) {
                var gif = http.send(
                        HttpRequest.newBuilder(URI.create(url.group(1) + "/us/us.gif"))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(gif.statusCode()).isEqualTo(200);
                assertThat(gif.body())
                        .isEqualTo(Catalog.get().gif(Catalog.get().find("US").orElseThrow()));
                var missing = http.send(
                        HttpRequest.newBuilder(URI.create(url.group(1) + "/xx/xx.gif"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                assertThat(missing.statusCode()).isEqualTo(404);
            }

            // Ctrl-C; but a background job of a non-interactive shell (nohup … &) starts with SIGINT ignored, and the
            // JVM
            // leaves an ignored SIGINT ignored: there, SIGTERM takes the same way out (the shutdown hook)
            String signal = ignoresSigint(serve.pid()) ? "TERM" : "INT";
            new ProcessBuilder("kill", "-" + signal, String.valueOf(serve.pid()))
                    .start()
                    .waitFor();
            assertThat(serve.waitFor(15, TimeUnit.SECONDS))
                    .as("stopped after SIG" + signal)
                    .isTrue();
            List<String> rest = lines.lines().toList();
            assertThat(rest).contains("flag server stopped");
        } finally {
            serve.destroyForcibly();
        }
    }

    /** Whether the process ignores SIGINT, as Linux's /proc says (its SigIgn mask); false where there is no /proc. */
    private static boolean ignoresSigint(long pid) throws IOException {
        Path status = Path.of("/proc", String.valueOf(pid), "status");
        if (!Files.isReadable(status)) {
            return false;
        }
        return Files.readAllLines(status).stream()
                .filter(line -> line.startsWith("SigIgn:"))
                .anyMatch(line -> (Long.parseUnsignedLong(
                                        line.substring("SigIgn:".length()).strip(), 16)
                                & (1L << 1))
                        != 0); // SIGINT is 2
    }
}
