package dev.winelib.toolchain.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sources of a directory: its files (and links to files) with the extensions, below it, in order. */
class ProjectLayoutTest {

    @TempDir
    Path dir;

    @Test
    void sourcesAreFoundBelowTheDirectoryInOrder() throws Exception {
        Path b = Files.writeString(dir.resolve("b.c"), "int b;\n");
        Path nested = Files.createDirectories(dir.resolve("sub/deeper"));
        Path a = Files.writeString(nested.resolve("a.cpp"), "int a;\n");
        Files.writeString(dir.resolve("notes.txt"), "not a source\n");
        Files.createDirectories(dir.resolve("looks-like.c")); // a directory, not a source
        Path outside = Files.writeString(Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-other"))
                .resolve("shared.c"), "int shared;\n");
        Path link = Files.createSymbolicLink(dir.resolve("linked.c"), outside);
        Files.createSymbolicLink(dir.resolve("dangling.c"), dir.resolve("missing.c"));

        assertThat(ProjectLayout.findSources(dir, List.of(".c", ".cpp"))).containsExactly(b, link, a);
        assertThat(ProjectLayout.findSources(dir, List.of(".cpp"))).containsExactly(a);
        assertThat(ProjectLayout.findSources(dir.resolve("absent"), List.of(".c"))).isEmpty();
    }
}
