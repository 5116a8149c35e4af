package dev.winelib.toolchain.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.build.BuildResult;
import dev.winelib.toolchain.build.TestProjects;
import dev.winelib.toolchain.build.WinelibBuilder;
import dev.winelib.toolchain.process.ToolLocator;

/**
 * Sources compile in parallel with the runtime and with each other; the outcome does not depend on it: the
 * same DLL, and when several sources fail, the error of the first in source order, with no object of a
 * failed source left behind.
 */
class ParallelCompilationTest {

    @TempDir
    Path dir;

    @Test
    void manySourcesGiveTheSameDllAsOne() throws Exception {
        RequiredTools.require("gcc", "gcc");
        RequiredTools.linker();
        WinelibBuilder builder = new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent());

        Path single = TestProjects.write(dir.resolve("single"), "@ stdcall f0()\n@ stdcall f1()\n@ stdcall f2()\n"
                + "@ stdcall f3()\n@ stdcall f4()\n@ stdcall f5()\n", functions(0, 6));
        builder.build(TestProjects.request(single, dir.resolve("views")).build());

        Path split = dir.resolve("split");
        TestProjects.write(split, Files.readString(single.resolve("test.spec")), functions(0, 1));
        List<Path> sources = new ArrayList<>(); // besides src/test.c, which the request has
        for (int i = 1; i < 6; i++) {
            sources.add(Files.writeString(split.resolve("src/part" + i + ".c"), functions(i, i + 1)));
        }
        BuildResult r = builder.build(TestProjects.request(split, dir.resolve("views")).sources(sources).build());

        assertThat(r.compiledSources()).isEqualTo(6);
        assertThat(r.image().nameTable()).containsExactly("f0", "f1", "f2", "f3", "f4", "f5");
        sources.add(split.resolve("src/test.c"));
        for (Path s : sources) {
            assertThat(split.resolve("work/obj/" + SourceCompiler.objectName(s, List.of(split.resolve("src"))))).isRegularFile();
        }
    }

    @Test
    void theFirstFailingSourceInSourceOrderIsReported() throws Exception {
        RequiredTools.require("gcc", "gcc");
        RequiredTools.linker();
        TestProjects.write(dir, "@ stdcall f0()\n", functions(0, 1));
        List<Path> sources = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sources.add(Files.writeString(dir.resolve("src/s" + i + ".c"), i == 2 || i == 4
                    ? "int broken_" + i + "(void) { return missing_" + i + "; }\n" : "int ok_" + i + ";\n"));
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatThrownBy(() -> new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent())
                    .build(TestProjects.request(dir, dir.resolve("views")).sources(sources).build()))
                    .isInstanceOf(BuildFailure.class)
                    .hasMessageContaining("compiling " + dir.resolve("src/s2.c"))
                    .hasMessageContaining("missing_2")
                    .hasMessageNotContaining("missing_4");
        }
        assertThat(dir.resolve("work/obj/s2.c.o")).doesNotExist();
        assertThat(dir.resolve("work/obj/s4.c.o")).doesNotExist();
        assertThat(dir.resolve("work/obj/s0.c.o")).isRegularFile();
        try (var files = Files.list(dir.resolve("work/obj"))) {
            assertThat(files).noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
        }
    }

    private static String functions(int from, int to) {
        StringBuilder b = new StringBuilder("#define WINAPI __attribute__((ms_abi))\n");
        for (int i = from; i < to; i++) {
            b.append("int WINAPI f").append(i).append("(void) { return ").append(i).append("; }\n");
        }
        return b.toString();
    }
}
