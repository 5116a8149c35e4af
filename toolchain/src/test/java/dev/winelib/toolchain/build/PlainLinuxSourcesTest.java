package dev.winelib.toolchain.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.sysroot.SysrootHints;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.elf.ElfSymbol;
import dev.winelib.toolchain.process.ToolLocator;

/**
 * A winelib DLL's plain Linux sources (src/main/unix): compiled without the Windows macros, the
 * ms_abi keywords, 16-bit wchar_t or Wine's headers, linked into the DLL beside the Windows-facing
 * code that calls them, up to date by content; and the sysroot's advice when a header or library
 * is missing.
 */
class PlainLinuxSourcesTest {

    /** Fails to compile if any of winelib's Windows flavour reaches it. */
    static final String PLAIN_C = """
            #if defined(_WIN32) || defined(WIN32) || defined(_WIN64) || defined(__WINE__) || defined(__stdcall)
            #error "Windows macros in plain Linux code"
            #endif
            #if __has_include(<windows.h>) || __has_include(<windef.h>)
            #error "Wine's headers in plain Linux code"
            #endif
            #include <stdio.h>
            #include <wchar.h>
            _Static_assert(sizeof(wchar_t) == 4, "Linux wchar_t");
            int plain_answer(void) { char b[8]; return snprintf(b, sizeof b, "%d", 42) == 2 ? 42 : -1; }
            """;

    static final String PLAIN_CXX = """
            #if defined(_WIN32) || defined(WIN32) || defined(__WINE__) || defined(__stdcall)
            #error "Windows macros in plain Linux code"
            #endif
            #include <string>
            extern "C" int plain_length(const char *s) { return static_cast<int>(std::string(s).size()); }
            """;

    static final String CALLER = TestProjects.SOURCE.replace("int WINAPI add(int a, int b) { return a + b; }", """
            int plain_answer(void);
            int plain_length(const char *s);
            int WINAPI add(int a, int b) { return a + b + plain_answer() - 42 + plain_length("") ; }
            """);

    @TempDir
    Path dir;

    private WinelibBuilder builder;

    @BeforeEach
    void tools() {
        RequiredTools.require("gcc", "gcc");
        RequiredTools.require("g++", "g++");
        RequiredTools.linker();
        builder = new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent());
    }

    private WinelibBuildRequest.Builder request() {
        Path unix = dir.resolve("unix");
        // the host's libstdc++.a needs the host's glibc: the baseline is 'sniper''s business (SniperLinuxLibrariesTest)
        return TestProjects.request(dir, dir.resolve("views")).glibcBaseline("none")
                .unixSources(List.of(unix.resolve("test.c"), unix.resolve("sub/length.cpp")), unix);
    }

    @Test
    void compiledAsPlainLinuxCodeAndLinkedIntoTheDll() throws Exception {
        TestProjects.write(dir, TestProjects.SPEC, CALLER);
        // the same file name as the Windows-facing source: the objects go to their own directories
        Files.createDirectories(dir.resolve("unix/sub"));
        Files.writeString(dir.resolve("unix/test.c"), PLAIN_C);
        Files.writeString(dir.resolve("unix/sub/length.cpp"), PLAIN_CXX);

        BuildResult result = builder.build(request().build());

        assertThat(result.compiledSources()).isEqualTo(3);
        assertThat(dir.resolve("work/unix-obj/test.c.o")).isRegularFile();
        assertThat(dir.resolve("work/unix-obj/sub_length.cpp.o")).isRegularFile();
        assertThat(ElfFile.read(result.outputFile()).symbols()).extracting(ElfSymbol::name)
                .contains("plain_answer", "plain_length");

        BuildResult again = builder.build(request().build());
        assertThat(again.compiledSources()).isZero();
        assertThat(again.linked()).isFalse();

        Files.writeString(dir.resolve("unix/test.c"), PLAIN_C + "int plain_more(void) { return 1; }\n");
        BuildResult changed = builder.build(request().build());
        assertThat(changed.compiledSources()).isEqualTo(1);
        assertThat(changed.linked()).isTrue();
    }

    @Test
    void aMissingHeaderOrLibraryGetsTheSysrootsAdvice() throws Exception {
        SysrootHints hints = new SysrootHints(List.of("libc6=2.31-13"), List.of(), Optional::empty);
        TestProjects.write(dir, TestProjects.SPEC, TestProjects.SOURCE);
        Files.createDirectories(dir.resolve("unix/sub"));
        Files.writeString(dir.resolve("unix/test.c"), "#include <nosuch/plain_header.h>\n" + PLAIN_C);
        Files.writeString(dir.resolve("unix/sub/length.cpp"), PLAIN_CXX);
        assertThatThrownBy(() -> builder.build(request().sysrootHints(hints).build()))
                .isInstanceOf(BuildFailure.class)
                .hasMessageContaining("fatal error: nosuch/plain_header.h: No such file or directory")
                .hasMessageContaining("If the header <nosuch/plain_header.h> comes from a Debian 11 package")
                .hasMessageContaining("<sysrootPackages><sysrootPackage>PACKAGE</sysrootPackage></sysrootPackages>")
                .hasMessageNotContaining(SysrootAdvice.WINDOWS_FACING_NOTE);

        // in the Windows-facing sources the advice adds where Linux library headers belong
        TestProjects.write(dir, TestProjects.SPEC, "#include <nosuch/windows_side.h>\n" + TestProjects.SOURCE);
        assertThatThrownBy(() -> builder.build(request().sysrootHints(hints).build()))
                .hasMessageContaining("If the header <nosuch/windows_side.h> comes from a Debian 11 package")
                .hasMessageContaining(SysrootAdvice.WINDOWS_FACING_NOTE);

        TestProjects.write(dir, TestProjects.SPEC, CALLER);
        Files.writeString(dir.resolve("unix/test.c"), PLAIN_C);
        assertThatThrownBy(() -> builder.build(request().sysrootHints(hints).libraries(List.of("nosuchlib_xyz"))
                .build()))
                .hasMessageContaining("unable to find library -lnosuchlib_xyz")
                .hasMessageContaining("If the library -lnosuchlib_xyz comes from a Debian 11 package");

        // without hints (a sysroot other than 'sniper') the failure is the compiler's alone
        assertThatThrownBy(() -> builder.build(request().libraries(List.of("nosuchlib_xyz")).build()))
                .hasMessageContaining("unable to find library -lnosuchlib_xyz")
                .hasMessageNotContaining("sysrootPackages");
        assertThat(dir.resolve("out/test.dll")).doesNotExist();
    }
}
