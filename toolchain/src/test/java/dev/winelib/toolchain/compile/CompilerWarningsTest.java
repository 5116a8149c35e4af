package dev.winelib.toolchain.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.toolchain.RecordingLog;
import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.build.TestProjects;
import dev.winelib.toolchain.build.WinelibBuilder;
import dev.winelib.toolchain.process.ToolLocator;

/** Warnings of a compilation that succeeds are shown, one message per diagnostic, with file:line. */
class CompilerWarningsTest {

    @TempDir
    Path dir;

    @Test
    void warningsOfASucceedingCompileAreLoggedWithTheirPlace() throws Exception {
        RequiredTools.require("gcc", "gcc");
        RequiredTools.linker();
        TestProjects.write(dir, TestProjects.SPEC, TestProjects.SOURCE
                + "int WINAPI unused_var(void) { int x; return 0; }\n"
                + "int WINAPI unused_too(void) { int y; return 1; }\n");
        RecordingLog log = new RecordingLog();

        new WinelibBuilder(ToolLocator.fromEnvironment(), log)
                .build(TestProjects.request(dir, dir.resolve("views")).cflags(List.of("-Wall")).build());

        Path source = dir.resolve("src/test.c");
        List<String> warnings = log.lines().stream().filter(l -> l.startsWith("WARN ")).toList();
        assertThat(warnings).hasSize(2);
        // (gcc quotes names with the locale's quotation marks)
        assertThat(warnings.get(0)).startsWith("WARN " + source + ": In function ")
                .contains("\n" + source + ":9:35: warning: unused variable ").contains("[-Wunused-variable]");
        assertThat(warnings.get(1)).startsWith("WARN " + source + ": In function ")
                .contains("\n" + source + ":10:35: warning: unused variable ");
    }

    @Test
    void splitsGccOutputIntoOneMessagePerDiagnosticKeepingNotesAndExcerpts() {
        String output = """
                In file included from a.c:1:
                b.h: In function 'f':
                b.h:3:5: warning: implicit declaration of function 'g' [-Wimplicit-function-declaration]
                    3 |     g();
                      |     ^
                a.c:7:12: warning: 'h' defined but not used [-Wunused-function]
                    7 | static int h(void) { return 0; }
                      |            ^
                a.c:9:1: note: declared here
                a.c: At top level:
                a.c:12:1: warning: something else
                """;

        assertThat(CompilerDiagnostics.split(output)).containsExactly(
                "In file included from a.c:1:\nb.h: In function 'f':\nb.h:3:5: warning: implicit declaration of"
                        + " function 'g' [-Wimplicit-function-declaration]\n    3 |     g();\n      |     ^",
                "a.c:7:12: warning: 'h' defined but not used [-Wunused-function]\n    7 | static int h(void) { return"
                        + " 0; }\n      |            ^\na.c:9:1: note: declared here",
                "a.c: At top level:\na.c:12:1: warning: something else");
        assertThat(CompilerDiagnostics.split("  \n")).isEmpty();
        assertThat(CompilerDiagnostics.split("cc1: some message")).containsExactly("cc1: some message");
    }
}
