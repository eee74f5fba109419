package flagbench.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CodeSetsTest {

    @Test
    void noArgumentsMeansPop20Sorted() {
        List<String> codes = CodeSets.expand(List.of(), false, false, 0);
        assertThat(codes).hasSize(20).isSorted().containsExactlyInAnyOrderElementsOf(CodeSets.POP20);
        assertThat(codes.get(0)).isEqualTo("BD");
        assertThat(codes.get(19)).isEqualTo("VN");
    }

    @Test
    void everyIsAllTwoLetterCombinations() {
        List<String> every = CodeSets.expand(List.of(), false, true, 0);
        assertThat(every).hasSize(676).isSorted().doesNotHaveDuplicates();
        assertThat(every.get(0)).isEqualTo("AA");
        assertThat(every.get(675)).isEqualTo("ZZ");
        assertThat(every).containsAll(CodeSets.all());
    }

    @Test
    void allIsThe194RealCodes() {
        assertThat(CodeSets.expand(List.of(), true, false, 0)).hasSize(194).isEqualTo(CodeSets.all());
    }

    @Test
    void aLetterExpandsTo26CodesAndDuplicatesFold() {
        List<String> codes = CodeSets.expand(List.of("b", "BR", "cn", "CN"), false, false, 0);
        assertThat(codes).hasSize(27).isSorted().startsWith("BA", "BB").endsWith("BZ", "CN");
    }

    @Test
    void limitKeepsTheFirstCodes() {
        assertThat(CodeSets.expand(List.of(), false, true, 3)).containsExactly("AA", "AB", "AC");
        assertThat(CodeSets.expand(List.of("US"), false, false, 5)).containsExactly("US");
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> CodeSets.expand(List.of("US", "USA"), false, false, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'USA'");
        assertThatThrownBy(() -> CodeSets.expand(List.of("1"), false, false, 0)).hasMessageContaining("'1'");
        assertThatThrownBy(() -> CodeSets.expand(List.of("é"), false, false, 0)).hasMessageContaining("'é'");
        assertThatThrownBy(() -> CodeSets.expand(List.of(), false, false, -1)).hasMessageContaining("limit");
    }

    @Test
    void namedSetsForBenchmarks() {
        assertThat(CodeSets.named("pop20")).hasSize(20).isSorted();
        assertThat(CodeSets.named("ALL")).hasSize(194);
        assertThat(CodeSets.named("every")).hasSize(676);
        List<String> cycled = CodeSets.named("400");
        assertThat(cycled).hasSize(400);
        assertThat(cycled.get(194)).isEqualTo(cycled.get(0));
        assertThat(cycled.subList(0, 194)).isEqualTo(CodeSets.all());
        assertThatThrownBy(() -> CodeSets.named("0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> CodeSets.named("pop21")).hasMessageContaining("'pop21'");
        // K rounds of W workers: K x W codes, cycling through the 194; only where W is known
        assertThat(CodeSets.named("4rounds", 300))
                .hasSize(1200)
                .startsWith(CodeSets.all().get(0));
        assertThat(CodeSets.named("pop20", 300)).hasSize(20);
        assertThatThrownBy(() -> CodeSets.named("4rounds")).hasMessageContaining("only a benchmark knows them");
        assertThatThrownBy(() -> CodeSets.named("0rounds", 4)).hasMessageContaining("at least 1 round");
        // against a downstream of 50 places: above 50 workers, whole rounds of 50 (236 would end with a round of 36)
        assertThat(CodeSets.named("4rounds/50", 59)).hasSize(250);
        assertThat(CodeSets.named("4rounds/50", 100)).hasSize(400);
        assertThat(CodeSets.named("4rounds/50", 30)).hasSize(120);
        assertThatThrownBy(() -> CodeSets.named("4rounds/0", 59)).hasMessageContaining("a capacity of at least 1");
        assertThatThrownBy(() -> CodeSets.named("4rounds/50")).hasMessageContaining("only a benchmark knows them");
    }
}
