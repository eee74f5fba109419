package flagbench.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WaitsTest {

    @TempDir
    Path dir;

    private static Histogram of(long... micros) {
        var h = new Histogram(3);
        for (long v : micros) {
            h.recordValue(v);
        }
        return h;
    }

    @Test
    void forksOfOneRowAreMergedAndReadBackByKey() throws Exception {
        Path forks = Files.createDirectories(dir.resolve(Waits.FORK_DIR));
        // fork 1: 100 downloads of 10..1000 µs; fork 2: 100 of 1010..2000 µs; another row: one download
        long[] first =
                java.util.stream.LongStream.rangeClosed(1, 100).map(i -> i * 10).toArray();
        long[] second = java.util.stream.LongStream.rangeClosed(101, 200)
                .map(i -> i * 10)
                .toArray();
        new Waits(of(first), of(first)).writeFork(forks, "downloadMany strategy=pool");
        new Waits(of(second), of(5)).writeFork(forks, "downloadMany strategy=pool");
        new Waits(of(7_000), of(7_000)).writeFork(forks, "downloadMany strategy=async");

        Waits.merge(forks, dir.resolve(Waits.WAITS_JSON));

        assertThat(forks).doesNotExist();
        var read = Waits.read(dir.resolve(Waits.WAITS_JSON));
        assertThat(read).containsOnlyKeys("downloadMany strategy=pool", "downloadMany strategy=async");
        Waits pool = read.get("downloadMany strategy=pool");
        assertThat(pool.withQueue().getTotalCount()).isEqualTo(200);
        assertThat(pool.percentileMillis(true, 50)).isBetween(0.99, 1.01); // 1000 µs: the 100th of 200
        assertThat(pool.percentileMillis(true, 99)).isBetween(1.97, 1.99); // 1980 µs
        assertThat(pool.percentileMillis(true, 100)).isBetween(1.99, 2.01); // the maximum
        assertThat(pool.withoutQueue().getTotalCount()).isEqualTo(101);
        assertThat(Files.readString(dir.resolve(Waits.WAITS_JSON)))
                .contains("\"p99Ms\"")
                .contains("\"maxMs\"");
    }

    @Test
    void aRunWithoutWaitsHasNone() {
        assertThat(Waits.read(dir.resolve(Waits.WAITS_JSON))).isEmpty();
    }
}
