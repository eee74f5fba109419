package flagbench.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewRunFolderTest {

    private static final String ME = System.getProperty("user.name");
    private static final Instant SAME_SECOND = Instant.parse("2026-11-26T00:15:20.123Z");

    @TempDir
    Path results;

    @Test
    void runsStartedInTheSameSecondGetTheirOwnFolders() throws Exception {
        try (var first = NewRunFolder.create(results, SAME_SECOND, "vm");
                var second = NewRunFolder.create(results, SAME_SECOND, "vm")) {
            assertThat(first.id()).isEqualTo("20261126-001520-vm");
            assertThat(second.id()).isEqualTo("20261126-001520-vm-2");
            Files.writeString(first.path().resolve("jmh.json"), "[]");
            Path done = first.commit();
            try (var third = NewRunFolder.create(results, SAME_SECOND, "vm")) {
                assertThat(third.id()).as("a finished run keeps its name").isEqualTo("20261126-001520-vm-3");
            }
            assertThat(done.resolve("jmh.json")).hasContent("[]");
        }
        // the second and third were never committed: each removed itself, and only itself
        try (var left = Files.list(results)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("20261126-001520-vm");
        }
    }

    @Test
    void oddHostNamesMakeSafeFolderNames() {
        try (var run = NewRunFolder.create(results, SAME_SECOND, "../my host")) {
            assertThat(run.id()).isEqualTo("20261126-001520-.._my_host");
            assertThat(run.path().getParent()).isEqualTo(results);
        }
    }

    @Test
    void staleFoldersAreThoseThatInterruptedRunsLeft() throws Exception {
        Files.createDirectories(results.resolve(".20261126-001520-vm.partial"));
        Files.createDirectories(results.resolve("20261126-001521-vm"));
        Files.writeString(results.resolve(".notes.partial"), "a file, not a run");
        Files.createDirectories(results.resolve(".cache.partial")); // a folder of someone else's: not a bench's name
        Files.createDirectories(results.resolve(".20261126-001522-vm-2.partial"));
        assertThat(NewRunFolder.stale(results, ME).map(p -> p.getFileName().toString()))
                .containsExactly(".20261126-001520-vm.partial", ".20261126-001522-vm-2.partial");
        assertThat(NewRunFolder.stale(results.resolve("missing"), ME)).isEmpty();
    }

    @Test
    void anotherUsersPartialFolderIsNeverStaleToUs() throws Exception {
        Files.createDirectories(results.resolve(".20261126-001520-vm.partial"));
        // the folder is ours: seen from another user, it may be their bench still writing, never an interrupted one of
        // theirs
        assertThat(NewRunFolder.stale(results, "someone-else")).isEmpty();
        assertThat(NewRunFolder.stale(results, ME)).hasSize(1);
    }
}
