package dev.winelib.toolchain.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.process.ToolLocator;

/**
 * An interrupted or failed build leaves nothing a later build takes as up to date: outputs appear
 * only complete, and an output damaged after its stamp was written is made again.
 */
class AtomicOutputsTest {

    @TempDir
    Path dir;

    private final WinelibBuilder builder = new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent());

    @Test
    void aTruncatedObjectWithAStaleStampIsCompiledAgain() throws Exception {
        RequiredTools.require("gcc", "gcc");
        RequiredTools.linker();
        Path p = TestProjects.write(dir.resolve("p"), TestProjects.SPEC, TestProjects.SOURCE);
        BuildResult first = builder.build(TestProjects.request(p, dir.resolve("views")).build());
        byte[] dll = Files.readAllBytes(first.outputFile());
        Path object = p.resolve("work/obj/test.c.o");
        byte[] good = Files.readAllBytes(object);
        Files.write(object, java.util.Arrays.copyOf(good, good.length / 2));

        BuildResult second = builder.build(TestProjects.request(p, dir.resolve("views")).build());
        assertThat(second.compiledSources()).isEqualTo(1);
        assertThat(object).hasBinaryContent(good);
        assertThat(second.outputFile()).hasBinaryContent(dll);
    }

    @Test
    void aTruncatedModuleIsLinkedAgain() throws Exception {
        RequiredTools.require("gcc", "gcc");
        RequiredTools.linker();
        Path p = TestProjects.write(dir.resolve("p"), TestProjects.SPEC, TestProjects.SOURCE);
        BuildResult first = builder.build(TestProjects.request(p, dir.resolve("views")).build());
        byte[] dll = Files.readAllBytes(first.outputFile());
        Files.write(first.outputFile(), java.util.Arrays.copyOf(dll, 100));

        BuildResult second = builder.build(TestProjects.request(p, dir.resolve("views")).build());
        assertThat(second.compiledSources()).isZero();
        assertThat(second.linked()).isTrue();
        assertThat(second.outputFile()).hasBinaryContent(dll);
        assertThat(builder.build(TestProjects.request(p, dir.resolve("views")).build()).linked()).isFalse();
    }

    @Test
    void aKilledLinkLeavesNoModuleAndTheNextBuildLinks() throws Exception {
        RequiredTools.require("gcc", "gcc");
        Path lld = RequiredTools.linker();
        Path p = TestProjects.write(dir.resolve("p"), TestProjects.SPEC, TestProjects.SOURCE);
        BuildResult first = builder.build(TestProjects.request(p, dir.resolve("views")).build());
        byte[] dll = Files.readAllBytes(first.outputFile());
        Files.delete(first.outputFile());

        // a linker that writes half a module where it was told to, then dies as if killed (the probe link works)
        Path dying = dir.resolve("dying-ld");
        Files.writeString(dying, """
                #!/bin/sh
                case "$*" in *probe.so*) exec %s "$@";; esac
                out=; prev=
                for a in "$@"; do [ "$prev" = "-o" ] && out=$a; prev=$a; done
                head -c 100 %s > "$out"
                kill -9 $$
                """.formatted(lld, dir.resolve("p/out/.reference.dll")));
        Files.write(dir.resolve("p/out/.reference.dll"), dll);
        Files.setPosixFilePermissions(dying, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThatThrownBy(() -> builder.build(TestProjects.request(p, dir.resolve("views"))
                .linker(dying.toString()).build()))
                .isInstanceOf(BuildFailure.class).hasMessageContaining("linking test.dll");
        Files.delete(dir.resolve("p/out/.reference.dll"));
        try (Stream<Path> left = Files.list(p.resolve("out"))) {
            assertThat(left).as("no module and no temporary file").isEmpty();
        }

        BuildResult again = builder.build(TestProjects.request(p, dir.resolve("views")).build());
        assertThat(again.linked()).isTrue();
        assertThat(again.outputFile()).hasBinaryContent(dll);
    }

    @Test
    void aFailedBuildRemovesTheModuleOfTheLastOneAndTheNextBuildLinks() throws Exception {
        RequiredTools.require("gcc", "gcc");
        RequiredTools.linker();
        Path p = TestProjects.write(dir.resolve("p"), TestProjects.SPEC, TestProjects.SOURCE);
        BuildResult first = builder.build(TestProjects.request(p, dir.resolve("views")).build());
        byte[] dll = Files.readAllBytes(first.outputFile());

        Files.writeString(p.resolve("src/test.c"), TestProjects.SOURCE + "int broken(void) { return }\n");
        assertThatThrownBy(() -> builder.build(TestProjects.request(p, dir.resolve("views")).build()))
                .isInstanceOf(BuildFailure.class).hasMessageContaining("test.c");
        assertThat(first.outputFile()).doesNotExist();
        try (Stream<Path> objects = Files.list(p.resolve("work/obj"))) {
            assertThat(objects.map(o -> o.getFileName().toString())).noneMatch(n -> n.contains(".tmp"));
        }

        Files.writeString(p.resolve("src/test.c"), TestProjects.SOURCE);
        BuildResult again = builder.build(TestProjects.request(p, dir.resolve("views")).build());
        assertThat(again.linked()).isTrue();
        assertThat(again.outputFile()).hasBinaryContent(dll);
    }

    /** R04: a failed build removes its module outputs, never a user's file at the output's name. */
    @Test
    void r04AFailedBuildKeepsAnUnrelatedFileAtTheOutputName() throws Exception {
        Path p = TestProjects.write(dir.resolve("p"), "@ stdcall\n", TestProjects.SOURCE);
        Path output = TestProjects.request(p, dir.resolve("views")).build().outputFile();
        Files.createDirectories(output.getParent());
        Files.writeString(output, "my notes, not a DLL");
        assertThatThrownBy(() -> builder.build(TestProjects.request(p, dir.resolve("views")).build()))
                .isInstanceOf(BuildFailure.class);
        assertThat(output).hasContent("my notes, not a DLL");

        Files.write(output, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
        assertThatThrownBy(() -> builder.build(TestProjects.request(p, dir.resolve("views")).build()))
                .isInstanceOf(BuildFailure.class);
        assertThat(output).doesNotExist();
    }
}
