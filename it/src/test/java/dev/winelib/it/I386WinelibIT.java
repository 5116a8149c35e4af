package dev.winelib.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.winelib.sysroot.Architecture;
import dev.winelib.sysroot.Sysroot;
import dev.winelib.sysroot.SysrootCache;
import dev.winelib.sysroot.SysrootInspector;
import dev.winelib.sysroot.SysrootLayout;
import dev.winelib.sysroot.SysrootResolver;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.link.WinelibLinkCommand;
import dev.winelib.toolchain.pe.PeExport;
import dev.winelib.toolchain.pe.WinelibImage;

/**
 * An unseen 32-bit project ({@code <architecture>i386</architecture>}: stdcall, cdecl and varargs
 * exports, C code calling the C library) built against the i386 'sniper' tree: an ELF32 i386
 * winelib DLL within the glibc 2.31 baseline whose PE view equals that of the same code linked
 * with winebuild {@code -m32}'s module object, and which a 32-bit mingw program calls under
 * Debian 12's 32-bit Wine ({@code wine32:i386}).
 */
class I386WinelibIT {

    /** The exit status of a process ended by SIGKILL (128 + 9). */
    private static final int KILLED = 137;

    @Test
    void anI386DllIsElf32WithinTheBaselineAndExportsWhatWinebuildM32Would() throws Exception {
        Path dll = build();
        ElfFile elf = ElfFile.readEither(dll);
        assertThat(elf.is64Bit()).as("ELF32").isFalse();
        assertThat(elf.machine()).as("e_machine").isEqualTo(ElfFile.EM_386);
        List<String> glibc = GlibcVersions.needed(dll);
        assertThat(glibc).isNotEmpty().allMatch(v -> GlibcVersions.atMost(v, 2, 31));

        // the same objects linked with winebuild -m32's module object instead of winebuild-j's
        Path project = dll.getParent().getParent();
        Path work = project.resolve("target/winelib");
        Path reference = project.resolve("reference");
        Files.createDirectories(reference);
        Path refObject = reference.resolve("tally32.dll.spec.o");
        Programs.run(List.of(ExternalTools.winebuild().toString(), "-m32", "--dll", "-fPIC",
                "-fno-asynchronous-unwind-tables", "-E", project.resolve("src/main/spec/tally32.spec").toString(), "-o",
                refObject.toString()), reference, reference.resolve("winebuild"), TestProject.BUILD_TIMEOUT)
                .assertSuccess();
        assertThat(ElfFile.readEither(refObject).is64Bit()).isFalse();
        Path tree = new SysrootResolver(new SysrootCache(SysrootCache.defaultRoot()))
                .withArchitecture(Architecture.I386).locateWithoutChanges("sniper");
        SysrootLayout layout = new SysrootInspector(reference.resolve("views"))
                .inspect(Sysroot.directory(tree), Architecture.I386);
        List<Path> objects = new ArrayList<>();
        objects.add(work.resolve("obj/tally.c.o"));
        try (Stream<Path> runtime = Files.walk(project.resolve("runtime-cache"))) {
            runtime.filter(p -> p.toString().endsWith(".o") && p.getParent().getFileName().toString().equals("obj"))
                    .sorted(java.util.Comparator.comparing(p -> p.getFileName().toString())).forEach(objects::add);
        }
        Path refDll = reference.resolve("tally32.dll");
        Programs.run(WinelibLinkCommand.command(ExternalTools.lld(), layout, work.resolve("winelib-version.map"),
                // winebuild -m32's object names DllMain, which libwinecrt0 would supply; this module is only read
                work.resolve("winelib-order.ld"), refObject, objects, List.of("--defsym=DllMain=__wine_spec_dll_entry"),
                List.of(), refDll), reference,
                reference.resolve("ld.lld"), TestProject.BUILD_TIMEOUT).assertSuccess();

        WinelibImage ours = PeViews.read(dll);
        WinelibImage theirs = PeViews.read(refDll);
        assertThat(ours.machine()).isEqualTo(0x14c).isEqualTo(theirs.machine());
        assertThat(ours.characteristics()).isEqualTo(theirs.characteristics());
        assertThat(ours.dllName()).contains("tally32.dll").isEqualTo(theirs.dllName());
        assertThat(ours.ordinalBase()).isEqualTo(theirs.ordinalBase());
        assertThat(ours.slotCount()).isEqualTo(theirs.slotCount());
        assertThat(ours.nameTable()).containsExactly("tally_add", "tally_describe", "tally_mix", "tally_printf",
                "tally_sum").isEqualTo(theirs.nameTable());
        assertThat(exports(ours)).isEqualTo(exports(theirs)).containsExactly(
                "1 tally_add -> tally_add", "2 tally_mix -> tally_mix", "3 tally_sum -> tally_sum",
                "4 tally_printf -> tally_printf", "5 tally_describe -> tally_describe");
        assertThat(ours.imports()).isEqualTo(theirs.imports());
    }

    @Test
    void a32BitProgramCallsTheDllUnderWine32() throws Exception {
        Wine wine = Wine.locate32();
        Path dll = build();
        Path project = dll.getParent().getParent();
        Path run = project.resolve("run");
        Path exe = MingwHost.compile32(project.resolve("host/host.c"), run, "host.exe");
        Files.copy(dll, run.resolve("tally32.dll"));

        Programs.Result result = wine.run(run, exe);

        if (result.exitCode() == KILLED && ExternalTools.runs32BitEmulated()) {
            // Under qemu-i386 only: once the program's last thread has ended, wineserver gives the
            // Unix process about a second to finish exit() (atexit handlers, the destructors of
            // every loaded library) before it sends SIGKILL, and emulated that often takes longer.
            // A plain mingw program and a DLL made by winebuild -m32 with Wine's own libwinecrt0 end
            // the same way there (docs/32-bit.md); a crash would show as an unhandled exception.
            assertThat(result.stderr()).as(result.describe("stderr")).doesNotContain("Unhandled exception",
                    "Unhandled page fault", "err:seh");
            System.out.println("I386WinelibIT: wine32 under qemu-i386 exited by SIGKILL (137) after the complete"
                    + " output: wineserver's exit timer (docs/32-bit.md)");
        } else {
            assertThat(result.exitCode()).as(result.describe("exit code")).isZero();
        }
        assertThat(result.stdout().replace("\r\n", "\n")).as(result.describe("stdout")).isEqualTo(
                "tally_add(2, 40) = 42\n"
                + "tally_mix(10, 2.5, 3) = 28\n"
                + "tally_sum(1, 2, 3) = 6\n"
                + "balance after 1000 calls = 0\n"
                + "tally_printf: 7 seven\n"
                + "printed 22\n"
                + "tally_describe: Linux, 32-bit pointers\n"
                + "host: 32-bit\n");
    }

    /**
     * C++ for i386: examples/cpp-hello built with {@code -Dwinelib.architecture=i386} against the
     * i386 'sniper' tree: ELF32 i386, libstdc++ linked in statically (no libstdc++.so needed), within
     * the glibc 2.31 baseline, its six stdcall exports in a PE32 view.
     */
    @Test
    void aCxxModuleBuildsForI386WithTheTreesLibstdcxx() throws Exception {
        ExternalTools.requireBuildTools();
        ExternalTools.gxx();
        TestProject project = TestProject.copyExampleAs("cpp-hello", "i386-cpp-hello");
        TestProject.MavenRun build = project.mvnPackage(Map.of("winelib.sysroot", "sniper",
                "winelib.architecture", "i386")).assertSuccess();
        Path dll = project.resolve("target/cpp_hello.dll");
        assertThat(build.infoLinesStartingWith("winelib DLL ")).containsExactly("winelib DLL " + dll + " (6 exports)");
        ElfFile elf = ElfFile.readEither(dll);
        assertThat(elf.is64Bit()).as("ELF32").isFalse();
        assertThat(elf.machine()).as("e_machine").isEqualTo(ElfFile.EM_386);
        assertThat(GlibcVersions.needed(dll)).isNotEmpty().allMatch(v -> GlibcVersions.atMost(v, 2, 31));
        assertThat(build.infoLinesStartingWith("needs ")).singleElement().asString().doesNotContain("libstdc++");
        WinelibImage image = PeViews.read(dll);
        assertThat(image.machine()).isEqualTo(0x14c);
        assertThat(image.nameTable()).containsExactly("cpp_hello_constructor_pid", "cpp_hello_describe",
                "cpp_hello_fail", "cpp_hello_free", "cpp_hello_sum", "cpp_hello_wide_length");
        assertThat(exports(image)).allMatch(e -> e.endsWith(e.substring(e.indexOf(' ') + 1, e.indexOf(" ->"))),
                "each export reaches its own function");
    }

    /**
     * Rust for i386: the unseen fixture i386-rust (an {@code i686-unknown-linux-gnu} crate with
     * {@code extern "system"}, i.e. stdcall, exports and a kernel32 import) built with Debian's
     * cargo and {@code libstd-rust-dev:i386}: ELF32 i386 within the glibc baseline, its exports in a
     * PE32 view, GetTickCount imported from kernel32.
     */
    @Test
    void aRustCrateBuildsForI686WithDebiansStandardLibrary() throws Exception {
        ExternalTools.requireBuildTools();
        Path cargo = ExternalTools.debianCargoForI686();
        TestProject project = TestProject.copy("i386-rust");
        TestProject.MavenRun build = project.mvnPackage(Map.of("winelib.cargo", cargo.toString(),
                "winelib.cargoArgs", "--offline")).assertSuccess();
        Path dll = project.resolve("target/count32.dll");
        assertThat(build.infoLinesStartingWith("winelib DLL ")).containsExactly("winelib DLL " + dll + " (3 exports)");
        assertThat(project.resolve("target/cargo/i686-unknown-linux-gnu/release/libcount32.a")).isRegularFile();
        ElfFile elf = ElfFile.readEither(dll);
        assertThat(elf.is64Bit()).as("ELF32").isFalse();
        assertThat(elf.machine()).as("e_machine").isEqualTo(ElfFile.EM_386);
        assertThat(GlibcVersions.needed(dll)).isNotEmpty().allMatch(v -> GlibcVersions.atMost(v, 2, 31));
        WinelibImage image = PeViews.read(dll);
        assertThat(image.machine()).isEqualTo(0x14c);
        assertThat(exports(image)).containsExactly("1 count_distinct -> count_distinct", "2 count_wide -> count_wide",
                "3 count_ticks -> count_ticks");
        assertThat(image.imports()).anySatisfy(i -> {
            assertThat(i.dllName()).isEqualTo("kernel32.dll");
            assertThat(i.functions()).contains("GetTickCount");
        });
    }

    /** Builds the fixture (once per test) with Maven and returns the DLL. */
    private static Path build() throws Exception {
        ExternalTools.lld();
        ExternalTools.gcc();
        TestProject project = TestProject.copy("i386-winelib");
        // a runtime cache of its own: the reference link below takes the runtime objects from it
        TestProject.MavenRun build = project.mvn(List.of("package"), Map.of(),
                Map.of("WINEBUILD_J_RUNTIME_CACHE", project.resolve("runtime-cache").toString()), true).assertSuccess();
        Path dll = project.resolve("target/tally32.dll");
        assertThat(build.infoLinesStartingWith("winelib DLL ")).containsExactly("winelib DLL " + dll + " (5 exports)");
        assertThat(project.resolve("target/libtally32.a")).isRegularFile();
        assertThat(Files.readString(project.resolve("target/tally32.def"))).contains("tally_add@8", "tally_mix@16");
        return dll;
    }

    /** "ORDINAL NAME -> SYMBOL" of each export: the code each slot reaches. */
    private static List<String> exports(WinelibImage image) {
        return image.exports().stream().map((PeExport e) -> e.ordinal() + " " + e.name().orElse("") + " -> "
                + e.symbol().orElse("0x" + Long.toHexString(e.address()))).toList();
    }
}
