package dev.winelib.toolchain.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.winelib.sysroot.Sysroot;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.RecordingLog;
import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.build.TestProjects;
import dev.winelib.toolchain.build.WinelibBuildRequest;
import dev.winelib.toolchain.build.WinelibBuilder;
import dev.winelib.toolchain.process.ToolLocator;

/**
 * An exported function defined without WINAPI (System V instead of ms_abi on x86_64) fails the build at
 * its spec line, with C and C++ sources and with GCC and Clang; correct definitions pass, and a source
 * whose check passed is not checked again while nothing changed.
 */
class CallingConventionCheckTest {

    private static final String SPEC = """
            # exports
            @ stdcall gb_add(long long)
            @ cdecl gb_mul(long long)
            @ varargs gb_sum(long)
            @ extern gb_counter
            """;
    private static final String GOOD = """
            #define WINAPI __attribute__((ms_abi))
            int gb_counter;
            int WINAPI gb_add(int a, int b) { return a + b; }
            int WINAPI gb_mul(int a, int b) { return a * b; }
            int WINAPI gb_sum(int n, ...) { return n; }
            static int helper(int a) { return a; }
            int not_exported(int a) { return helper(a); }
            """;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"gcc", "clang"})
    void aMissingWinapiFailsAtTheSpecLine(String compiler) throws Exception {
        RequiredTools.require(compiler, compiler);
        RequiredTools.linker();
        TestProjects.write(dir, SPEC, GOOD.replace("int WINAPI gb_add", "int gb_add")
                .replace("int WINAPI gb_sum", "int gb_sum"));

        assertThatThrownBy(() -> build(request().compiler(compiler), new RecordingLog()))
                .isInstanceOf(BuildFailure.class)
                .hasMessageStartingWith(dir.resolve("test.spec") + ":2:1: function 'gb_add' (stdcall) is defined in "
                        + dir.resolve("src/test.c") + " without the Windows calling convention: declare it WINAPI\n"
                        + dir.resolve("test.spec") + ":4:1: function 'gb_sum' (varargs) is defined in "
                        + dir.resolve("src/test.c") + " without the Windows calling convention: declare it WINAPI\n"
                        + "On x86_64 Windows code calls exported functions with the Microsoft x64 calling convention")
                .hasMessageNotContaining("gb_mul");
        assertThat(dir.resolve("out/test.dll")).doesNotExist();
    }

    @Test
    void aMissingWinapiIsReportedBeforeALinkFailure() throws Exception {
        // the check runs while the link is made: when both fail, the check's failure is the one reported
        RequiredTools.require("gcc", "gcc");
        RequiredTools.linker();
        TestProjects.write(dir, SPEC, GOOD.replace("int WINAPI gb_add", "int gb_add")
                .replace("return a * b;", "extern int gb_nowhere(void); return a * b + gb_nowhere();"));

        assertThatThrownBy(() -> build(request(), new RecordingLog()))
                .isInstanceOf(BuildFailure.class)
                .hasMessageStartingWith(dir.resolve("test.spec") + ":2:1: function 'gb_add' (stdcall) is defined in "
                        + dir.resolve("src/test.c") + " without the Windows calling convention: declare it WINAPI")
                .hasMessageNotContaining("gb_nowhere");
        assertThat(dir.resolve("out/test.dll")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gcc", "clang"})
    void correctDefinitionsPassAndAreNotCheckedAgainWhileUnchanged(String compiler) throws Exception {
        RequiredTools.require(compiler, compiler);
        RequiredTools.linker();
        TestProjects.write(dir, SPEC, GOOD);
        RecordingLog first = new RecordingLog();
        build(request().compiler(compiler), first);
        if (compiler.equals("gcc")) {
            // GCC's compilation says which functions are ms_abi: no second compilation
            assertThat(first.lines()).anyMatch(l -> l.startsWith("DEBUG ") && l.contains("-fdump-tree-gimple="));
            assertThat(first.lines()).noneMatch(l -> l.contains("-fsyntax-only"));
        } else {
            assertThat(first.lines()).anyMatch(l -> l.startsWith("DEBUG ") && l.contains("-fsyntax-only"));
        }
        assertThat(first.lines()).noneMatch(l -> l.startsWith("WARN "));

        RecordingLog second = new RecordingLog();
        build(request().compiler(compiler), second);
        assertThat(second.lines()).noneMatch(l -> l.contains("-fsyntax-only"));

        // a changed definition is checked again
        Files.writeString(dir.resolve("src/test.c"), GOOD.replace("int WINAPI gb_mul", "int gb_mul"));
        assertThatThrownBy(() -> build(request().compiler(compiler), new RecordingLog()))
                .hasMessageStartingWith(dir.resolve("test.spec") + ":3:1: function 'gb_mul' (cdecl) is defined in ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gcc", "clang"})
    void aPassedCheckIsRepeatedWhenTheSpecExportsAnotherFunction(String compiler) throws Exception {
        RequiredTools.require(compiler, compiler);
        RequiredTools.linker();
        TestProjects.write(dir, SPEC, GOOD);
        build(request().compiler(compiler), new RecordingLog());
        assertThat(dir.resolve("work/cc-check/passed.stamp")).isRegularFile();

        // sources and objects unchanged; the spec now exports the System V function
        Files.writeString(dir.resolve("test.spec"), SPEC + "@ cdecl not_exported(long)\n");
        assertThatThrownBy(() -> build(request().compiler(compiler), new RecordingLog()))
                .isInstanceOf(BuildFailure.class)
                .hasMessageContaining("function 'not_exported' (cdecl) is defined in " + dir.resolve("src/test.c")
                        + " without the Windows calling convention");
        assertThat(dir.resolve("work/cc-check/passed.stamp")).doesNotExist();
    }

    @Test
    void anObjectWithoutTheCompilersListIsCheckedByASecondCompilation() throws Exception {
        RequiredTools.require("gcc", "gcc");
        RequiredTools.linker();
        TestProjects.write(dir, SPEC, GOOD);
        build(request(), new RecordingLog());
        Path list = dir.resolve("work/obj/test.c.o.conventions");
        assertThat(list).isRegularFile();
        assertThat(Files.readAllLines(list)).contains("ms_abi gb_add", "ms_abi gb_sum", "other not_exported");

        // an object compiled by an earlier version has no list, nor a record of a passed check
        Files.delete(list);
        RecordingLog log = new RecordingLog();
        build(request(), log);
        assertThat(log.lines()).noneMatch(l -> l.startsWith("INFO compiling"));
        assertThat(log.lines()).anyMatch(l -> l.startsWith("DEBUG ") && l.contains("-fsyntax-only"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"g++", "clang++"})
    void cxxSourcesAreCheckedToo(String cxx) throws Exception {
        RequiredTools.require(cxx, cxx.equals("g++") ? "g++" : "clang");
        RequiredTools.linker();
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("test.spec"), SPEC);
        Files.writeString(dir.resolve("src/test.cpp"), "extern \"C\" {\n" + GOOD.replace("int gb_counter;",
                "int gb_counter;\n}\nextern \"C\" {").replace("int WINAPI gb_mul", "int gb_mul") + "}\n");
        String c = cxx.equals("g++") ? "gcc" : "clang";

        WinelibBuildRequest.Builder request = WinelibBuildRequest.builder(dir.resolve("test.spec"),
                dir.resolve("out/test.dll"), dir.resolve("work")).sources(List.of(dir.resolve("src/test.cpp")))
                .sourceRoot(dir.resolve("src")).sysroot(Sysroot.host()).viewsDirectory(dir.resolve("views"))
                .compiler(c).cxxCompiler(cxx);

        assertThatThrownBy(() -> build(request, new RecordingLog()))
                .isInstanceOf(BuildFailure.class)
                .hasMessageStartingWith(dir.resolve("test.spec") + ":3:1: function 'gb_mul' (cdecl) is defined in "
                        + dir.resolve("src/test.cpp") + " without the Windows calling convention: declare it WINAPI\n");
    }

    @Test
    void exportsDefinedOutsideTheCompiledSourcesAreLeftAlone() throws Exception {
        RequiredTools.require("gcc", "gcc");
        RequiredTools.linker();
        TestProjects.write(dir, SPEC, "int gb_counter;\n");
        Path prebuilt = Files.writeString(dir.resolve("prebuilt.c"),
                GOOD.replace("int gb_counter;", "").replace("int WINAPI gb_add", "int gb_add"));
        Path object = dir.resolve("prebuilt.o");
        new ProcessBuilder("gcc", "-c", "-fPIC", "-o", object.toString(), prebuilt.toString()).inheritIO().start()
                .waitFor();

        build(request().linkInputs(List.of(object)), new RecordingLog());

        assertThat(dir.resolve("out/test.dll")).isRegularFile();
    }

    private WinelibBuildRequest.Builder request() {
        return TestProjects.request(dir, dir.resolve("views"));
    }

    private static void build(WinelibBuildRequest.Builder request, RecordingLog log) throws Exception {
        new WinelibBuilder(ToolLocator.fromEnvironment(), log).build(request.build());
    }
}
