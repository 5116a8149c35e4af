package dev.winelib.toolchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.pe.WinelibImageReader;
import dev.winelib.toolchain.process.ToolLocator;

/**
 * Outputs appear only complete: a link that fails after writing half a file leaves no module (and no
 * temporary file), the next build links again and makes the same module as a clean build; temporary files
 * a killed build left behind are removed.
 */
class InterruptedBuildTest {

    @TempDir
    Path dir;

    private WinelibBuilder builder;
    private Path lld;

    @BeforeEach
    void tools() {
        RequiredTools.require("gcc", "gcc");
        lld = RequiredTools.linker();
        builder = new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent());
    }

    @Test
    void aLinkThatDiesHalfWayLeavesNothingAndTheNextBuildLinks() throws Exception {
        Path project = TestProjects.write(dir.resolve("p"), TestProjects.SPEC, TestProjects.SOURCE);
        builder.build(TestProjects.request(project, dir.resolve("views")).build());
        Files.writeString(project.resolve("src/test.c"), TestProjects.SOURCE.replace("int counter = 7;",
                "int counter = 8;"));

        // the final link writes 100 bytes of its output and dies
        Path broken = dir.resolve("ld-dies");
        Files.writeString(broken, "#!/bin/sh\ncase \" $* \" in *' --warn-unresolved-symbols '*) exec '" + lld
                + "' \"$@\";; esac\nwhile [ $# -gt 0 ]; do if [ \"$1\" = -o ]; then head -c 100 /dev/zero > \"$2\"; fi;"
                + " shift; done\nkill -9 $$\n");
        Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThatThrownBy(() -> builder.build(TestProjects.request(project, dir.resolve("views"))
                .linker(broken.toString()).build())).isInstanceOf(BuildFailure.class)
                .hasMessageContaining("linking test.dll");
        try (Stream<Path> out = Files.list(project.resolve("out"))) {
            assertThat(out).as("no module and no temporary file").isEmpty();
        }

        BuildResult again = builder.build(TestProjects.request(project, dir.resolve("views")).build());
        assertThat(again.linked()).isTrue();
        byte[] rebuilt = Files.readAllBytes(project.resolve("out/test.dll"));
        WinelibImageReader.read(ElfFile.parse("test.dll", rebuilt));

        Path clean = TestProjects.write(dir.resolve("clean"), TestProjects.SPEC, TestProjects.SOURCE
                .replace("int counter = 7;", "int counter = 8;"));
        builder.build(TestProjects.request(clean, dir.resolve("views")).build());
        assertThat(rebuilt).isEqualTo(Files.readAllBytes(clean.resolve("out/test.dll")));
    }

    @Test
    void temporaryFilesOfAKilledBuildAreRemoved() throws Exception {
        Path project = TestProjects.write(dir.resolve("p"), TestProjects.SPEC, TestProjects.SOURCE);
        Files.createDirectories(project.resolve("out"));
        Path stale = Files.write(project.resolve("out/.test.dll.12345.tmp"), new byte[100]);
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minusSeconds(3600)));
        Path recent = Files.write(project.resolve("out/.test.dll.67890.tmp"), new byte[100]);
        Path unrelated = Files.write(project.resolve("out/.other.dll.1.tmp"), new byte[1]);
        Files.setLastModifiedTime(unrelated, FileTime.from(Instant.now().minusSeconds(3600)));

        builder.build(TestProjects.request(project, dir.resolve("views")).build());

        assertThat(stale).doesNotExist();
        assertThat(recent).as("may belong to a build still running").exists();
        assertThat(unrelated).exists();
    }
}
