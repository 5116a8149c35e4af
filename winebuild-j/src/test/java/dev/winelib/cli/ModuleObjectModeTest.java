package dev.winelib.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.linker.LinkerScripts;
import dev.winelib.sysroot.Sysroot;
import dev.winelib.sysroot.SysrootInspector;
import dev.winelib.sysroot.SysrootLayout;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.pe.PeImport;
import dev.winelib.toolchain.pe.WinelibImageReader;
import dev.winelib.toolchain.process.ProcessRunner;
import dev.winelib.toolchain.process.ToolLocator;

/** The CLI builds a module object with imports for objects it is given, and fixes up constructors. */
class ModuleObjectModeTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return WinebuildJ.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static Path tool(String name, String pkg) {
        Optional<Path> p = ToolLocator.fromEnvironment().find(name);
        if (p.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("this test needs " + name + " (Debian package " + pkg + ")");
            }
            Assumptions.assumeTrue(false, "this test needs " + name + " (Debian package " + pkg + ")");
        }
        return p.get();
    }

    /** ld.lld, as the build finds it. */
    private static Path lld() {
        try {
            return ToolLocator.fromEnvironment().findLinker(Optional.empty());
        } catch (Exception e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("this test needs ld.lld (Debian package lld-16)", e);
            }
            Assumptions.abort("this test needs ld.lld (Debian package lld-16)");
            throw new AssertionError("unreachable");
        }
    }

    @Test
    void importsWhatTheObjectsNeedButNeverTheCLibrary() throws Exception {
        Path gcc = tool("gcc", "gcc");
        Path lld = lld();
        if (!Files.isDirectory(Path.of("/usr/lib/x86_64-linux-gnu/wine/x86_64-windows"))) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("this test needs Wine's DLLs (Debian package wine64)");
            }
            Assumptions.assumeTrue(false, "this test needs Wine's DLLs (Debian package wine64)");
        }
        Files.writeString(dir.resolve("m.spec"), "@ stdcall ticks()\n@ stub later\n");
        Files.writeString(dir.resolve("m.c"), """
                #include <string.h>
                unsigned __attribute__((ms_abi)) GetTickCount(void);
                unsigned __attribute__((ms_abi)) ticks(void) { return GetTickCount() + strlen("x"); }
                """);
        ProcessRunner.check("gcc", List.of(gcc.toString(), "-c", "-fPIC", "-o", dir.resolve("m.o").toString(),
                dir.resolve("m.c").toString()), dir);

        Path module = dir.resolve("m.spec.o");
        assertThat(run("--dll", "-E", dir.resolve("m.spec").toString(), "-o", module.toString(), "-l", "kernel32",
                "-l", "ntdll", "--", dir.resolve("m.o").toString())).as(err.toString()).isZero();

        SysrootLayout host = new SysrootInspector(dir.resolve("views")).inspect(Sysroot.host());
        Files.writeString(dir.resolve("v.map"), LinkerScripts.versionScript());
        Files.writeString(dir.resolve("o.ld"), LinkerScripts.orderingScript());
        Path so = dir.resolve("m.dll.so");
        List<String> link = new ArrayList<>(List.of(lld.toString(), "-shared", "-Bsymbolic", "-z", "defs",
                "--version-script=" + dir.resolve("v.map"), "-T", dir.resolve("o.ld").toString(), "-o", so.toString()));
        host.libraryDirectories().forEach(d -> link.add("-L" + d));
        link.addAll(List.of(host.crti().toString(), host.crtBeginShared().toString(), module.toString(),
                dir.resolve("m.o").toString(), "-lc", host.crtEndShared().toString(), host.crtn().toString()));
        ProcessRunner.check("ld.lld", link, dir);

        List<PeImport> imports = WinelibImageReader.read(ElfFile.read(so)).imports();
        // the C code's GetTickCount from kernel32; strlen, which ntdll exports too, stays the C library's; the
        // stub helper's RaiseException from kernel32, as winebuild's runtime imports it
        assertThat(imports).containsExactly(
                new PeImport("kernel32.dll", List.of("GetTickCount", "RaiseException"), false));

        // the constructors of the linked module, hidden from ld.so
        assertThat(run("--fixup-ctors", so.toString())).isZero();
        String dynamic = ProcessRunner.check("readelf", List.of("readelf", "-d", so.toString()), dir);
        assertThat(dynamic).contains("0x0000000060009994").doesNotContain("(INIT_ARRAY)");
    }

    @Test
    void staticLibrariesAmongTheObjectsCountWithTheMembersALinkWouldTake() throws Exception {
        Path gcc = tool("gcc", "gcc");
        tool("ar", "binutils");
        Path lld = lld();
        Path kernel32 = Path.of("/usr/lib/x86_64-linux-gnu/wine/x86_64-unix/libkernel32.a");
        if (!Files.isRegularFile(kernel32) || !Files.isDirectory(Path.of("/usr/lib/x86_64-linux-gnu/wine/x86_64-windows"))) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("this test needs Wine's DLLs and import libraries (Debian packages wine64,"
                        + " libwine-dev)");
            }
            Assumptions.assumeTrue(false, "this test needs Wine's DLLs and import libraries");
        }
        Files.writeString(dir.resolve("m.spec"), "@ stdcall ticks()\n");
        Files.writeString(dir.resolve("m.c"), """
                unsigned helper(void);
                unsigned __attribute__((ms_abi)) ticks(void) { return helper(); }
                """);
        Files.writeString(dir.resolve("h.c"), """
                unsigned __attribute__((ms_abi)) GetTickCount(void);
                unsigned helper(void) { return GetTickCount(); }
                """);
        Files.writeString(dir.resolve("u.c"), """
                unsigned __attribute__((ms_abi)) GetVersion(void);
                unsigned unused(void) { return GetVersion(); }
                """);
        for (String name : List.of("m", "h", "u")) {
            ProcessRunner.check("gcc", List.of(gcc.toString(), "-c", "-fPIC", "-o", dir.resolve(name + ".o").toString(),
                    dir.resolve(name + ".c").toString()), dir);
        }
        Path library = dir.resolve("libh.a");
        ProcessRunner.check("ar", List.of("ar", "rcs", library.toString(), dir.resolve("h.o").toString(),
                dir.resolve("u.o").toString()), dir);

        Path module = dir.resolve("m.spec.o");
        // libkernel32.a is a Wine import library: it adds kernel32 to the imports, as before
        assertThat(run("--dll", "-E", dir.resolve("m.spec").toString(), "-o", module.toString(), "--",
                dir.resolve("m.o").toString(), library.toString(), kernel32.toString())).as(err.toString()).isZero();

        SysrootLayout host = new SysrootInspector(dir.resolve("views")).inspect(Sysroot.host());
        Files.writeString(dir.resolve("v.map"), LinkerScripts.versionScript());
        Files.writeString(dir.resolve("o.ld"), LinkerScripts.orderingScript());
        Path so = dir.resolve("m.dll.so");
        List<String> link = new ArrayList<>(List.of(lld.toString(), "-shared", "-Bsymbolic", "-z", "defs",
                "--version-script=" + dir.resolve("v.map"), "-T", dir.resolve("o.ld").toString(), "-o", so.toString()));
        host.libraryDirectories().forEach(d -> link.add("-L" + d));
        link.addAll(List.of(host.crti().toString(), host.crtBeginShared().toString(), module.toString(),
                dir.resolve("m.o").toString(), library.toString(), "-lc", host.crtEndShared().toString(),
                host.crtn().toString()));
        ProcessRunner.check("ld.lld", link, dir);

        // the member the link takes needs GetTickCount; the unused member's GetVersion is not imported
        List<PeImport> imports = WinelibImageReader.read(ElfFile.read(so)).imports();
        assertThat(imports).containsExactly(new PeImport("kernel32.dll", List.of("GetTickCount"), false));
    }

    @Test
    void noCygwinImportsTheCFunctionsFromWinesCRuntime() throws Exception {
        Path gcc = tool("gcc", "gcc");
        lld();
        Path unix = Path.of("/usr/lib/x86_64-linux-gnu/wine/x86_64-unix");
        if (!Files.isRegularFile(unix.resolve("libucrtbase.a"))
                || !Files.isDirectory(Path.of("/usr/lib/x86_64-linux-gnu/wine/x86_64-windows"))) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("this test needs Wine's DLLs and import libraries (Debian packages wine64,"
                        + " libwine-dev)");
            }
            Assumptions.assumeTrue(false, "this test needs Wine's DLLs and import libraries");
        }
        Files.writeString(dir.resolve("app.c"), """
                int atoi(const char *);
                void *calloc(unsigned long, unsigned long);
                unsigned __attribute__((ms_abi)) GetTickCount(void);
                int __attribute__((ms_abi)) main(int argc, char **argv)
                {
                    return atoi(argv[argc - 1]) + (calloc(1, 1) != 0) + (int)GetTickCount();
                }
                """);
        ProcessRunner.check("gcc", List.of(gcc.toString(), "-c", "-fPIC", "-o", dir.resolve("app.o").toString(),
                dir.resolve("app.c").toString()), dir);
        List<String> archives = List.of(unix.resolve("libucrtbase.a").toString(),
                unix.resolve("libkernel32.a").toString(), unix.resolve("libntdll.a").toString());

        // as winegcc -mno-cygwin runs it: the executable starts at the C runtime's mainCRTStartup
        Path crt = dir.resolve("crt.spec.o");
        List<String> args = new ArrayList<>(List.of("--exe", "-mno-cygwin", "-F", "app.exe", "--entry",
                "mainCRTStartup", "-o", crt.toString(), "--", dir.resolve("app.o").toString()));
        args.addAll(archives);
        assertThat(run(args.toArray(String[]::new))).as(err.toString()).isZero();
        // the import thunks: the program's C functions and those of mainCRTStartup (kept in libucrtbase.a)
        for (String thunk : List.of("atoi", "calloc", "GetTickCount", "_configure_narrow_argv", "__p___argv",
                "exit")) {
            assertThat(defines(crt, thunk)).as(thunk + " imported").isTrue();
        }

        // without it, the C functions are the C library's
        Path glibc = dir.resolve("glibc.spec.o");
        args = new ArrayList<>(List.of("--exe", "-F", "app.exe", "-o", glibc.toString(), "--",
                dir.resolve("app.o").toString()));
        args.addAll(archives);
        assertThat(run(args.toArray(String[]::new))).as(err.toString()).isZero();
        assertThat(defines(glibc, "GetTickCount")).isTrue();
        assertThat(defines(glibc, "atoi")).isFalse();
        assertThat(defines(glibc, "calloc")).isFalse();
    }

    private static boolean defines(Path object, String symbol) throws Exception {
        return ElfFile.read(object).symbols().stream().anyMatch(s -> s.name().equals(symbol) && s.isDefined());
    }

    @Test
    void objectModeNeedsAnObjectOutput() throws Exception {
        Files.writeString(dir.resolve("m.spec"), "@ stdcall f()\n");
        assertThat(run("-E", dir.resolve("m.spec").toString(), "-l", "kernel32", "-o", dir.resolve("m.s").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("use -o NAME.o");
    }

    @Test
    void fixupCtorsOnAMissingFile() {
        assertThat(run("--fixup-ctors", dir.resolve("nope.so").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("nope.so: no such file");
    }

    /** R15: a spec of nothing, of stubs only or of forwards only makes an object without any object files. */
    @Test
    void r15SpecsWithoutObjectsToMergeMakeAnObject() throws Exception {
        tool("gcc", "gcc");
        for (String text : List.of("", "@ stub later\n", "@ stdcall f() other.g\n")) {
            Files.writeString(dir.resolve("e.spec"), text);
            Path module = dir.resolve("e.spec.o");
            assertThat(run("--dll", "-E", dir.resolve("e.spec").toString(), "-o", module.toString()))
                    .as(text + err).isZero();
            assertThat(module).isRegularFile();
            Files.delete(module);
        }
    }

    /**
     * R16: a real ld.lld error while the objects are merged (two objects define the exported function)
     * names the user's objects and sources, never the build's merged object, its work directory or the
     * linker command full of them.
     */
    @Test
    void r16LinkErrorsNameTheUsersObjectsNotTheMergedObject() throws Exception {
        Path gcc = tool("gcc", "gcc");
        lld();
        Files.writeString(dir.resolve("d.spec"), "@ stdcall f()\n");
        for (String name : List.of("one", "two")) {
            Files.writeString(dir.resolve(name + ".c"), "int f(void) { return 1; }\n");
            ProcessRunner.check("gcc", List.of(gcc.toString(), "-c", "-fPIC", "-o", name + ".o", name + ".c"), dir);
        }
        Path module = dir.resolve("d.spec.o");
        assertThat(run("--dll", "-E", dir.resolve("d.spec").toString(), "-o", module.toString(), "--",
                dir.resolve("one.o").toString(), dir.resolve("two.o").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("duplicate symbol: f", "one.c", dir.resolve("one.o") + ":",
                "two.c", dir.resolve("two.o") + ":")
                .doesNotContain("combined.o", "references.o", "winebuild-j-", "command:");
        assertThat(module).doesNotExist();
    }
}
