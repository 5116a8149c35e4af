package dev.winelib.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.maven.plugin.AbstractMojo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key of a goal's build record holds every parameter, so that changing any of them builds again;
 * the source directories (all levels) are files of the record, so that an added source builds again.
 */
class BuildRecordNotesTest {

    @TempDir
    Path dir;

    /** A goal with parameters of each kind. */
    static final class Goal extends AbstractMojo {
        String cflags = "-O2";
        File sourceDirectory = new File("src/main/c");
        boolean importLibrary = true;
        List<String> libraries = new ArrayList<>(List.of("m"));
        List<Object> repositories = new ArrayList<>(List.of(new Object()));
        Object project = new Object();

        @Override
        public void execute() {
        }
    }

    @Test
    void everyParameterIsPartOfTheKey() throws Exception {
        Path spec = dir.resolve("a.spec");
        Goal goal = new Goal();
        String key = BuildRecordNotes.key(goal, spec, List.of()).text();
        assertThat(key).contains("parameter Goal.cflags=-O2", "parameter Goal.sourceDirectory=src/main/c",
                "parameter Goal.importLibrary=true", "parameter Goal.libraries=[m]", "spec " + spec)
                .doesNotContain("repositories").doesNotContain("project");
        goal.cflags = "-O0";
        assertThat(BuildRecordNotes.key(goal, spec, List.of()).text()).isNotEqualTo(key);
        goal.cflags = "-O2";
        goal.libraries.add("dl");
        assertThat(BuildRecordNotes.key(goal, spec, List.of()).text()).isNotEqualTo(key);
        goal.libraries.remove("dl");
        goal.importLibrary = false;
        assertThat(BuildRecordNotes.key(goal, spec, List.of()).text()).isNotEqualTo(key);
    }

    @Test
    void everySourceDirectoryIsAFileOfTheRecordAndAMissingOneIsPartOfTheKey() throws Exception {
        Path c = Files.createDirectories(dir.resolve("src/main/c/sub"));
        Path missing = dir.resolve("src/main/cpp");
        BuildRecordNotes.Key key = BuildRecordNotes.key(new Goal(), dir.resolve("a.spec"), List.of(c.getParent(),
                missing));
        assertThat(key.files().inputs()).contains(c.getParent(), c);
        assertThat(key.text()).contains("directory " + missing + " absent", "directory " + c.getParent() + " exists");
    }

    @Test
    void theSysrootTreeIsTrustedOnlyWhileNoneOfItsUsedFilesChanged() {
        Path tree = dir.resolve("sysroots/x/tree");
        List<String> notes = List.of(BuildRecordNotes.info("built"), BuildRecordNotes.sysroot(tree));
        assertThat(BuildRecordNotes.unchangedSysroot(notes, Set.of(dir.resolve("src/main/c/a.c")))).contains(tree);
        assertThat(BuildRecordNotes.unchangedSysroot(notes, Set.of(tree.resolve("usr/include/stdio.h")))).isEmpty();
        assertThat(BuildRecordNotes.unchangedSysroot(List.of(BuildRecordNotes.info("built")), Set.of())).isEmpty();
    }
}
