package dev.winelib.toolchain.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.sysroot.Sysroot;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.RecordingLog;
import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.compile.CxxRuntime;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.pe.PeImport;
import dev.winelib.toolchain.process.ProcessRunner;
import dev.winelib.toolchain.process.ToolLocator;

/**
 * C++ sources against the host's GCC (the sniper case is in {@link SniperLanguagesTest}): compiled
 * with the C++ driver, libstdc++ linked statically or shared, constructors hidden from ld.so.
 */
class CxxModuleBuildTest {

    static final String SPEC = "@ stdcall cxx_value(str)\n@ stdcall c_value()\n";

    /** A static object whose constructor calls kernel32, exceptions, and a call into the C source. */
    static final String CXX_SOURCE = """
            #include <stdexcept>
            #include <string>
            #include <windef.h>
            #include <winbase.h>
            namespace {
            struct Started { DWORD pid = GetCurrentProcessId(); };
            Started started;
            int parse(const std::string &s) { return std::stoi(s); }
            }
            extern "C" int c_helper(void);
            extern "C" int WINAPI cxx_value(const char *text) noexcept
            {
                try { return parse(text) + c_helper() + (started.pid != 0); }
                catch (const std::invalid_argument &) { return -1; }
            }
            """;

    static final String C_SOURCE = """
            #include <windef.h>
            int c_helper(void) { return 1; }
            int WINAPI c_value(void) { return 2; }
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void tools() {
        RequiredTools.require("gcc", "gcc");
        RequiredTools.require("g++", "g++");
        RequiredTools.linker();
    }

    @Test
    void staticLibstdcxxConstructorsHiddenFromLdSoAndTheHostGlibcNamed() throws Exception {
        write();
        BuildResult result = build(request().glibcBaseline("none"));
        assertThat(result.compiledSources()).isEqualTo(2);
        assertThat(result.image().nameTable()).containsExactly("c_value", "cxx_value");
        assertThat(result.image().imports()).containsExactly(
                new PeImport("kernel32.dll", List.of("GetCurrentProcessId"), false));
        ElfFile elf = ElfFile.read(result.outputFile());
        String dynamic = ProcessRunner.check("readelf", List.of("readelf", "-d", result.outputFile().toString()), dir);
        assertThat(dynamic).doesNotContain("libstdc++").contains("0x0000000060009994").doesNotContain("(INIT_ARRAY)");
        assertThat(elf.dynamicSymbols()).filteredOn(s -> s.isDefined() && s.isGlobalOrWeak())
                .extracting(s -> s.name()).containsExactly("__wine_spec_nt_header");

        // Debian 12's libstdc++.a needs glibc 2.32 and later: the baseline check says so and where from
        assertThatThrownBy(() -> build(request())).isInstanceOf(BuildFailure.class)
                .hasMessageContaining("newer than glibc 2.31")
                .hasMessageMatching("(?s).*referenced by [^\\n]*libstdc\\+\\+\\.a\\(.*");
    }

    @Test
    void sharedLibstdcxxIsNeededFromTheSystem() throws Exception {
        write();
        BuildResult result = build(request().glibcBaseline("none").cxxRuntime(CxxRuntime.SHARED));
        String dynamic = ProcessRunner.check("readelf", List.of("readelf", "-d", result.outputFile().toString()), dir);
        assertThat(dynamic).contains("[libstdc++.so.6]");
    }

    @Test
    void clangCompilesWithClangxx() throws Exception {
        RequiredTools.require("clang++", "clang");
        write();
        RecordingLog log = new RecordingLog();
        new WinelibBuilder(ToolLocator.fromEnvironment(), log).build(request().compiler("clang").glibcBaseline("none")
                .build());
        assertThat(log.lines()).anyMatch(l -> l.startsWith("DEBUG ") && l.contains("clang++ ")
                && l.contains("test.cpp"));
    }

    @Test
    void aCCompilerWithoutACxxDriverAsksForOne() throws Exception {
        write();
        assertThatThrownBy(() -> build(request().compiler("cc"))).isInstanceOf(BuildFailure.class)
                .hasMessage("no C++ compiler goes with the C compiler 'cc': configure the C++ compiler (cxxCompiler)"
                        + " to compile the C++ sources");
        assertThatThrownBy(() -> build(request().cxxCompiler("no-such-c++"))).isInstanceOf(BuildFailure.class)
                .hasMessageContaining("no-such-c++ was not found on the PATH");
    }

    @Test
    void noCxxSourcesNoCxxCompilerNeeded() throws Exception {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("test.spec"), "@ stdcall c_value()\n");
        Files.writeString(dir.resolve("src/test.c"), C_SOURCE);
        BuildResult result = build(request().cxxCompiler("no-such-c++"));
        String dynamic = ProcessRunner.check("readelf", List.of("readelf", "-d", result.outputFile().toString()), dir);
        assertThat(dynamic).doesNotContain("libstdc++").doesNotContain("libm.so");
    }

    private void write() throws Exception {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("test.spec"), SPEC);
        Files.writeString(dir.resolve("src/test.cpp"), CXX_SOURCE);
        Files.writeString(dir.resolve("src/helper.c"), C_SOURCE);
    }

    private WinelibBuildRequest.Builder request() {
        List<Path> sources = Files.exists(dir.resolve("src/test.cpp"))
                ? List.of(dir.resolve("src/helper.c"), dir.resolve("src/test.cpp"))
                : List.of(dir.resolve("src/test.c"));
        return WinelibBuildRequest.builder(dir.resolve("test.spec"), dir.resolve("out/test.dll"), dir.resolve("work"))
                .sources(sources).sourceRoot(dir.resolve("src")).sysroot(Sysroot.host())
                .viewsDirectory(dir.resolve("views"));
    }

    private BuildResult build(WinelibBuildRequest.Builder request) throws Exception {
        return new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent()).build(request.build());
    }
}
