package dev.winelib.toolchain.wintest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.spec.ModuleSpec;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.RecordingLog;
import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.build.ModuleInputs;
import dev.winelib.toolchain.build.TestProjects;
import dev.winelib.toolchain.build.WinelibBuilder;
import dev.winelib.toolchain.implib.WindowsLinkFiles;
import dev.winelib.toolchain.process.ToolLocator;

/**
 * Real MinGW and real Wine: programs linked against a winelib DLL's import library run next to it; exit
 * code 0 passes, another exit code or running out of time fails, each with a report. The prefix is made
 * once under target/ and reused by later runs.
 */
class WindowsTestsTest {

    /** One prefix for these tests (making one takes about ten seconds). */
    private static final Path PREFIX = Path.of("target/wineprefix-wintest").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void programsRunUnderWineNextToTheModuleAndEachGetsAReport() throws Exception {
        ToolLocator tools = ToolLocator.fromEnvironment();
        Path gcc = RequiredTools.require("x86_64-w64-mingw32-gcc", "gcc-mingw-w64-x86-64");
        RequiredTools.require(WindowsLinkFiles.DLLTOOL, WindowsLinkFiles.DLLTOOL_PACKAGE);
        RequiredTools.require("gcc", "gcc");
        RequiredTools.linker();
        WineCommand wine = wine(tools);
        Path module = buildModule();
        WindowsLinkFiles linkFiles = WindowsLinkFiles.write(spec(), dir.resolve("out"), dir.resolve("work"), tools,
                BuildLog.silent());
        assertThat(linkFiles.importLibrary()).isEqualTo(dir.resolve("out/libtest.a")).isRegularFile();
        assertThat(linkFiles.definitionFile()).isEqualTo(dir.resolve("out/test.def"));
        assertThat(Files.readString(linkFiles.definitionFile())).contains("LIBRARY test.dll").contains("  add @1\n");

        Path tests = Files.createDirectories(dir.resolve("tests"));
        String declarations = "__declspec(dllimport) int __stdcall add(int, int);\n";
        Files.writeString(tests.resolve("adds.c"), "#include <stdio.h>\n" + declarations
                + "int main(void) { printf(\"add(2, 40) = %d\\n\", add(2, 40)); return add(2, 40) == 42 ? 0 : 1; }\n");
        Files.createDirectories(tests.resolve("two"));
        Files.writeString(tests.resolve("two/main.c"), "int part(void);\nint main(void) { return part(); }\n");
        Files.writeString(tests.resolve("two/part.c"), declarations + "int part(void) { return add(-1, 1); }\n");
        Files.writeString(tests.resolve("fails.c"), "#include <stdio.h>\n" + declarations
                + "int main(void) { fprintf(stderr, \"going wrong\\n\"); return add(3, 4); }\n");
        Files.writeString(tests.resolve("hangs.c"), "#include <windows.h>\nint main(void) { Sleep(600000); return 0; }\n");

        RecordingLog log = new RecordingLog();
        WindowsTests.Request request = new WindowsTests.Request(WindowsTestProgram.find(tests), module,
                Optional.empty(), new TestProgramCompiler(gcc, gcc, List.of("-Wall"), List.of(),
                        linkFiles.importLibrary(), List.of()),
                new WineSession(wine, PREFIX, tools), Duration.ofSeconds(5), dir.resolve("run"), dir.resolve("reports"));
        List<TestOutcome> outcomes = WindowsTests.run(request, log);

        assertThat(outcomes).extracting(TestOutcome::name).containsExactly("adds", "fails", "hangs", "two");
        TestOutcome adds = outcomes.get(0);
        assertThat(adds.passed()).as(adds.toString()).isTrue();
        assertThat(adds.stdout()).isEqualTo("add(2, 40) = 42\n");
        TestOutcome fails = outcomes.get(1);
        assertThat(fails.passed()).isFalse();
        assertThat(fails.exitCode()).isEqualTo(7);
        assertThat(fails.stderr()).contains("going wrong");
        TestOutcome hangs = outcomes.get(2);
        assertThat(hangs.timedOut()).isTrue();
        assertThat(hangs.reason()).isEqualTo("did not finish within 5 s and was killed");
        assertThat(outcomes.get(3).passed()).as(outcomes.get(3).toString()).isTrue();
        for (String name : List.of("adds", "fails", "hangs", "two")) {
            assertThat(dir.resolve("reports/TEST-" + name + ".xml")).isRegularFile();
        }
        assertThat(dir.resolve("run/test.dll")).hasSameBinaryContentAs(module);
        assertThat(WindowsTests.failureMessage(outcomes, dir.resolve("reports"))).hasValue(
                "2 of 4 Windows test programs failed under Wine:\n"
                        + "fails: exit code 7, output:\n  going wrong\n"
                        + "hangs: did not finish within 5 s and was killed, no output\n"
                        + "Reports: " + dir.resolve("reports"));
        assertThat(WindowsTests.failureMessage(List.of(adds), dir)).isEmpty();

        // unchanged programs are not built again
        RecordingLog again = new RecordingLog();
        WindowsTests.run(new WindowsTests.Request(WindowsTestProgram.find(tests).subList(0, 1), module,
                Optional.empty(), request.compiler(), request.session(), request.timeout(), request.runDirectory(),
                request.reportsDirectory()), again);
        assertThat(again.lines()).noneMatch(l -> l.startsWith("INFO compiling"));
    }

    @Test
    void aProgramThatDoesNotCompileFailsTheBuildWithTheCompilersMessage() throws Exception {
        ToolLocator tools = ToolLocator.fromEnvironment();
        Path gcc = RequiredTools.require("x86_64-w64-mingw32-gcc", "gcc-mingw-w64-x86-64");
        Files.writeString(dir.resolve("broken.c"), "int main(void) { return missing; }\n");
        Path library = Files.writeString(dir.resolve("libnone.a"), "!<arch>\n");
        WindowsTests.Request request = new WindowsTests.Request(WindowsTestProgram.find(dir), library, Optional.empty(),
                new TestProgramCompiler(gcc, gcc, List.of(), List.of(), library, List.of()),
                new WineSession(new WineCommand(Path.of("/nonexistent/wine")), PREFIX, tools), Duration.ofSeconds(5),
                dir.resolve("run"), dir.resolve("reports"));

        assertThatThrownBy(() -> WindowsTests.run(request, BuildLog.silent())).isInstanceOf(BuildFailure.class)
                .hasMessageStartingWith("compiling the Windows test program broken (" + dir.resolve("broken.c")
                        + ") failed with exit code 1:\n")
                .hasMessageContaining("broken.c:1:25: error: ");
        assertThat(dir.resolve("run/broken.exe")).doesNotExist();
    }

    @Test
    void aMissingWineNamesTheDebianPackage() {
        ToolLocator none = new ToolLocator(List.of());
        assertThatThrownBy(() -> WineCommand.find(Optional.of("no-such-wine"), Optional.empty(), none))
                .isInstanceOf(BuildFailure.class)
                .hasMessage("Wine 'no-such-wine' was not found on the PATH; it runs the Windows test programs."
                        + " Install it with: apt-get install wine64, or configure wine (winelib.wine)");
    }

    private static WineCommand wine(ToolLocator tools) {
        try {
            return WineCommand.find(Optional.empty(), Optional.ofNullable(System.getenv("WINE")), tools);
        } catch (BuildFailure e) {
            RequiredTools.missing("Wine (Debian package wine64)");
            throw new AssertionError(e);
        }
    }

    private Path buildModule() throws Exception {
        TestProjects.write(dir, "@ stdcall add(long long)\n",
                "int __attribute__((ms_abi)) add(int a, int b) { return a + b; }\n");
        return new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent())
                .build(TestProjects.request(dir, dir.resolve("views")).build()).outputFile();
    }

    private ModuleSpec spec() throws Exception {
        return ModuleInputs.readSpec(dir.resolve("test.spec"), Optional.empty());
    }
}
