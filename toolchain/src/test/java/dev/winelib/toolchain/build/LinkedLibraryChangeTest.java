package dev.winelib.toolchain.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.process.ProcessRunner;
import dev.winelib.toolchain.process.ToolLocator;

/** R11: a library found through {@code libraries} and {@code -L} in ldflags that changes makes the DLL link again. */
class LinkedLibraryChangeTest {

    @TempDir
    Path dir;

    @Test
    void r11AChangedLibraryFromAnLdflagsDirectoryRelinks() throws Exception {
        Path gcc = RequiredTools.require("gcc", "gcc");
        RequiredTools.linker();
        Path libs = Files.createDirectories(dir.resolve("libs"));
        Path p = TestProjects.write(dir.resolve("p"), TestProjects.SPEC, TestProjects.SOURCE);
        library(gcc, libs, "int helper(void) { return 1; }\n");
        WinelibBuilder builder = new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent());
        BuildResult first = builder.build(request(p, libs));
        assertThat(first.linked()).isTrue();
        assertThat(builder.build(request(p, libs)).linked()).isFalse();

        library(gcc, libs, "int helper(void) { return 2; }\nint other(void) { return 3; }\n");
        assertThat(builder.build(request(p, libs)).linked()).isTrue();
    }

    private WinelibBuildRequest request(Path p, Path libs) {
        WinelibBuildRequest.Builder b = TestProjects.request(p, dir.resolve("views"));
        b.ldflags(List.of("-L" + libs));
        b.libraries(List.of("helper"));
        return b.build();
    }

    private static void library(Path gcc, Path libs, String source) throws Exception {
        Path c = Files.writeString(libs.resolve("helper.c"), source);
        ProcessRunner.check("gcc", List.of(gcc.toString(), "-shared", "-fPIC", "-o",
                libs.resolve("libhelper.so").toString(), c.toString()), libs);
    }
}
