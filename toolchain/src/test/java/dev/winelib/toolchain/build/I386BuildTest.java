package dev.winelib.toolchain.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.sysroot.Architecture;
import dev.winelib.sysroot.SniperSysroot;
import dev.winelib.sysroot.Sysroot;
import dev.winelib.sysroot.SysrootCache;
import dev.winelib.sysroot.debian.DebianMirror;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.RequiredTools;
import dev.winelib.toolchain.compile.WinelibCFlags;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.link.ConstructorFixup;
import dev.winelib.toolchain.pe.PeImport;
import dev.winelib.toolchain.process.ProcessRunner;
import dev.winelib.toolchain.process.ToolLocator;

/**
 * A module built for i386 against the i386 'sniper' tree (provisioned from Debian 11's i386
 * packages): an ELF32 i386 winelib module with a PE32 view, its constructors retagged, its imports
 * from Wine's 32-bit DLLs, within glibc 2.31; stdcall and cdecl mismatches fail at the spec line.
 */
class I386BuildTest {

    @TempDir
    Path dir;

    @Test
    void anI386ModuleIsElf32WithAPe32ViewAndNeedsNoGlibcAbove231() throws Exception {
        // the cdecl export 'mul' links to 'multiply': on i386 a cdecl function, not WINAPI
        BuildResult result = build(TestProjects.SOURCE.replace("int WINAPI multiply(", "int multiply("));
        ElfFile elf = ElfFile.readEither(result.outputFile());
        assertThat(elf.is64Bit()).isFalse();
        assertThat(elf.machine()).isEqualTo(ElfFile.EM_386);
        assertThat(elf.dynamicEntries()).anyMatch(e -> e.tag() == ConstructorFixup.TAG_INIT_ARRAY)
                .noneMatch(e -> e.tag() == ConstructorFixup.DT_INIT_ARRAY);
        assertThat(result.image().machine()).isEqualTo(0x14c);
        assertThat(result.image().nameTable()).containsExactly("DllGetVersion", "add", "counter", "mul", "notyet");
        // the stub raises through kernel32, found among Wine's 32-bit DLLs
        assertThat(result.image().imports()).extracting(PeImport::dllName).contains("kernel32.dll");
        String versions = ProcessRunner.check("readelf", List.of("readelf", "-V", result.outputFile().toString()),
                dir);
        assertThat(versions).contains("GLIBC_2.1.3").doesNotContain("GLIBC_2.32", "GLIBC_2.33", "GLIBC_2.34");
    }

    @Test
    void stdcallAndCdeclMismatchesFailAtTheSpecLine() throws Exception {
        // add (stdcall) without WINAPI, multiply (cdecl) with it: both wrong on i386
        String source = TestProjects.SOURCE.replace("int WINAPI add(", "int add(");
        assertThatThrownBy(() -> build(source)).isInstanceOf(BuildFailure.class)
                .hasMessageContaining(dir.resolve("p/test.spec") + ":2:1: function 'add' (stdcall) is defined in "
                        + dir.resolve("p/src/test.c") + " without __stdcall: declare it WINAPI")
                .hasMessageContaining(dir.resolve("p/test.spec") + ":3:1: function 'multiply' (cdecl) is defined in "
                        + dir.resolve("p/src/test.c") + " as stdcall or fastcall")
                .hasMessageContaining("On i386 a stdcall function removes its arguments from the stack");
    }

    @Test
    void compileFlagsAreWinegccM32s() {
        List<String> flags = WinelibCFlags.baseFlags(Architecture.I386);
        assertThat(flags).startsWith("-m32", "-fPIC").contains("-D_WIN32", "-D__int64=long long",
                "-D__stdcall=__attribute__((__stdcall__)) __attribute__((__force_align_arg_pointer__))",
                "-D__fastcall=__attribute__((__fastcall__))").doesNotContain("-D_WIN64", "-DWIN64");
        assertThat(WinelibCFlags.baseFlags()).isEqualTo(WinelibCFlags.baseFlags(Architecture.X86_64))
                .startsWith("-m64").contains("-D_WIN64", "-D__stdcall=__attribute__((ms_abi))", "-D__int64=long");
    }

    /** Wine's winbase.h declares va_list functions; on i386 that needs stdarg.h first, as in Wine's own sources. */
    private BuildResult build(String windowsSource) throws Exception {
        String source = "#include <stdarg.h>\n" + windowsSource;
        RequiredTools.require("gcc", "gcc");
        RequiredTools.debianArchive();
        RequiredTools.linker();
        Path tree = SniperSysroot.provision(new SysrootCache(Path.of("target/test-sysroots").toAbsolutePath()),
                Architecture.I386, List.of(), DebianMirror.debian(), m -> { });
        TestProjects.write(dir.resolve("p"), TestProjects.SPEC, source);
        return new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent()).build(
                TestProjects.request(dir.resolve("p"), dir.resolve("views")).sysroot(Sysroot.directory(tree))
                        .architecture(Architecture.I386).glibcBaseline("2.31").build());
    }
}
