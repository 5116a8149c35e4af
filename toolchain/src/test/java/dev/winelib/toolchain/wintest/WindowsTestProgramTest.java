package dev.winelib.toolchain.wintest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.toolchain.BuildFailure;

/** Each C/C++ file of the test directory is a program, each subdirectory one program of several files. */
class WindowsTestProgramTest {

    @TempDir
    Path dir;

    @Test
    void filesAndSubdirectoriesArePrograms() throws Exception {
        Files.writeString(dir.resolve("b.c"), "");
        Files.writeString(dir.resolve("a.cpp"), "");
        Files.writeString(dir.resolve("common.h"), "");
        Files.writeString(dir.resolve("README.txt"), "");
        Files.createDirectories(dir.resolve("multi/sub"));
        Files.writeString(dir.resolve("multi/main.c"), "");
        Files.writeString(dir.resolve("multi/sub/more.cc"), "");
        Files.writeString(dir.resolve("multi/helper.h"), "");
        Files.createDirectories(dir.resolve("empty"));
        Files.writeString(dir.resolve("empty/notes.txt"), "");

        assertThat(WindowsTestProgram.find(dir)).containsExactly(
                new WindowsTestProgram("a", java.util.List.of(dir.resolve("a.cpp")), true, dir.resolve("a.cpp")),
                new WindowsTestProgram("b", java.util.List.of(dir.resolve("b.c")), false, dir.resolve("b.c")),
                new WindowsTestProgram("multi", java.util.List.of(dir.resolve("multi/main.c"),
                        dir.resolve("multi/sub/more.cc")), true, dir.resolve("multi")));
    }

    @Test
    void aProgramForAnArchitectureCarriesItInItsName() throws Exception {
        Files.writeString(dir.resolve("calls.cpp"), "");
        WindowsTestProgram program = WindowsTestProgram.find(dir).get(0);

        WindowsTestProgram i686 = program.forArchitecture("i686");

        assertThat(i686.name()).isEqualTo("calls-i686");
        assertThat(i686.sources()).isEqualTo(program.sources());
        assertThat(i686.cxx()).isTrue();
        assertThat(i686.root()).isEqualTo(program.root());
    }

    @Test
    void noDirectoryMeansNoPrograms() throws Exception {
        assertThat(WindowsTestProgram.find(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void twoProgramsOfOneNameAreAnError() throws Exception {
        Files.writeString(dir.resolve("same.c"), "");
        Files.createDirectories(dir.resolve("same"));
        Files.writeString(dir.resolve("same/main.c"), "");

        assertThatThrownBy(() -> WindowsTestProgram.find(dir)).isInstanceOf(BuildFailure.class)
                .hasMessage(dir.resolve("same.c") + ": another Windows test program has the name 'same' ("
                        + dir.resolve("same") + "); rename one of them");
    }

    @Test
    void aNameThatCannotBeAFileNameIsAnError() throws Exception {
        Files.writeString(dir.resolve("has space.c"), "");

        assertThatThrownBy(() -> WindowsTestProgram.find(dir)).isInstanceOf(BuildFailure.class)
                .hasMessageStartingWith(dir.resolve("has space.c") + ": a Windows test program's name becomes a file");
    }
}
