package flagbench.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import flagbench.results.RunFolder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history page opened in a real browser, headless Chromium (Debian's, which {@code .ci/run} installs where it is
 * missing): every chart rendered, as an SVG, and no script error.
 */
class HistoryPageIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    @Test
    void everyChartRendersInChromiumWithoutAnError() throws Exception {
        // a newcomer's ./mvnw verify without Chromium skips it; CI (.ci/run installs it) never does
        assumeTrue("true".equals(System.getenv("CI")) || Files.isExecutable(CHROMIUM), "no Chromium here");
        try (var store = HistoryStore.open(dir.resolve("store").toString())) {
            for (String run : List.of(
                    "results/20261207-201737-vm",
                    "results/20261207-215932-vm",
                    "results/20261208-024928-vm",
                    "results/20261208-030155-vm")) {
                store.ingest(RunFolder.read(Path.of(run)));
            }
            Files.writeString(dir.resolve("history.html"), HistoryPage.render(store));
        }
        Process chromium = new ProcessBuilder(
                        CHROMIUM.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + dir.resolve("profile"),
                        "--virtual-time-budget=10000",
                        "--dump-dom",
                        dir.resolve("history.html").toUri().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(chromium.waitFor(60, TimeUnit.SECONDS)).isTrue();
        var body = Pattern.compile("<body data-charts=\"(\\d+)\" data-rendered=\"(\\d+)\"([^>]*)>")
                .matcher(dom);
        assertThat(body.find()).as("the page's body in the DOM Chromium dumped").isTrue();
        int charts = Integer.parseInt(body.group(1));
        // the default suite's 21 rows, each one series over the four runs (the two older made before network= and
        // protocol= existed), and the newest run's panels: time and CPU of each of its five scenarios (warm and cold
        // at 100 ms, each with one at a time apart, and 0 ms)
        assertThat(charts).isEqualTo(21 + 5 * 2);
        assertThat(Integer.parseInt(body.group(2))).as("charts rendered").isEqualTo(charts);
        assertThat(body.group(3)).as("script errors").doesNotContain("data-errors");
        assertThat(Pattern.compile("<svg").matcher(dom).results().count()).isGreaterThanOrEqualTo(charts);
    }
}
