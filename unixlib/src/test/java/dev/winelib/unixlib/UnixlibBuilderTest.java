package dev.winelib.unixlib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.sysroot.Sysroot;
import dev.winelib.sysroot.SysrootResolver;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.elf.ElfSymbol;
import dev.winelib.toolchain.glibc.GlibcBaselineCheck;
import dev.winelib.toolchain.glibc.GlibcVersion;
import dev.winelib.toolchain.process.ToolLocator;

/** The whole pipeline with the real tools: both halves, their checks, and what a failure leaves. */
class UnixlibBuilderTest {

    @TempDir
    Path dir;

    private UnixlibBuildResult build(UnixlibBuildRequest request) throws Exception {
        return new UnixlibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent()).build(request);
    }

    private UnixlibProject project(String name) throws Exception {
        Tools.requireBuildTools();
        return UnixlibProject.write(dir.resolve(name));
    }

    private static List<String> exported(Path library) throws Exception {
        List<String> names = new ArrayList<>();
        for (ElfSymbol s : ElfFile.readEither(library).dynamicSymbols()) {
            if (s.isDefined() && s.isGlobalOrWeak()) {
                names.add(s.name());
            }
        }
        return names;
    }

    @Test
    void buildsBothHalvesThenOnlyWhatChanged() throws Exception {
        UnixlibProject p = project("p");
        UnixlibBuildResult first = build(p.request(dir.resolve("views")).build());

        assertThat(first.dll()).isEqualTo(p.resolve("target/demo.dll").toAbsolutePath());
        assertThat(first.unixLibrary()).isEqualTo(p.resolve("target/demo.so").toAbsolutePath());
        assertThat(first.compiledSources()).isEqualTo(4); // two sources, the table, the stubs
        assertThat(first.linkedDll()).isTrue();
        assertThat(first.linkedUnixLibrary()).isTrue();
        assertThat(first.calls()).isEqualTo(3);
        assertThat(first.exports()).isEqualTo(4);
        assertThat(exported(first.unixLibrary())).containsExactlyInAnyOrder("__wine_unix_call_funcs",
                "__wine_unix_call_wow64_funcs");
        byte[] dll = Files.readAllBytes(first.dll());
        assertThat(BuiltinMarker.isMarked(dll)).isTrue();
        assertThat(PeDllChecks.problems(PeArchitecture.X86_64, first.dll(), dll, dev.winelib.toolchain.build.ModuleInputs
                .readSpec(p.resolve("src/main/spec/demo.spec"), java.util.Optional.empty()))).isEmpty();
        assertThat(p.resolve("target/unixlib/include/demo_unixcalls.h")).isRegularFile();
        assertThat(p.resolve("target/unixlib/include/winelib_unixlib.h")).isRegularFile();

        // the compilation database: both halves' four compilations, mingw's and the Unix compiler's
        Path database = p.resolve("target/compile_commands.json");
        String commands = Files.readString(database);
        assertThat(commands).contains("demo_unix.c").contains("demo.c").contains("x86_64-w64-mingw32-gcc")
                .contains("\"-fPIC\"").contains("\"directory\"");
        assertThat(com.google.gson.JsonParser.parseString(commands).getAsJsonArray()).hasSize(4);

        UnixlibBuildResult second = build(p.request(dir.resolve("views")).build());
        assertThat(second.compiledSources()).isZero();
        assertThat(database).hasContent(commands); // up to date: the same database
        assertThat(second.linkedDll()).isFalse();
        assertThat(second.linkedUnixLibrary()).isFalse();

        p.file("src/main/unix/demo_unix.c", UnixlibProject.UNIX.replace("unix side %d", "Unix side %d"));
        UnixlibBuildResult third = build(p.request(dir.resolve("views")).build());
        assertThat(third.compiledSources()).isEqualTo(1);
        assertThat(third.linkedUnixLibrary()).isTrue();
        assertThat(third.linkedDll()).isFalse();
        assertThat(Files.readAllBytes(third.dll())).isEqualTo(dll);
    }

    @Test
    void anI686PeHalfIsBuiltBesideTheX8664OneInWinesLayout() throws Exception {
        UnixlibProject p = project("p");
        Tools.mingwGcc32();
        UnixlibBuildResult result = build(p.request(dir.resolve("views"))
                .architectures(List.of(PeArchitecture.X86_64, PeArchitecture.I686)).build());

        Path dll64 = p.resolve("target/x86_64-windows/demo.dll").toAbsolutePath();
        Path dll32 = p.resolve("target/i386-windows/demo.dll").toAbsolutePath();
        assertThat(result.dlls()).containsExactly(java.util.Map.entry(PeArchitecture.X86_64, dll64),
                java.util.Map.entry(PeArchitecture.I686, dll32));
        assertThat(result.dll()).isEqualTo(dll64);
        assertThat(result.unixLibrary()).isEqualTo(p.resolve("target/x86_64-unix/demo.so").toAbsolutePath());
        assertThat(p.resolve("target/demo.dll")).doesNotExist();
        assertThat(exported(result.unixLibrary())).containsExactlyInAnyOrder("__wine_unix_call_funcs",
                "__wine_unix_call_wow64_funcs");

        var spec = dev.winelib.toolchain.build.ModuleInputs.readSpec(p.resolve("src/main/spec/demo.spec"),
                java.util.Optional.empty());
        byte[] bytes = Files.readAllBytes(dll32);
        assertThat(BuiltinMarker.machine(dll32.toString(), bytes)).isEqualTo(0x14c);
        assertThat(BuiltinMarker.isMarked(bytes)).isTrue();
        // names and ordinals as the spec says: stdcall functions exported undecorated
        assertThat(PeDllChecks.problems(PeArchitecture.I686, dll32, bytes, spec)).isEmpty();
        assertThat(PeDllChecks.problems(PeArchitecture.X86_64, dll32, bytes, spec))
                .contains("its machine is 0x14c, not x86_64 (0x8664): build it with x86_64-w64-mingw32-gcc");

        // mingw's objdump, independently: PE32, relocatable (Wine 10 moves it), ntdll's two imports
        String headers = Tools.run(List.of(Tools.require("i686-w64-mingw32-objdump", "binutils-mingw-w64-i686")
                .toString(), "-p", dll32.toString()), dir);
        assertThat(headers).contains("file format pei-i386").contains("Magic\t\t\t010b\t(PE32)")
                .containsPattern("DllCharacteristics\\s+[0-9a-f]*[4-7cdef][0-9a-f]\\b")
                .contains("PE File Base Relocations").contains("DLL Name: ntdll.dll")
                .contains("NtQueryVirtualMemory").contains("__wine_unix_call_dispatcher")
                .contains("[   0] +base[   1]").contains("demo_version").doesNotContain("demo_version@");
        long imageBase = Long.parseLong(headers.replaceAll("(?s).*\nImageBase\\s+([0-9a-f]+)\n.*", "$1"), 16);
        assertThat(imageBase).isEqualTo(PeLinker.imageBase(PeArchitecture.I686, "demo.dll"))
                .isBetween(0x1000_0000L, 0x3000_0000L);

        // up to date: nothing compiled or linked again
        UnixlibBuildResult second = build(p.request(dir.resolve("views"))
                .architectures(List.of(PeArchitecture.X86_64, PeArchitecture.I686)).build());
        assertThat(second.compiledSources()).isZero();
        assertThat(second.linkedDll()).isFalse();
        assertThat(Files.readAllBytes(dll32)).isEqualTo(bytes);

        // back to x86_64 alone: the flat layout
        UnixlibBuildResult flat = build(p.request(dir.resolve("views")).build());
        assertThat(flat.dll()).isEqualTo(p.resolve("target/demo.dll").toAbsolutePath());
    }

    @Test
    void withAnI386SysrootTheI686BuildAddsA32BitUnixLibraryForOldStyleWine() throws Exception {
        Tools.debianArchive();
        Tools.mingwGcc32();
        UnixlibProject p = project("p");
        SysrootResolver resolver32 = SysrootResolver.standard().withArchitecture(dev.winelib.sysroot.Architecture.I386);
        Sysroot sniper32 = resolver32.resolve(SysrootResolver.SNIPER);
        UnixlibBuildResult result = build(p.request(dir.resolve("views")).glibcBaseline("2.31")
                .architectures(List.of(PeArchitecture.X86_64, PeArchitecture.I686))
                .sysroot32(sniper32, resolver32.hints(SysrootResolver.SNIPER, sniper32).orElse(null)).build());

        Path so32 = p.resolve("target/i386-unix/demo.so").toAbsolutePath();
        assertThat(result.unixLibrary32()).contains(so32);
        ElfFile elf = ElfFile.readEither(so32);
        assertThat(elf.is64Bit()).isFalse();
        assertThat(exported(so32)).containsExactlyInAnyOrder("__wine_unix_call_funcs", "__wine_unix_call_wow64_funcs");
        for (ElfSymbol s : elf.dynamicSymbols()) {
            if (s.name().startsWith("__wine_unix_call")) {
                assertThat(s.size()).as(s.name()).isEqualTo(3 * 4); // three calls, 4-byte pointers
            }
        }
        assertThat(GlibcBaselineCheck.check(so32, List.of(), GlibcVersion.STEAM_RUNTIME_SNIPER).passes()).isTrue();
        // the 32-bit programs' import library: stdcall functions decorated, as winebuild -m32 writes them
        assertThat(result.linkFiles32()).isPresent();
        assertThat(result.linkFiles32().get().definitionFile()).content().contains("demo_version@8 @1")
                .contains("demo_add@8 @2").contains("demo_raw@8 @3");
        String symbols = Tools.run(List.of(Tools.require("i686-w64-mingw32-nm", "binutils-mingw-w64-i686").toString(),
                result.linkFiles32().get().importLibrary().toString()), dir);
        assertThat(symbols).contains("__imp__demo_version@8").contains("_demo_add@8");
    }

    @Test
    void anI686PeHalfNeedsTheWow64Table() throws Exception {
        UnixlibProject p = project("p");
        p.file("src/main/spec/demo.unixcalls", UnixlibProject.CALLS.replace("wow64\n", ""));
        assertThatThrownBy(() -> build(p.request(dir.resolve("views"))
                .architectures(List.of(PeArchitecture.I686)).build()))
                .isInstanceOf(BuildFailure.class)
                .hasMessage(p.resolve("src/main/spec/demo.unixcalls") + ": a 32-bit (i686) PE half needs the WOW64"
                        + " call table: add the line 'wow64' before the first call (and a wow64_NAME function in the"
                        + " Unix sources for each call whose structure has pointers)");
        assertThat(p.resolve("target/i386-windows/demo.dll")).doesNotExist();
    }

    @Test
    void architecturesAreNamedAsWineAndMingwDo() {
        assertThat(PeArchitecture.of(List.of("x86_64", " i686", "x86_64"))).containsExactly(PeArchitecture.X86_64,
                PeArchitecture.I686);
        assertThatThrownBy(() -> PeArchitecture.of("i386")).hasMessage(
                "'i386' is not an architecture of a unixlib PE half (the 32-bit PE half is 'i686'): use x86_64 or i686");
        assertThatThrownBy(() -> PeArchitecture.of("arm64")).hasMessage(
                "'arm64' is not an architecture of a unixlib PE half: use x86_64 or i686");
        assertThat(PeArchitecture.I686.tool("x86_64-w64-mingw32-gcc-posix", PeArchitecture.X86_64))
                .isEqualTo("i686-w64-mingw32-gcc-posix");
        assertThat(PeArchitecture.I686.tool("/opt/cc", PeArchitecture.X86_64)).isEqualTo("/opt/cc");
    }

    @Test
    void theUnixLibraryServesItsTablesToALinuxCaller() throws Exception {
        UnixlibProject p = project("p");
        UnixlibBuildResult result = build(p.request(dir.resolve("views")).build());
        Path harness = p.file("harness.c", """
                #define _GNU_SOURCE
                #include <dlfcn.h>
                #include <stdio.h>
                #include <sys/mman.h>
                #include "demo_unixcalls.h"

                typedef NTSTATUS (*entry)(void *);

                int main(int argc, char **argv)
                {
                    void *library = dlopen(argv[1], RTLD_NOW);
                    const entry *funcs, *wow64;
                    char buffer[64];
                    char *low;
                    struct version_params v = { buffer, sizeof(buffer), 0 };
                    struct version_params32 v32;
                    struct add_params a = { 40, 2, 0 };
                    NTSTATUS status;

                    if (!library) { printf("dlopen: %s\\n", dlerror()); return 1; }
                    funcs = dlsym(library, "__wine_unix_call_funcs");
                    wow64 = dlsym(library, "__wine_unix_call_wow64_funcs");
                    status = funcs[demo_unix_version](&v);
                    printf("version %d \\"%s\\" %u\\n", status, buffer, v.length);
                    status = funcs[demo_unix_add](&a);
                    printf("add %d %lld\\n", status, (long long)a.sum);
                    printf("ping %d\\n", funcs[demo_unix_ping](NULL));
                    /* a 32-bit caller's buffer lies below 4 GiB */
                    low = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
                    v32.buffer = (uint32_t)(uintptr_t)low;
                    v32.capacity = 64;
                    v32.length = 0;
                    status = wow64[demo_unix_version](&v32);
                    printf("wow64 version %d \\"%s\\" %u\\n", status, low, v32.length);
                    printf("wow64 shares add: %s, ping: %s, not version: %s\\n",
                           wow64[demo_unix_add] == funcs[demo_unix_add] ? "yes" : "no",
                           wow64[demo_unix_ping] == funcs[demo_unix_ping] ? "yes" : "no",
                           wow64[demo_unix_version] != funcs[demo_unix_version] ? "yes" : "no");
                    return 0;
                }
                """);
        Path exe = p.resolve("harness");
        Tools.run(List.of(Tools.gcc().toString(), "-Wall", "-Werror", "-I", p.resolve("target/unixlib/include")
                .toString(), "-o", exe.toString(), harness.toString(), "-ldl"), p.directory());

        String output = Tools.run(List.of(exe.toString(), result.unixLibrary().toString()), p.directory());

        assertThat(output).isEqualTo("""
                version 0 "unix side 64" 12
                add 0 42
                ping 0
                wow64 version 0 "unix side 32" 12
                wow64 shares add: yes, ping: yes, not version: yes
                """);
    }

    @Test
    void againstSniperTheUnixLibraryNeedsNoGlibcAbove231AndBuildsAreReproducible() throws Exception {
        Tools.debianArchive();
        Sysroot sniper = SysrootResolver.standard().resolve(SysrootResolver.SNIPER);
        UnixlibProject a = project("a");
        UnixlibProject b = project("b");
        UnixlibBuildResult ra = build(a.request(dir.resolve("views")).sysroot(sniper).glibcBaseline("2.31").build());
        UnixlibBuildResult rb = build(b.request(dir.resolve("views")).sysroot(sniper).glibcBaseline("2.31").build());

        assertThat(GlibcBaselineCheck.check(ra.unixLibrary(), List.of(), GlibcVersion.STEAM_RUNTIME_SNIPER).passes())
                .isTrue();
        assertThat(GlibcBaselineCheck.check(ra.unixLibrary(), List.of(), new GlibcVersion(2, 2)).tooNew())
                .isNotEmpty(); // the check does read the versions
        assertThat(Files.readAllBytes(ra.unixLibrary())).isEqualTo(Files.readAllBytes(rb.unixLibrary()));
        assertThat(Files.readAllBytes(ra.dll())).isEqualTo(Files.readAllBytes(rb.dll()));
    }

    @Test
    void theUnixHalfCallsALibraryOfASysrootPackageThroughPkgConfig() throws Exception {
        Tools.debianArchive();
        UnixlibProject p = project("p");
        p.file("src/main/unix/pulse.c", """
                #include <pulse/version.h>
                const char *demo_pulse_version(void) { return pa_get_library_version(); }
                """);
        SysrootResolver games = SysrootResolver.standard()
                .withDebianPackages(List.of("libvulkan-dev", "libpulse-dev", "libsdl2-dev"));
        Sysroot tree = games.resolve(SysrootResolver.SNIPER);
        UnixlibBuildResult r = build(p.request(dir.resolve("views")).sysroot(tree)
                .sysrootHints(games.hints(SysrootResolver.SNIPER, tree).orElseThrow())
                .pkgConfigModules(List.of("libpulse")).glibcBaseline("2.31").build());
        var report = GlibcBaselineCheck.check(r.unixLibrary(), List.of(), GlibcVersion.STEAM_RUNTIME_SNIPER);
        assertThat(report.passes()).isTrue();
        assertThat(report.neededLibraries()).contains("libpulse.so.0");

        // the base tree lacks the header: the failure names the package and <sysrootPackages>
        SysrootResolver base = SysrootResolver.standard();
        Sysroot baseTree = base.resolve(SysrootResolver.SNIPER);
        assertThatThrownBy(() -> build(p.request(dir.resolve("views")).sysroot(baseTree)
                .sysrootHints(base.hints(SysrootResolver.SNIPER, baseTree).orElseThrow()).build()))
                .isInstanceOf(BuildFailure.class)
                .hasMessageContaining("fatal error: pulse/version.h: No such file or directory")
                .hasMessageContaining("The header <pulse/version.h> is in Debian 11 package 'libpulse-dev'")
                .hasMessageContaining("<sysrootPackages><sysrootPackage>libpulse-dev</sysrootPackage></sysrootPackages>");
        assertThat(p.resolve("target/demo.so")).doesNotExist();

        // C++ is for winelib DLLs only
        p.file("src/main/unix/more.cpp", "int more() { return 1; }\n");
        assertThatThrownBy(() -> build(p.request(dir.resolve("views")).unixSources(
                List.of(p.resolve("src/main/unix/more.cpp")), null).build()))
                .hasMessageContaining("more.cpp: the Unix half of a unixlib module is compiled from C sources (.c) only");
    }

    @Test
    void aUnixLibraryNeedingANewerGlibcFailsAndLeavesNoOutput() throws Exception {
        UnixlibProject p = project("p");
        build(p.request(dir.resolve("views")).build());
        assertThat(p.resolve("target/demo.so")).exists();
        p.file("src/main/unix/newer.c", """
                #define _GNU_SOURCE
                #include <unistd.h>
                int close_everything(void) { return close_range(3, ~0U, 0); }
                """);
        UnixlibBuildRequest request = p.request(dir.resolve("views")).build();

        assertThatThrownBy(() -> build(request)).isInstanceOf(BuildFailure.class)
                .hasMessageContaining("demo.so: ").hasMessageContaining("close_range")
                .hasMessageContaining("GLIBC_2.34");
        assertThat(p.resolve("target/demo.so")).doesNotExist();
        assertThat(p.resolve("target/demo.dll")).doesNotExist();
    }

    @Test
    void anExportThePeHalfDoesNotDefineIsNamedAtItsSpecLine() throws Exception {
        UnixlibProject p = project("p");
        p.file("src/main/spec/demo.spec", UnixlibProject.SPEC + "@ stdcall demo_typo(long)\n");

        assertThatThrownBy(() -> build(p.request(dir.resolve("views")).build()))
                .isInstanceOf(BuildFailure.class)
                .hasMessageStartingWith(p.resolve("src/main/spec/demo.spec") + ":5:1: function 'demo_typo' is not"
                        + " defined: no object defines it and no imported DLL exports it\n")
                .hasMessageNotContaining("x86_64-w64-mingw32-gcc");
        assertThat(p.resolve("target/demo.dll")).doesNotExist();
    }

    @Test
    void aMissingImplementationIsNamedWithItsDeclarationAndPrototype() throws Exception {
        UnixlibProject p = project("p");
        p.file("src/main/unix/demo_unix.c", UnixlibProject.UNIX.replace("NTSTATUS unix_ping(void)",
                "NTSTATUS unix_pong(void)").replace("NTSTATUS wow64_version", "NTSTATUS other_version"));
        // defined, but static (in a source that does not include the generated header)
        p.file("src/main/unix/ping.c", "static int unix_ping(void) { return 0; }\nint call_ping(void) { return"
                + " unix_ping(); }\n");

        assertThatThrownBy(() -> build(p.request(dir.resolve("views")).cflags(List.of()).build()))
                .isInstanceOf(BuildFailure.class)
                .hasMessageContaining("demo.so: the Unix sources (" + p.resolve("src/main/unix")
                        + ") do not define every function the unix calls need:")
                .hasMessageContaining("demo.unixcalls:2: call 'version' needs NTSTATUS wow64_version(struct"
                        + " version_params32 *params) for 32-bit callers (WOW64)")
                .hasMessageContaining("demo.unixcalls:10: call 'ping' needs NTSTATUS unix_ping(void) (it is defined"
                        + " static: remove 'static')");
        assertThat(p.resolve("target/demo.dll")).doesNotExist();
    }

    @Test
    void aMalformedDeclarationFailsWithItsLocation() throws Exception {
        UnixlibProject p = project("p");
        p.file("src/main/spec/demo.unixcalls", "call version\n    long size\n");
        assertThatThrownBy(() -> build(p.request(dir.resolve("views")).build())).isInstanceOf(BuildFailure.class)
                .hasMessage(p.resolve("src/main/spec/demo.unixcalls") + ":2:5: 'long' is 32 bits in the PE half"
                        + " (Windows) and 64 bits in the Unix half (Linux): use int32 or int64");
        assertThat(p.resolve("target")).doesNotExist();
    }

    @Test
    void aMalformedSpecRemovesTheOutputsOfAnEarlierBuild() throws Exception {
        UnixlibProject p = project("p");
        build(p.request(dir.resolve("views")).build());
        p.file("src/main/spec/demo.spec", UnixlibProject.SPEC + "@ stdcall broken(lnog)\n");
        assertThatThrownBy(() -> build(p.request(dir.resolve("views")).build())).isInstanceOf(BuildFailure.class)
                .hasMessageStartingWith(p.resolve("src/main/spec/demo.spec") + ":5:");
        assertThat(p.resolve("target/demo.dll")).doesNotExist();
        assertThat(p.resolve("target/demo.so")).doesNotExist();
    }

    @Test
    void aDllNameWithCapitalsIsRefused() throws Exception {
        UnixlibProject p = project("p");
        assertThatThrownBy(() -> build(p.request(dir.resolve("views")).moduleFileName("Demo.dll").build()))
                .isInstanceOf(BuildFailure.class)
                .hasMessageEndingWith("the DLL name 'Demo.dll' has capital letters: Wine looks builtin DLLs and"
                        + " their Unix libraries up under lower-case names; name it 'demo.dll' (rename the spec file or"
                        + " configure outputFileName)");
    }

    @Test
    void aPeCompileErrorFailsTheBuildAndRemovesEarlierOutputs() throws Exception {
        UnixlibProject p = project("p");
        build(p.request(dir.resolve("views")).build());
        p.file("src/main/pe/demo.c", UnixlibProject.PE + "\nint broken(void) { return undefined_thing; }\n");
        assertThatThrownBy(() -> build(p.request(dir.resolve("views")).build())).isInstanceOf(BuildFailure.class)
                .hasMessageContaining("undefined_thing");
        assertThat(p.resolve("target/demo.dll")).doesNotExist();
        assertThat(p.resolve("target/demo.so")).doesNotExist();
    }

    @Test
    void aMissingPeCompilerIsNamedWithItsPackage() throws Exception {
        UnixlibProject p = project("p");
        assertThatThrownBy(() -> build(p.request(dir.resolve("views")).peCompiler("/nonexistent/mingw-gcc").build()))
                .isInstanceOf(BuildFailure.class)
                .hasMessageContaining("/nonexistent/mingw-gcc is not an executable file; it is needed to compile"
                        + " and link the PE half of demo.dll");
        String stored = Files.readString(p.resolve("src/main/spec/demo.spec"), StandardCharsets.UTF_8);
        assertThat(stored).isEqualTo(UnixlibProject.SPEC);
    }
}
