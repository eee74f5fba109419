package flagbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
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
                if (!target.matches("[a-z]+:.*")
                        && !Files.exists(page.toAbsolutePath().getParent().resolve(target))) {
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

    /**
     * The committed runs, as git tracks them: a user's own {@code ./mvnw verify -Pbench} writes run folders into
     * {@code results/} too, and those are not the index's to list.
     */
    @Test
    void theResultsIndexListsEveryCommittedRunFolder() throws IOException, InterruptedException {
        String index = Files.readString(Path.of("results", "README.md"));
        List<String> committed = committedRunFolders();
        assertThat(committed)
                .isNotEmpty()
                .allSatisfy(name -> assertThat(index).as("results/README.md").contains("(" + name + "/report.md)"));
    }

    /**
     * {@code results/} is a shelf of references, not an archive: a run stays in the tree only while the README or a
     * page of {@code docs/} cites it by name; git history keeps the others.
     */
    @Test
    void everyCommittedRunFolderIsCitedByTheDocs() throws IOException, InterruptedException {
        var docs = new StringBuilder(Files.readString(Path.of("README.md")));
        try (Stream<Path> pages = Files.walk(Path.of("docs"))) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).toList()) {
                docs.append(Files.readString(page));
            }
        }
        List<String> committed = committedRunFolders();
        assertThat(committed).isNotEmpty();
        assertThat(committed.stream().filter(name -> !docs.toString().contains(name)))
                .as("run folders that neither the README nor docs/ cite")
                .isEmpty();
    }

    /** The folders directly under results/ that hold a file git tracks; the test is skipped outside a git work tree. */
    private static List<String> committedRunFolders() throws IOException, InterruptedException {
        Process git;
        try {
            git = new ProcessBuilder("git", "ls-files", "-z", "--", "results")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException noGit) {
            Assumptions.abort("no git here: " + noGit.getMessage());
            throw noGit;
        }
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(git.waitFor() == 0, "not a git work tree");
        return Stream.of(out.split("\0"))
                .map(p -> p.split("/"))
                .filter(p -> p.length > 2)
                .map(p -> p[1])
                .distinct()
                .toList();
    }
}
