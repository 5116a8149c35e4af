package dev.winelib.toolchain.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.process.ToolLocator;

/**
 * A winelib DLL whose sources share a guarded project header is built with a precompiled header by
 * default, and is byte for byte the DLL built without one ({@code precompiledHeaders(false)}).
 */
class PrecompiledHeaderBuildTest {

    @TempDir
    Path dir;

    @Test
    void theDllIsTheSameWithAndWithoutThePrecompiledHeader() throws Exception {
        RequiredTools.require("gcc", "gcc");
        RequiredTools.linker();
        Path project = TestProjects.write(dir.resolve("p"), "@ stdcall f0(long)\n@ stdcall f1(long)\n@ stdcall f2(long)\n",
                source(0));
        Files.writeString(project.resolve("src/proj.h"),
                "#ifndef PROJ_H\n#define PROJ_H\n#include <windows.h>\nint helper(int v);\n#endif\n");
        List<Path> more = new ArrayList<>();
        for (int i = 1; i < 3; i++) {
            more.add(Files.writeString(project.resolve("src/f" + i + ".c"), source(i)));
        }
        WinelibBuilder builder = new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent());

        builder.build(TestProjects.request(project, dir.resolve("views")).sources(more).build());
        assertThat(gchFiles(project.resolve("work/pch"))).hasSize(1);
        byte[] withPch = Files.readAllBytes(project.resolve("out/test.dll"));

        WinelibBuilderTest.deleteTree(project.resolve("work"));
        WinelibBuilderTest.deleteTree(project.resolve("out"));
        builder.build(TestProjects.request(project, dir.resolve("views")).sources(more).precompiledHeaders(false)
                .build());
        assertThat(project.resolve("work/pch")).doesNotExist();
        assertThat(project.resolve("out/test.dll")).hasBinaryContent(withPch);
    }

    private static String source(int i) {
        return "#include \"proj.h\"\nint WINAPI f" + i + "(LONG v) { return v + " + i + "; }\n"
                + (i == 0 ? "int helper(int v) { return v; }\n" : "");
    }

    private static List<Path> gchFiles(Path pch) throws Exception {
        try (Stream<Path> files = Files.walk(pch)) {
            return files.filter(f -> f.toString().endsWith(".gch")).toList();
        }
    }
}
