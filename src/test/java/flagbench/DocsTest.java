package flagbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The front door and the docs stay true to the tree: every link resolves, every run is indexed. */
class DocsTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

    private static List<Path> pages() throws IOException {
        var pages = new ArrayList<Path>(List.of(Path.of("README.md"), Path.of("results", "README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    @Test
    void everyRelativeLinkInTheReadmeAndTheDocsResolvesToAFileInTheTree() throws IOException {
        var broken = new ArrayList<String>();
        for (Path page : pages()) {
            var links = LINK.matcher(Files.readString(page));
            while (links.find()) {
                String target = links.group(1);
                if (!target.matches("[a-z]+:.*") && !Files.exists(page.toAbsolutePath().getParent().resolve(target))) {
                    broken.add(page + " -> " + target);
                }
            }
        }
        assertThat(broken).as("links to nothing").isEmpty();
    }

    @Test
    void theReadmeIsAFrontDoorNotANotebook() throws IOException {
        assertThat(Files.readAllLines(Path.of("README.md"))).hasSizeLessThanOrEqualTo(150);
    }

    @Test
    void theResultsIndexListsEveryRunFolderInResults() throws IOException {
        String index = Files.readString(Path.of("results", "README.md"));
        try (Stream<Path> runs = Files.list(Path.of("results"))) {
            assertThat(runs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith(".")))
                    .isNotEmpty()
                    .allSatisfy(name -> assertThat(index).as("results/README.md").contains("(" + name + "/report.md)"));
        }
    }
}
