package dev.winelib.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.linker.LinkerScripts;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.pe.PeImport;
import dev.winelib.toolchain.pe.WinelibImageReader;
import dev.winelib.toolchain.process.ProcessRunner;
import dev.winelib.toolchain.process.ToolLocator;

/**
 * {@code -m32}: the i386 module header as assembly and as an ELF32 object, i386 .def files, import
 * libraries, module objects with imports and constructor fix-ups, each compared with winebuild -m32's.
 */
class I386ModeTest {

    static final String SPEC = "@ stdcall Foo(long ptr) foo_impl\n@ cdecl Bar(str wstr double) bar\n"
            + "@ thiscall Th(ptr long) th\n@ stdcall -fastcall Fa(long long int64) fa\n@ varargs Va(long) va\n"
            + "@ stub St\n@ stub St2(long)\n10 stdcall -noname Nn(long) nn\n@ extern Data data_sym\n"
            + "@ stdcall Fw(long) kernel32.Sleep\n@ stdcall -import Imp(long) Sleep\n"
            + "@ stdcall -private Priv(int128 double float)\n20 stdcall -ordinal Ord(long)\n"
            + "@ stdcall Dec@8(long) dec\n@ stdcall -ret64 R64(long) r64\n@ stdcall -arch=win64 Only64()\n"
            + "@ stdcall -arch=win32 Only32(long)\n@ stdcall -i386 OnlyI386(long long)\n";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return WinebuildJ.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path spec() throws Exception {
        Path p = dir.resolve("x.spec");
        Files.writeString(p, SPEC);
        return p;
    }

    @Test
    void assemblyHasThePe32HeaderAndTheI386Conventions() throws Exception {
        assertThat(run("-m32", "--dll", "-E", spec().toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains(".short 0x014c", ".short 224", ".short 0x010b", ".long foo_impl",
                ".long __thiscall_th", ".long __fastcall_fa", ".string \"Only32\"", "ret $8",
                "__wine_spec_get_pc_thunk_eax").doesNotContain(".quad", "Only64");
    }

    @Test
    void objectOutputIsAnElf32I386Object() throws Exception {
        Path o = dir.resolve("x.spec.o");
        assertThat(run("-m32", "--dll", "-E", spec().toString(), "-o", o.toString())).as(err.toString()).isZero();
        byte[] bytes = Files.readAllBytes(o);
        assertThat(bytes[4]).as("ELFCLASS32").isEqualTo((byte) 1);
        assertThat(bytes[18]).as("EM_386").isEqualTo((byte) 3);
    }

    @Test
    void targetI686LinuxMeansM32AndM64Overrides() throws Exception {
        assertThat(run("-b", "i686-linux-gnu", "--dll", "-E", spec().toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains(".short 0x014c");
        out.getBuffer().setLength(0);
        assertThat(run("-b", "i686-linux-gnu", "-m64", "--dll", "-E", spec().toString())).isZero();
        assertThat(out.toString()).contains(".short 0x8664");
    }

    @Test
    void defFilesAreWinebuildsWithAndWithoutDecorations() throws Exception {
        Path spec = spec();
        Path winebuild = WinebuildTimeStampTest.winebuild();
        for (List<String> extra : List.of(List.<String>of(), List.of("-k"))) {
            Path ref = dir.resolve("ref.def");
            Path ours = dir.resolve("ours.def");
            List<String> args = new java.util.ArrayList<>(List.of("-m32", "--def", "-E", spec.toString()));
            args.addAll(extra);
            List<String> command = new java.util.ArrayList<>(List.of(winebuild.toString()));
            command.addAll(args);
            command.addAll(List.of("-o", ref.toString()));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(log).isZero();
            args.addAll(List.of("-o", ours.toString()));
            assertThat(run(args.toArray(String[]::new))).as(err.toString()).isZero();
            assertThat(Files.readString(ours)).isEqualTo(Files.readString(ref));
        }
        assertThat(Files.readString(dir.resolve("ours.def"))).contains("Bar=bar @12", "Nn=nn @10 NONAME", "Only32 @25");
    }

    /** A tool the test needs: missing fails under CI=true, else skips. */
    private static Path tool(String name, String pkg) {
        java.util.Optional<Path> p = ToolLocator.fromEnvironment().find(name);
        if (p.isEmpty()) {
            String message = "this test needs " + name + " (Debian package " + pkg + ")";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
        }
        return p.get();
    }

    /** Runs winebuild -m32 (the reference) in {@code dir}; fails with its output when it fails. */
    private String winebuild(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(WinebuildTimeStampTest.winebuild().toString()));
        command.addAll(args);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(command + ": " + log).isZero();
        return log;
    }

    /** Compiles C without headers for i386 (gcc -m32 needs no 32-bit C library for that). */
    private Path compile32(String name, String source) throws Exception {
        Files.writeString(dir.resolve(name + ".c"), source);
        Path object = dir.resolve(name + ".o");
        ProcessRunner.check("gcc", List.of(tool("gcc", "gcc").toString(), "-m32", "-fPIC", "-O2", "-c", "-o",
                object.toString(), dir.resolve(name + ".c").toString()), dir);
        return object;
    }

    /**
     * The imports of a module object: linked alone (-shared, undefined symbols allowed: only the PE
     * view is read) with the section order winebuild-j's links use.
     */
    private List<PeImport> importsOf(Path moduleObject, Path... objects) throws Exception {
        Path order = dir.resolve("o.ld");
        Files.writeString(order, LinkerScripts.orderingScript());
        Path so = dir.resolve(moduleObject.getFileName() + ".so");
        List<String> link = new ArrayList<>(List.of(tool("ld.lld-16", "lld-16").toString(), "-m", "elf_i386",
                "-shared", "-T", order.toString(), "-o", so.toString(), moduleObject.toString()));
        for (Path o : objects) {
            link.add(o.toString());
        }
        ProcessRunner.check("ld.lld", link, dir);
        ElfFile elf = ElfFile.readEither(so);
        assertThat(elf.is64Bit()).isFalse();
        return WinelibImageReader.read(elf).imports();
    }

    private static final String IMPORTING_C = """
            unsigned __attribute__((stdcall)) GetTickCount(void);
            void __attribute__((stdcall)) Sleep(unsigned);
            unsigned helper(void);
            unsigned __attribute__((stdcall)) ticks(void) { return GetTickCount() + helper(); }
            void __attribute__((stdcall)) pause_for(unsigned ms) { Sleep(ms); }
            """;

    @Test
    void objectsAndMinusLImportWhatWinebuildM32Imports() throws Exception {
        Path spec = dir.resolve("m.spec");
        Files.writeString(spec, "@ stdcall ticks()\n@ stdcall pause_for(long)\n");
        Path object = compile32("m", IMPORTING_C);
        Path helper = compile32("h", "unsigned __attribute__((stdcall)) GetVersion(void);\n"
                + "unsigned helper(void) { return GetVersion(); }\n"
                + "unsigned __attribute__((stdcall)) GetLastError(void);\n");
        Path kernel32 = dir.resolve("kernel32.spec");
        Files.writeString(kernel32, "@ stdcall GetTickCount()\n@ stdcall Sleep(long)\n@ stdcall GetVersion()\n"
                + "@ stdcall GetLastError()\n");
        // the DLL's export list as winebuild writes it for i386: undecorated (-k), which is what
        // winebuild -m32 matches an object's undefined names against
        Files.createDirectories(dir.resolve("lib"));
        winebuild(List.of("-m32", "--def", "-k", "-E", kernel32.toString(), "-o", "lib/libkernel32.def"));
        ProcessRunner.check("ar", List.of(tool("ar", "binutils").toString(), "rcs", "libh.a", helper.toString()), dir);

        for (List<String> inputs : List.of(List.of(object.toString()),
                List.of(object.toString(), dir.resolve("libh.a").toString()))) {
            List<String> common = new ArrayList<>(List.of("-m32", "--dll", "-E", spec.toString(),
                    "-L" + dir.resolve("lib"),
                    "-l", "kernel32", "--"));
            common.addAll(inputs);
            List<String> reference = new ArrayList<>(List.of("-fPIC", "-o", "ref.spec.o"));
            reference.addAll(common);
            winebuild(reference);
            List<String> ours = new ArrayList<>(List.of("--sysroot", "sniper", "-o", dir.resolve("ours.spec.o")
                    .toString()));
            ours.addAll(common);
            assertThat(run(ours.toArray(String[]::new))).as(err.toString()).isZero();
            assertThat(ElfFile.readEither(dir.resolve("ours.spec.o")).is64Bit()).as("ELF32").isFalse();

            Path[] linked = inputs.size() == 1 ? new Path[] {object} : new Path[] {object, dir.resolve("h.o")};
            List<PeImport> theirs = importsOf(dir.resolve("ref.spec.o"), linked);
            assertThat(importsOf(dir.resolve("ours.spec.o"), linked)).as(inputs.toString()).isEqualTo(theirs)
                    .containsExactly(new PeImport("kernel32.dll", inputs.size() == 1
                            ? List.of("GetTickCount", "Sleep") : List.of("GetTickCount", "GetVersion", "Sleep"),
                            false));
        }
    }

    @Test
    void unixImportLibrariesAreWinebuildsAndImportForI386Objects() throws Exception {
        Path spec = dir.resolve("k.spec");
        Files.writeString(spec, "@ stdcall GetTickCount()\n@ stdcall Sleep(long)\n@ cdecl Bar(long)\n"
                + "@ stdcall Dec@8(long long)\n@ stdcall -private Priv()\n@ stub St\n10 stdcall -noname Nn()\n");
        winebuild(List.of("-m32", "--implib", "-E", spec.toString(), "-o", "libref.a"));
        assertThat(run("-m32", "--implib", "-E", spec.toString(), "-o", dir.resolve("libours.a").toString()))
                .as(err.toString()).isZero();
        // the same thunks: each member defines a function and refers to its import symbol, 32-bit
        assertThat(thunkSymbols(dir.resolve("libours.a"))).isEqualTo(thunkSymbols(dir.resolve("libref.a")))
                .contains("T GetTickCount U __wine$func$k$11$GetTickCount", "T Bar U __wine$func$k$13$Bar");

        // an i386 object importing through it, as winebuild -m32 does
        Path m = dir.resolve("m.spec");
        Files.writeString(m, "@ stdcall ticks()\n@ stdcall pause_for(long)\n");
        Path object = compile32("m", IMPORTING_C.replace("GetTickCount() + helper()", "GetTickCount()"));
        winebuild(List.of("-m32", "--dll", "-fPIC", "-E", m.toString(), "-o", "ref.spec.o", "--", object.toString(),
                dir.resolve("libref.a").toString()));
        assertThat(run("-m32", "--sysroot", "sniper", "--dll", "-E", m.toString(), "-o",
                dir.resolve("ours.spec.o").toString(), "--", object.toString(), dir.resolve("libours.a").toString()))
                .as(err.toString()).isZero();
        assertThat(importsOf(dir.resolve("ours.spec.o"), object)).isEqualTo(importsOf(dir.resolve("ref.spec.o"), object))
                .containsExactly(new PeImport("k.dll", List.of("GetTickCount", "Sleep"), false));
    }

    @Test
    void mingwImportLibrariesForI686DefineWhatWinebuildsDo() throws Exception {
        Path nm = tool("i686-w64-mingw32-nm", "binutils-mingw-w64-i686");
        Path spec = dir.resolve("x.spec");
        Files.writeString(spec, "@ stdcall Foo(long ptr) foo_impl\n@ cdecl Bar(long)\n@ stdcall Baz@8(long long)\n"
                + "@ stdcall -private Priv()\n");
        Files.createDirectories(dir.resolve("ref"));
        Files.createDirectories(dir.resolve("ours"));
        winebuild(List.of("--implib", "-b", "i686-w64-mingw32", "-E", spec.toString(), "-o", "ref/libx.a"));
        assertThat(run("--implib", "-b", "i686-w64-mingw32", "-E", spec.toString(), "-o",
                dir.resolve("ours/libx.a").toString())).as(err.toString()).isZero();
        assertThat(definedSymbols(nm, dir.resolve("ours/libx.a"))).isEqualTo(definedSymbols(nm, dir.resolve("ref/libx.a")))
                .contains("T _Foo@8", "I __imp__Foo@8", "T _Bar", "I __imp__Bar");
    }

    /**
     * "TYPE NAME" of the code and import symbols an archive defines, sorted without repeats; without the
     * library's own head and name symbols, which both tools derive from the output path.
     */
    private List<String> definedSymbols(Path nm, Path archive) throws Exception {
        String listing = ProcessRunner.check("nm", List.of(nm.toString(), archive.toString()), dir);
        return listing.lines().map(String::trim).filter(l -> l.matches("[0-9a-f]+ [TI] .*"))
                .map(l -> l.substring(l.indexOf(' ') + 1))
                .filter(l -> !l.startsWith("I __head_") && !l.endsWith("_iname")).distinct().sorted().toList();
    }

    /** "T NAME U SYMBOL" of each member of an import library, sorted, after checking it is ELF32 i386. */
    private List<String> thunkSymbols(Path library) throws Exception {
        List<String> lines = new ArrayList<>();
        Path members = Files.createTempDirectory(dir, "members");
        ProcessRunner.check("ar", List.of(tool("ar", "binutils").toString(), "x", library.toString()), members);
        try (var files = Files.list(members)) {
            for (Path member : files.sorted().toList()) {
                ElfFile elf = ElfFile.readEither(member);
                assertThat(elf.is64Bit()).as(member + " ELF32").isFalse();
                String defined = elf.symbols().stream().filter(s -> s.isDefined() && s.isGlobalOrWeak())
                        .map(s -> s.name()).sorted().reduce("", (a, b) -> a + " T " + b);
                String undefined = elf.symbols().stream().filter(s -> !s.isDefined() && !s.name().isEmpty())
                        .map(s -> s.name()).sorted().reduce("", (a, b) -> a + " U " + b);
                lines.add((defined + undefined).trim());
            }
        }
        return lines.stream().sorted().toList();
    }

    @Test
    void fixupCtorsOnAnI386ModuleIsWinebuilds() throws Exception {
        Path object = compile32("c", """
                static int ready;
                __attribute__((constructor)) static void init(void) { ready = 1; }
                int is_ready(void) { return ready; }
                """);
        Path so = dir.resolve("c.so");
        ProcessRunner.check("ld.lld", List.of(tool("ld.lld-16", "lld-16").toString(), "-m", "elf_i386", "-shared",
                "-o", so.toString(), object.toString()), dir);
        Path theirs = dir.resolve("theirs.so");
        Files.copy(so, theirs);
        winebuild(List.of("--fixup-ctors", theirs.toString()));
        assertThat(run("-m32", "--fixup-ctors", so.toString())).as(err.toString()).isZero();
        assertThat(Files.readAllBytes(so)).isEqualTo(Files.readAllBytes(theirs));
        String dynamic = ProcessRunner.check("readelf", List.of("readelf", "-d", so.toString()), dir);
        assertThat(dynamic).contains("60009994").doesNotContain("(INIT_ARRAY)");
    }

    @Test
    void m32ObjectsNeedAnI386CLibraryAndSayWhereToGetIt() throws Exception {
        Path spec = dir.resolve("m.spec");
        Files.writeString(spec, "@ stdcall ticks()\n@ stdcall pause_for(long)\n");
        Path object = compile32("m", IMPORTING_C);
        Path empty = Files.createDirectories(dir.resolve("empty-sysroot"));
        assertThat(run("-m32", "--sysroot", empty.toString(), "--dll", "-E", spec.toString(), "-o",
                dir.resolve("x.spec.o").toString(), "--", object.toString())).isNotZero();
        assertThat(err.toString()).contains("i386").doesNotContain("Exception", "\tat ");
        assertThat(dir.resolve("x.spec.o")).doesNotExist();
    }
}
