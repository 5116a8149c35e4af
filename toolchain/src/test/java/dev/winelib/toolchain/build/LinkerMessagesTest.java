package dev.winelib.toolchain.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.process.ToolLocator;

/**
 * R16: real ld.lld errors of a build (the probe link that finds the imports, the final link) name the
 * project's sources and say what the build's own files are (the module header generated from the spec,
 * winebuild-j's runtime), never the work directory's objects, temporary outputs or the command line.
 */
class LinkerMessagesTest {

    @TempDir
    Path dir;

    private String failure(String name, String extraSource) throws Exception {
        RequiredTools.require("gcc", "gcc");
        RequiredTools.linker();
        Path p = TestProjects.write(dir.resolve(name), TestProjects.SPEC,
                TestProjects.SOURCE + "int helper(void) { return 0; }\n");
        Files.writeString(p.resolve("src/extra.c"), extraSource);
        WinelibBuildRequest request = TestProjects.request(p, dir.resolve("views"))
                .sources(List.of(p.resolve("src/extra.c"))).baseDirectory(p).build();
        BuildFailure e = catchThrowableOfType(
                () -> new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent()).build(request),
                BuildFailure.class);
        assertThat(e).as("the build fails").isNotNull();
        assertThat(e.getMessage()).as(e.getMessage()).doesNotContain(p.resolve("work").toString(), ".tmp",
                "probe", "command:");
        assertThat(p.resolve("out/test.dll")).doesNotExist();
        return e.getMessage();
    }

    @Test
    void r16ADuplicateSymbolNamesTheSources() throws Exception {
        assertThat(failure("dup", "int helper(void) { return 1; }\n"))
                .contains("duplicate symbol: helper", "the object of src/test.c:", "the object of src/extra.c:");
    }

    @Test
    void r16ASymbolOfTheModuleHeaderNamesTheSpec() throws Exception {
        Path spec = dir.resolve("header/test.spec");
        assertThat(failure("header", "int __wine_spec_nt_header = 1;\n"))
                .contains("duplicate symbol: __wine_spec_nt_header", "the module header generated from " + spec,
                        "the object of src/extra.c:");
    }

    @Test
    void r16ASymbolOfTheRuntimeNamesTheRuntime() throws Exception {
        assertThat(failure("runtime", "void __wine_spec_dll_entry(void) {}\n"))
                .contains("duplicate symbol: __wine_spec_dll_entry", "winebuild-j's runtime (entry.c)",
                        "the object of src/extra.c:");
    }
}
