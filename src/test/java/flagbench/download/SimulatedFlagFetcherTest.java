package flagbench.download;

import static org.assertj.core.api.Assertions.assertThat;

import flagbench.catalog.CodeSets;
import flagbench.timing.Latency;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SimulatedFlagFetcherTest {

    static List<String> strategies() {
        return Strategies.names();
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void returnsTheCatalogueBytesWithNoNetwork(String strategy) {
        var fetcher = new SimulatedFlagFetcher(Latency.parse("10ms"), 1);
        Tally tally =
                Strategies.named(strategy).downloadMany(List.of("CN", "US", "ZZ", "CD"), new Downloader(fetcher), 20);
        assertThat(tally.ok()).isEqualTo(3);
        assertThat(tally.notFound()).isEqualTo(1);
        assertThat(tally.bytes()).isEqualTo(11_925 + 26_972 + 27_680);
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void progressHearsOfEveryDownloadOnce(String strategy) {
        var seen = new java.util.concurrent.ConcurrentLinkedQueue<String>();
        var downloader = new Downloader(new SimulatedFlagFetcher(Latency.NONE, 1), null, o -> seen.add(o.code()));
        Strategies.named(strategy).downloadMany(CodeSets.every(), downloader, 4);
        assertThat(seen).hasSize(676).doesNotHaveDuplicates();
    }
}
