package dev.winelib.toolchain.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.RecordingLog;
import dev.winelib.toolchain.RequiredTools;

/**
 * Automatic precompiled headers, with real GCC and Wine's real headers: GCC's own report ({@code -H}
 * prints {@code !} before a precompiled header it used) says whether a compilation used one; the
 * objects, calling-convention lists and dependency lists are those of compilations without it.
 */
class PrecompiledHeadersTest {

    private static final String GUARDED = """
            /* the project header */
            #ifndef PROJ_H
            #define PROJ_H
            #include <windows.h>
            #include "sub.h"
            struct point { int x, y; }; /* a second inclusion would redefine it */
            #endif /* PROJ_H */
            """;
    private static final String PRAGMA_ONCE = """
            // pch.h
            #pragma once
            #include <windows.h>
            #include "sub.h"
            struct point { int x, y; };
            """;
    private static final String UNGUARDED = """
            #include <windows.h>
            #include "sub.h"
            int proj_helper(int x);
            """;

    @TempDir
    Path dir;

    private Path gcc;
    private List<String> flags;
    private RecordingLog log = new RecordingLog();

    @BeforeEach
    void tools() {
        gcc = RequiredTools.require("gcc", "gcc");
        if (WinelibCFlags.wineIncludeFlags().isEmpty()) {
            RequiredTools.missing("Wine's headers (libwine-dev)");
        }
        flags = new ArrayList<>(WinelibCFlags.baseFlags());
        flags.addAll(WinelibCFlags.wineIncludeFlags());
    }

    private List<Path> project(String header, int sources) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("proj.h"), header);
        Files.writeString(src.resolve("sub.h"), "#ifndef SUB_H\n#define SUB_H\n#define SUB_VALUE 1\n#endif\n");
        List<Path> list = new ArrayList<>();
        for (int i = 0; i < sources; i++) {
            list.add(Files.writeString(src.resolve("f" + i + ".c"), """
                    // source %d
                    #include "proj.h"
                    int WINAPI f%d(LONG v) { return v + SUB_VALUE + (int)GetCurrentProcessId(); }
                    static int local%d(int v) { return v * %d; }
                    int plain%d(int v) { return local%d(v); }
                    """.formatted(i, i, i, i, i, i)));
        }
        return list;
    }

    private SourceCompiler compiler(String objects, boolean pch) {
        SourceCompiler c = new SourceCompiler(gcc, flags, dir.resolve(objects), log).withFunctionConventions();
        return pch ? c.withPrecompiledHeaders(dir.resolve("pch")) : c;
    }

    /**
     * The last command line the compiler writing into {@code obj} logged for {@code source} (with any
     * precompiled-header options).
     */
    private List<String> loggedCommand(Path source) {
        return log.lines().stream().filter(m -> m.startsWith("DEBUG " + gcc) && m.endsWith(" " + source)
                && m.contains(" " + dir.resolve("obj") + "/"))
                .reduce((a, b) -> b).map(m -> List.of(m.substring("DEBUG ".length()).split(" "))).orElseThrow();
    }

    /** What GCC's {@code -H} says when it runs {@code command} again: the headers, a used .gch marked {@code !}. */
    private String headersReport(List<String> command) throws Exception {
        List<String> again = new ArrayList<>(command);
        again.add(again.size() - 1, "-H");
        again.set(again.indexOf("-o") + 1, dir.resolve("again.o").toString());
        again.set(again.indexOf("-MF") + 1, dir.resolve("again.d").toString());
        again.removeIf(a -> a.startsWith("-fdump-tree-gimple"));
        Process p = new ProcessBuilder(again).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    private Path gch() throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("pch"))) {
            return files.filter(f -> f.toString().endsWith(".gch")).findFirst().orElseThrow();
        }
    }

    @Test
    void aGuardedHeaderIsPrecompiledOnceAndGccUsesIt() throws Exception {
        List<Path> sources = project(GUARDED, 3);
        SourceCompiler.Outcome with = compiler("obj", true).compile(sources, List.of(dir.resolve("src")));
        SourceCompiler.Outcome without = compiler("plain", false).compile(sources, List.of(dir.resolve("src")));

        assertThat(log.lines().stream().filter(m -> m.startsWith("INFO precompiling"))).hasSize(1);
        Path gch = gch();
        assertThat(headersReport(loggedCommandWithPch(sources))).contains("! " + gch);
        for (int i = 0; i < sources.size(); i++) {
            List<String> command = loggedCommand(sources.get(i));
            // sources that found a free slot before the header was made compiled from the text
            if (command.contains("-include")) {
                assertThat(headersReport(command)).contains("! " + gch);
            }
            Path object = with.objects().get(i);
            Path plain = without.objects().get(i);
            assertThat(object).hasSameBinaryContentAs(plain);
            assertThat(FunctionConventions.listOf(object)).hasSameTextualContentAs(FunctionConventions.listOf(plain));
            // the dependency list names every header, those read into the precompiled header too
            assertThat(SourceCompiler.checkedFiles(object)).contains(dir.resolve("src/sub.h"))
                    .anyMatch(f -> f.endsWith("winbase.h"))
                    .containsAll(SourceCompiler.checkedFiles(plain).stream()
                            .filter(f -> !f.toString().endsWith(".stamp") && !f.toString().endsWith(".d")).toList());
        }
        assertThat(log.lines()).anyMatch(m -> m.startsWith("DEBUG " + gcc) && m.contains("-include"));
        assertThat(gch.getParent().resolve("proj.h")).hasContent("#include \"" + dir.resolve("src/proj.h") + "\"");
        assertThat(log.lines()).noneMatch(m -> m.startsWith("WARN"));
    }

    @Test
    void aPragmaOnceHeaderIsPrecompiledToo() throws Exception {
        List<Path> sources = project(PRAGMA_ONCE, 2);
        SourceCompiler.Outcome with = compiler("obj", true).compile(sources, List.of(dir.resolve("src")));
        SourceCompiler.Outcome without = compiler("plain", false).compile(sources, List.of(dir.resolve("src")));

        Path gch = gch();
        // the source's own #include "proj.h" read nothing: struct point is defined once
        assertThat(headersReport(loggedCommandWithPch(sources))).contains("! " + gch);
        for (int i = 0; i < sources.size(); i++) {
            assertThat(with.objects().get(i)).hasSameBinaryContentAs(without.objects().get(i));
        }
        assertThat(log.lines()).noneMatch(m -> m.startsWith("WARN"));
    }

    /** The command of a source compiled with the precompiled header (one always is: the one that made it). */
    private List<String> loggedCommandWithPch(List<Path> sources) {
        return sources.stream().map(this::loggedCommand).filter(c -> c.contains("-include")).findFirst()
                .orElseGet(() -> {
                    throw new AssertionError("no source compiled with the precompiled header: " + log.lines());
                });
    }

    @Test
    void aHeaderWithoutGuardIsNotPrecompiled() throws Exception {
        List<Path> sources = project(UNGUARDED, 3);
        SourceCompiler.Outcome with = compiler("obj", true).compile(sources, List.of(dir.resolve("src")));

        assertThat(with.compiled()).isEqualTo(3);
        assertThat(dir.resolve("pch")).doesNotExist();
        assertThat(log.lines()).noneMatch(m -> m.contains("-include"))
                .anyMatch(m -> m.equals("DEBUG not precompiling " + dir.resolve("src/proj.h")
                        + ": no include guard or #pragma once"));
    }

    @Test
    void onlySourcesWhoseFirstDirectiveIsTheSharedHeaderUseIt() throws Exception {
        List<Path> sources = new ArrayList<>(project(GUARDED, 2));
        Path late = Files.writeString(dir.resolve("src/late.c"),
                "#define LATE 1\n#include \"proj.h\"\nint WINAPI late(void) { return LATE; }\n");
        Path alone = Files.writeString(dir.resolve("src/alone.c"),
                "#include <windows.h>\nint WINAPI alone(void) { return 2; }\n");
        sources.add(late);
        sources.add(alone);
        compiler("obj", true).compile(sources, List.of(dir.resolve("src")));

        assertThat(loggedCommand(late)).doesNotContain("-include");
        assertThat(loggedCommand(alone)).doesNotContain("-include"); // <windows.h> first, but in one source only
        assertThat(headersReport(loggedCommandWithPch(sources.subList(0, 2)))).contains("! " + gch());
    }

    @Test
    void aSystemHeaderInAngleBracketsStaysASystemHeader() throws Exception {
        Path system = Files.createDirectories(dir.resolve("system"));
        // -Wall warns of the unused function only outside a system header
        Files.writeString(system.resolve("sys.h"),
                "#ifndef SYS_H\n#define SYS_H\n#include <windows.h>\nstatic int unused_fn(void) { return 1; }\n#endif\n");
        flags.addAll(List.of("-Wall", "-isystem", system.toString()));
        List<Path> sources = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            sources.add(Files.writeString(Files.createDirectories(dir.resolve("src")).resolve("s" + i + ".c"),
                    "#include <sys.h>\nint WINAPI s" + i + "(void) { return " + i + "; }\n"));
        }
        compiler("obj", true).compile(sources, List.of(dir.resolve("src")));

        Path gch = gch();
        assertThat(gch.getParent().resolve("sys.h")).hasContent("#include <sys.h>");
        assertThat(headersReport(loggedCommandWithPch(sources))).contains("! " + gch);
        assertThat(log.lines()).noneMatch(m -> m.startsWith("WARN"));
    }

    @Test
    void editingAHeaderTheHeaderIncludesMakesItAgainAndRecompilesItsSources() throws Exception {
        List<Path> sources = project(GUARDED, 3);
        SourceCompiler.Outcome first = compiler("obj", true).compile(sources, List.of(dir.resolve("src")));
        byte[] before = Files.readAllBytes(first.objects().get(0));
        log = new RecordingLog();

        SourceCompiler.Outcome noop = compiler("obj", true).compile(sources, List.of(dir.resolve("src")));
        assertThat(noop.compiled()).isZero();
        assertThat(log.lines()).noneMatch(m -> m.contains("precompil"));

        Files.writeString(dir.resolve("src/sub.h"), "#ifndef SUB_H\n#define SUB_H\n#define SUB_VALUE 2\n#endif\n");
        SourceCompiler.Outcome edited = compiler("obj", true).compile(sources, List.of(dir.resolve("src")));
        assertThat(edited.compiled()).isEqualTo(3);
        assertThat(log.lines()).contains("INFO precompiling " + dir.resolve("src/proj.h"));
        assertThat(Files.readAllBytes(edited.objects().get(0))).isNotEqualTo(before);
        SourceCompiler.Outcome plain = compiler("plain", false).compile(sources, List.of(dir.resolve("src")));
        assertThat(edited.objects().get(0)).hasSameBinaryContentAs(plain.objects().get(0));

        // other flags: another precompiled header, never the one made with the old flags
        log = new RecordingLog();
        flags.add("-DEXTRA=1");
        SourceCompiler.Outcome otherFlags = compiler("obj", true).compile(sources, List.of(dir.resolve("src")));
        assertThat(otherFlags.compiled()).isEqualTo(3);
        assertThat(log.lines()).contains("INFO precompiling " + dir.resolve("src/proj.h"));
        try (Stream<Path> files = Files.walk(dir.resolve("pch"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".gch"))).hasSize(2);
        }
    }

    @Test
    void errorsNameTheSourceAndTheHeaderLines() throws Exception {
        List<Path> sources = new ArrayList<>(project(GUARDED, 2));
        Path bad = Files.writeString(dir.resolve("src/bad.c"),
                "#include \"proj.h\"\nint WINAPI bad(LONG v)\n{\n    return undefined_thing + v;\n}\n");
        sources.add(bad);
        assertThatThrownBy(() -> compiler("obj", true).compile(sources, List.of(dir.resolve("src"))))
                .isInstanceOf(BuildFailure.class)
                .satisfies(e -> assertThat(e.getMessage()).containsPattern("bad\\.c:4:12: error: .undefined_thing."));
    }

    @Test
    void aHeaderThatDoesNotCompileIsReportedByItsSources() throws Exception {
        List<Path> sources = project(GUARDED.replace("struct point", "struct point oops"), 2);
        assertThatThrownBy(() -> compiler("obj", true).compile(sources, List.of(dir.resolve("src"))))
                .isInstanceOf(BuildFailure.class).hasMessageContaining("compiling " + sources.get(0))
                .satisfies(e -> assertThat(e.getMessage()).containsPattern("proj\\.h:6:\\d+: error"));
        assertThat(log.lines()).anyMatch(m -> m.startsWith("INFO not precompiling " + dir.resolve("src/proj.h")));
        try (Stream<Path> files = Files.walk(dir.resolve("pch"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".gch"))).isEmpty();
        }
    }

    @Test
    void precompiledHeadersAreOffUnlessAsked() throws Exception {
        List<Path> sources = project(GUARDED, 3);
        compiler("obj", false).compile(sources, List.of(dir.resolve("src")));
        assertThat(dir.resolve("pch")).doesNotExist();
        assertThat(log.lines()).noneMatch(m -> m.contains("-include") || m.contains("precompil"));
    }
}
