package dev.winelib.toolchain.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.toolchain.RecordingLog;
import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.process.ToolLocator;

/**
 * A build takes the module runtime (constructors.c, entry.c, ...) from the runtime cache as the command
 * line does: a build of a fresh work directory compiles no runtime piece once the cache has them, the
 * module is byte for byte the one a build without the cache makes, and a damaged cached object is
 * compiled again (the module, linked with the object as it was, stands). Real gcc (behind a script
 * that records its runs) and ld.lld.
 */
class RuntimeCacheBuildTest {

    @TempDir
    Path dir;

    private Path project;
    private Path cache;
    private Path compilerLog;
    private WinelibBuildRequest.Builder request;

    @BeforeEach
    void project() throws Exception {
        Path gcc = RequiredTools.require("gcc", "gcc");
        RequiredTools.linker();
        project = TestProjects.write(dir.resolve("p"), TestProjects.SPEC, TestProjects.SOURCE);
        cache = dir.resolve("runtime-cache");
        compilerLog = dir.resolve("compiler.log");
        Path cc = dir.resolve("cc-logging");
        Files.writeString(cc, "#!/bin/sh\necho \"$*\" >> '" + compilerLog + "'\nexec '" + gcc + "' \"$@\"\n");
        Files.setPosixFilePermissions(cc, PosixFilePermissions.fromString("rwxr-xr-x"));
        request = TestProjects.request(project, dir.resolve("views")).compiler(cc.toString());
    }

    /** Builds with the runtime cache {@code runtimeCache}; the log, and the runtime sources the compiler compiled. */
    private Built build(Optional<Path> runtimeCache) throws Exception {
        Files.deleteIfExists(compilerLog);
        RecordingLog log = new RecordingLog();
        new WinelibBuilder(ToolLocator.fromEnvironment(), log).withRuntimeCache(runtimeCache).build(request.build());
        List<String> runs = Files.isRegularFile(compilerLog) ? Files.readAllLines(compilerLog) : List.of();
        List<String> runtime = runs.stream().filter(l -> !l.contains(" -fsyntax-only "))
                .map(l -> l.substring(l.lastIndexOf(' ') + 1)).filter(l -> !l.endsWith("/src/test.c"))
                .map(l -> l.substring(l.lastIndexOf('/') + 1)).toList();
        return new Built(log, runtime, Files.readAllBytes(project.resolve("out/test.dll")));
    }

    private record Built(RecordingLog log, List<String> runtimeCompiled, byte[] module) {
        boolean linked() {
            return log.lines().stream().anyMatch(l -> l.startsWith("INFO linking "));
        }
    }

    private void freshWorkDirectory() throws IOException {
        KeptOutputsBuildTest.deleteTree(project.resolve("work"));
        KeptOutputsBuildTest.deleteTree(project.resolve("out"));
    }

    @Test
    void theSecondBuildOfAFreshWorkDirectoryCompilesNoRuntimePiece() throws Exception {
        Built filling = build(Optional.of(cache));
        assertThat(filling.runtimeCompiled()).containsExactlyInAnyOrder("constructors.c", "entry.c", "stub.c");
        assertThat(project.resolve("work/runtime")).doesNotExist();

        freshWorkDirectory();
        Built using = build(Optional.of(cache));
        assertThat(using.runtimeCompiled()).isEmpty();
        assertThat(using.linked()).isTrue();
        assertThat(project.resolve("work/runtime")).doesNotExist();
        assertThat(using.module()).as("module of a build that used the cache").isEqualTo(filling.module());

        freshWorkDirectory();
        Built without = build(Optional.empty());
        assertThat(without.runtimeCompiled()).containsExactlyInAnyOrder("constructors.c", "entry.c", "stub.c");
        assertThat(project.resolve("work/runtime/obj")).isDirectory();
        assertThat(without.module()).as("module of a build without the cache").isEqualTo(filling.module());
    }

    @Test
    void aDamagedCachedObjectIsCompiledAgain() throws Exception {
        Built first = build(Optional.of(cache));
        Path entry = TestProjects.cachedRuntimeObject(cache, "entry.c.o");
        byte[] damaged = TestProjects.damageKeepingSizeAndTime(entry);

        Built next = build(Optional.of(cache));
        assertThat(next.runtimeCompiled()).containsExactly("entry.c");
        assertThat(Files.readAllBytes(entry)).isNotEqualTo(damaged);
        // the object compiled again is the one the module was linked with: the link's stamp stands
        assertThat(next.linked()).isFalse();
        assertThat(next.module()).isEqualTo(first.module());

        Built again = build(Optional.of(cache));
        assertThat(again.runtimeCompiled()).isEmpty();
        assertThat(again.linked()).isFalse();
    }
}
