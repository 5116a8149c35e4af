package dev.winelib.toolchain.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.process.ToolLocator;

/**
 * A build after a change takes the objects whose compilation the last build's record vouches for (same
 * settings; object, source and headers unchanged) without reading their stamps or dependency files,
 * and compiles everything else as before: each way a change reaches an object is tried once, with real
 * compilers and the linker.
 */
class RecordedStepsBuildTest {

    @TempDir
    Path dir;

    private BuildRecord record;

    @BeforeEach
    void project() throws Exception {
        RequiredTools.require("gcc", "gcc");
        RequiredTools.linker();
        TestProjects.write(dir, TestProjects.SPEC, TestProjects.SOURCE);
        Files.createDirectories(dir.resolve("include"));
        Files.writeString(dir.resolve("include/value.h"), "#define VALUE 7\n");
        Files.writeString(dir.resolve("src/other.c"), "#include \"value.h\"\nint other_value(void) { return VALUE; }\n");
        record = new BuildRecord(dir.resolve("work/test.record"), "settings");
        BuildResult first = buildAndRecord(request(List.of()), Optional.empty());
        assertThat(first.compiledSources()).isEqualTo(2);
    }

    private WinelibBuildRequest request(List<String> cflags) throws Exception {
        List<Path> sources = new ArrayList<>();
        try (var files = Files.list(dir.resolve("src"))) {
            files.filter(p -> p.toString().endsWith(".c")).sorted().forEach(sources::add);
        }
        return WinelibBuildRequest.builder(dir.resolve("test.spec"), dir.resolve("out/test.dll"), dir.resolve("work"))
                .sources(sources).sourceRoot(dir.resolve("src")).includeDirectories(List.of(dir.resolve("include")))
                .cflags(cflags).sysroot(dev.winelib.sysroot.Sysroot.host()).viewsDirectory(dir.resolve("views"))
                .build();
    }

    /** A build as the plugin runs it: with the last record's state, then a new record. */
    private BuildResult buildAndRecord(WinelibBuildRequest request, Optional<BuildRecord.State> last)
            throws Exception {
        Instant started = Instant.now();
        BuildResult result = new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent(), last).build(request);
        Thread.sleep(20);
        // the plugin records the source and include directories too: an added or removed file changes them
        BuildRecord.Files directories = new BuildRecord.Files(java.util.Set.of(dir.resolve("src"),
                dir.resolve("include")), java.util.Set.of(), List.of());
        assertThat(record.write(result.files().orElseThrow().and(directories), started, Duration.ZERO)).isTrue();
        return result;
    }

    private Optional<BuildRecord.State> lastBuild() {
        Optional<BuildRecord.State> state = record.read();
        assertThat(state).isPresent();
        return state;
    }

    private Path object(String name) {
        return dir.resolve("work/obj/" + name + ".o");
    }

    /** Removes what the ordinary up-to-date check of an object reads: only the record can vouch for it now. */
    private void forgetStampAndDependencies(String name) throws Exception {
        Files.delete(dir.resolve("work/obj/" + name + ".o.stamp"));
        Files.delete(dir.resolve("work/obj/" + name + ".o.d"));
    }

    @Test
    void anEditedSourceIsCompiledAndTheOtherTakenFromTheRecord() throws Exception {
        forgetStampAndDependencies("test.c");
        Files.writeString(dir.resolve("src/other.c"), "#include \"value.h\"\nint other_value(void) { return 1; }\n");
        BuildResult result = buildAndRecord(request(List.of()), lastBuild());
        assertThat(result.compiledSources()).isEqualTo(1);
        assertThat(result.linked()).isTrue();
        assertThat(dir.resolve("work/obj/test.c.o.stamp")).doesNotExist();
        // the step stays in the new record, with its headers
        assertThat(result.files().orElseThrow().steps().get(object("test.c")).inputs())
                .anyMatch(p -> p.endsWith("winbase.h"));
    }

    @Test
    void anEditedHeaderRecompilesTheSourcesThatIncludeIt() throws Exception {
        forgetStampAndDependencies("test.c");
        Files.writeString(dir.resolve("include/value.h"), "#define VALUE 8\n");
        BuildResult result = buildAndRecord(request(List.of()), lastBuild());
        assertThat(result.compiledSources()).isEqualTo(1);
        assertThat(dir.resolve("work/obj/other.c.o.stamp")).isRegularFile();
    }

    @Test
    void anObjectRewrittenKeepingSizeAndModificationTimeIsCompiledAgain() throws Exception {
        Path object = object("test.c");
        FileTime modified = Files.getLastModifiedTime(object);
        byte[] damaged = Files.readAllBytes(object);
        damaged[damaged.length / 2] ^= 0x55;
        Files.write(object, damaged);
        Files.setLastModifiedTime(object, modified);
        BuildResult result = buildAndRecord(request(List.of()), lastBuild());
        assertThat(result.compiledSources()).isEqualTo(1);
        assertThat(Files.readAllBytes(object)).isNotEqualTo(damaged);
    }

    @Test
    void otherFlagsCompileEverySource() throws Exception {
        Files.writeString(dir.resolve("include/unused.h"), "\n"); // the record is no longer current
        assertThat(lastBuild().orElseThrow().current()).isFalse();
        BuildResult result = buildAndRecord(request(List.of("-DOTHER")), lastBuild());
        assertThat(result.compiledSources()).isEqualTo(2);
    }

    @Test
    void anAddedSourceIsCompiledAndARemovedOneLeavesTheLink() throws Exception {
        forgetStampAndDependencies("test.c");
        Files.writeString(dir.resolve("src/third.c"), "int third_value(void) { return 3; }\n");
        BuildResult added = buildAndRecord(request(List.of()), lastBuild());
        assertThat(added.compiledSources()).isEqualTo(1);
        assertThat(added.linked()).isTrue();

        Files.delete(dir.resolve("src/third.c"));
        BuildResult removed = buildAndRecord(request(List.of()), lastBuild());
        assertThat(removed.compiledSources()).isZero();
        assertThat(removed.linked()).isTrue();
        assertThat(removed.files().orElseThrow().steps()).doesNotContainKey(object("third.c"));
    }
}
