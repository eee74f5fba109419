package flagbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import flagbench.catalog.CodeSets;
import flagbench.download.Outcome;
import flagbench.download.Tally;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden text of the book's flags2 reports. */
class ReportsTest {

    @Test
    void initialReportForPop20() {
        assertThat(Reports.initial("LOCAL", "http://127.0.0.1:8000/flags", CodeSets.named("pop20"), 20))
                .isEqualTo("""
                LOCAL site: http://127.0.0.1:8000/flags
                Searching for 20 flags: from BD to VN
                20 concurrent connections will be used.
                """);
    }

    @Test
    void initialReportListsTenCodesOrFewerAndSaysOneConnection() {
        assertThat(Reports.initial("DELAY", "http://127.0.0.1:8001/flags", List.of("BR", "CN"), 1))
                .isEqualTo("""
                DELAY site: http://127.0.0.1:8001/flags
                Searching for 2 flags: BR, CN
                1 connection will be used.
                """);
        assertThat(Reports.initial("LOCAL", "u", List.of("CN"), 1)).contains("Searching for 1 flag: CN\n");
    }

    @Test
    void finalReportShowsOnlyNonZeroCounts() {
        assertThat(Reports.finalReport(new Tally(20, 0, 0, 0, Map.of()), 0.1234))
                .isEqualTo("""
                --------------------
                 20 flags downloaded.
                Elapsed time: 0.12s
                """);
        assertThat(Reports.finalReport(new Tally(1, 482, 7, 0, Map.of()), 12.345))
                .isEqualTo("""
                --------------------
                  1 flag downloaded.
                482 not found.
                  7 errors.
                Elapsed time: 12.35s
                """);
    }

    @Test
    void verboseLines() {
        assertThat(Reports.line(Outcome.ok("CN", new byte[1]))).isEqualTo("CN OK");
        assertThat(Reports.line(Outcome.notFound("ZZ"))).isEqualTo("ZZ not found");
        assertThat(Reports.line(Outcome.error("XX", "HTTP 418"))).isEqualTo("XX error: HTTP 418");
    }
}
