package dev.winelib.toolchain.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.toolchain.RecordingLog;
import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.process.ToolLocator;

/**
 * What a build keeps from the last one without making it again — the module header object (kept by a
 * fingerprint of the spec's content, the options, the imports and the code), the probe link's outcome,
 * the linked module — is kept only when nothing it is made from changed. Each kind of change is made
 * once, with real compilers and the linker, and the module built after it is compared byte for byte
 * with a clean build of the same inputs.
 */
class KeptOutputsBuildTest {

    private static final String KEPT = "up to date (same spec, options and imports): ";

    @TempDir
    Path dir;

    private Path project;
    private WinelibBuildRequest.Builder request;

    @BeforeEach
    void firstBuild() throws Exception {
        RequiredTools.require("gcc", "gcc");
        RequiredTools.linker();
        project = TestProjects.write(dir.resolve("p"), TestProjects.SPEC, TestProjects.SOURCE);
        request = TestProjects.request(project, dir.resolve("views")).baseDirectory(project);
        build(request);
    }

    private RecordingLog build(WinelibBuildRequest.Builder r) throws Exception {
        RecordingLog log = new RecordingLog();
        new WinelibBuilder(ToolLocator.fromEnvironment(), log)
                .withRuntimeCache(java.util.Optional.of(dir.resolve("runtime-cache"))).build(r.build());
        return log;
    }

    private Path moduleObject() {
        return project.resolve("work/test.dll.spec.o");
    }

    private boolean headerKept(RecordingLog log) {
        return log.lines().contains("DEBUG " + KEPT + moduleObject().toAbsolutePath());
    }

    /** The module and its header object, then the same from a build without any earlier output. */
    private void assertSameAsCleanBuild(WinelibBuildRequest.Builder r) throws Exception {
        byte[] module = Files.readAllBytes(project.resolve("out/test.dll"));
        byte[] header = Files.readAllBytes(moduleObject());
        deleteTree(project.resolve("work"));
        deleteTree(project.resolve("out"));
        RecordingLog clean = build(r);
        assertThat(headerKept(clean)).isFalse();
        assertThat(Files.readAllBytes(moduleObject())).as("module header object").isEqualTo(header);
        assertThat(Files.readAllBytes(project.resolve("out/test.dll"))).as("module").isEqualTo(module);
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Rewrites {@code file} with {@code text}, keeping its size and modification time. */
    private static void rewriteKeepingSizeAndTime(Path file, String from, String to) throws IOException {
        assertThat(to).hasSameSizeAs(from);
        FileTime modified = Files.getLastModifiedTime(file);
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
        Files.setLastModifiedTime(file, modified);
    }

    @Test
    void anEditThatKeepsEverySymbolKeepsTheHeaderObjectAndLinksAgain() throws Exception {
        Files.writeString(project.resolve("src/test.c"), TestProjects.SOURCE.replace("a + b", "a - b"));
        RecordingLog log = build(request);
        assertThat(headerKept(log)).isTrue();
        assertThat(log.lines()).contains("DEBUG probe link skipped: the objects' symbols and the link's inputs are as"
                + " in the last build");
        assertThat(log.lines()).anyMatch(l -> l.startsWith("INFO linking "));
        assertSameAsCleanBuild(request);
    }

    @Test
    void aSpecEditedKeepingSizeAndModificationTimeEmitsTheHeaderAgain() throws Exception {
        rewriteKeepingSizeAndTime(project.resolve("test.spec"), "5 stdcall -noname", "6 stdcall -noname");
        RecordingLog log = build(request);
        assertThat(headerKept(log)).isFalse();
        assertThat(log.lines()).anyMatch(l -> l.startsWith("INFO linking "));
        assertSameAsCleanBuild(request);
    }

    @Test
    void aNewImportEmitsTheHeaderAgain() throws Exception {
        Files.writeString(project.resolve("src/test.c"), TestProjects.SOURCE
                + "DWORD WINAPI current_process(void) { return GetCurrentProcessId(); }\n");
        RecordingLog log = build(request);
        assertThat(headerKept(log)).isFalse();
        assertThat(log.lines()).anyMatch(l -> l.contains("imports from kernel32.dll: [GetCurrentProcessId"));
        assertSameAsCleanBuild(request);
    }

    @Test
    void otherOptionsEmitTheHeaderAgain() throws Exception {
        // the time written into the header
        WinelibBuildRequest.Builder timed = TestProjects.request(project, dir.resolve("views")).baseDirectory(project)
                .outputTimestamp(OutputTimestamp.parseMaven("1700000000").orElseThrow());
        assertThat(headerKept(build(timed))).isFalse();
        assertSameAsCleanBuild(timed);
        // imports loaded when first called instead of with the module
        Files.writeString(project.resolve("src/test.c"), TestProjects.SOURCE
                + "DWORD WINAPI current_process(void) { return GetCurrentProcessId(); }\n");
        build(timed);
        WinelibBuildRequest.Builder delayed = TestProjects.request(project, dir.resolve("views"))
                .baseDirectory(project).outputTimestamp(OutputTimestamp.parseMaven("1700000000").orElseThrow())
                .delayImports(List.of("kernel32"));
        RecordingLog log = build(delayed);
        assertThat(headerKept(log)).isFalse();
        assertThat(log.lines()).anyMatch(l -> l.contains("imports from kernel32.dll (delayed)"));
        assertSameAsCleanBuild(delayed);
    }

    @Test
    void aDamagedHeaderObjectIsEmittedAgainWhenTheModuleIsLinked() throws Exception {
        Path object = moduleObject();
        byte[] damaged = TestProjects.damageKeepingSizeAndTime(object);
        Files.writeString(project.resolve("src/test.c"), TestProjects.SOURCE.replace("a + b", "a - b"));
        RecordingLog log = build(request);
        assertThat(headerKept(log)).isFalse();
        assertThat(Files.readAllBytes(object)).isNotEqualTo(damaged);
        assertSameAsCleanBuild(request);
    }

    @Test
    void aDamagedRuntimeObjectIsCompiledAgain() throws Exception {
        Path runtime = TestProjects.cachedRuntimeObject(dir.resolve("runtime-cache"), "entry.c.o");
        byte[] damaged = TestProjects.damageKeepingSizeAndTime(runtime);
        build(request);
        assertThat(Files.readAllBytes(runtime)).isNotEqualTo(damaged);
        assertSameAsCleanBuild(request);
    }

    @Test
    void anotherGeneratorLinksAgain() throws Exception {
        // the link's key names the code that made the header: a stamp of other code is not current
        Path stamp = project.resolve("work/test.dll.link.stamp");
        String text = Files.readString(stamp);
        assertThat(text).contains("arg code=");
        Files.writeString(stamp, text.replace("arg code=", "arg code=other "));
        RecordingLog log = build(request);
        assertThat(log.lines()).anyMatch(l -> l.startsWith("INFO linking "));
        assertSameAsCleanBuild(request);
    }
}
