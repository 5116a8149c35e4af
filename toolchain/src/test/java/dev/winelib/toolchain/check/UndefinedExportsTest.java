package dev.winelib.toolchain.check;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.build.TestProjects;
import dev.winelib.toolchain.build.WinelibBuilder;
import dev.winelib.toolchain.process.ToolLocator;

/** An export nothing defines fails the build at its spec line, with a hint for a static function of its name. */
class UndefinedExportsTest {

    @TempDir
    Path dir;

    @Test
    void anUndefinedExportIsReportedAtItsSpecLine() throws Exception {
        RequiredTools.require("gcc", "gcc");
        RequiredTools.linker();
        TestProjects.write(dir, "@ stdcall gb_add(long long)\n@ stdcall gb_ad(long long)\n",
                "int __attribute__((ms_abi)) gb_add(int a, int b) { return a + b; }\n");

        assertThatThrownBy(() -> build())
                .isInstanceOf(BuildFailure.class)
                .hasMessageStartingWith(dir.resolve("test.spec") + ":2:1: function 'gb_ad' is not defined: no object"
                        + " defines it and no imported DLL exports it\n")
                .hasMessageNotContaining("static")
                .hasMessageNotContaining(".spec.o")
                .hasMessageNotContaining("module.o");
        assertThatThrownBy(() -> build()).hasMessageNotContaining("test.dll (");
    }

    @Test
    void aStaticFunctionOfThatNameGivesAHint() throws Exception {
        RequiredTools.require("gcc", "gcc");
        RequiredTools.linker();
        TestProjects.write(dir, "# exports\n@ stdcall gb_add(long long)\n",
                "static int __attribute__((ms_abi)) gb_add(int a, int b) { return a + b; }\n");

        assertThatThrownBy(() -> build())
                .isInstanceOf(BuildFailure.class)
                .hasMessageStartingWith(dir.resolve("test.spec") + ":2:1: function 'gb_add' is not defined")
                .hasMessageContaining("\n" + dir.resolve("src/test.c") + " defines 'gb_add' as static, which only that"
                        + " file can see: remove 'static' so the export can use it");
    }

    private void build() throws Exception {
        new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent())
                .build(TestProjects.request(dir, dir.resolve("views")).build());
    }
}
