package dev.winelib.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.toolchain.process.ProcessRunner;
import dev.winelib.toolchain.process.ToolLocator;

/**
 * winebuild's options as the command line accepts, ignores and refuses them, and the modes that need
 * no linker: --def, --fake-module, --builtin, --resources, --staticlib, inspect.
 */
class WinebuildOptionsTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return WinebuildJ.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path spec(String text) throws Exception {
        Path p = dir.resolve("hello.spec");
        Files.writeString(p, text);
        return p;
    }

    private static Path tool(String name, String debianPackage) {
        Optional<Path> p = ToolLocator.fromEnvironment().find(name);
        if (p.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("this test needs " + name + " (Debian package " + debianPackage + ")");
            }
            Assumptions.abort("this test needs " + name + " (Debian package " + debianPackage + ")");
        }
        return p.get();
    }

    @Test
    void optionsWinebuildIgnoresAreAccepted() throws Exception {
        Path spec = spec("@ stdcall add(long long)\n");
        Path s = dir.resolve("x.s");
        assertThat(run("-v", "-w", "-k", "-fPIC", "-fno-asynchronous-unwind-tables", "-fasynchronous-unwind-tables",
                "-fomit-frame-pointer", "-DFOO=1", "-I/usr/include", "-KPIC", "-C", "src", "-Nhello", "-Mmain",
                "--safeseh", "--nm-cmd=nm", "--syscall-table=1", "-m64", "-marm", "-mcpu=x", "-mfpu=y", "-march=z",
                "-mfloat-abi=soft", "--target=x86_64-linux-gnu", "-b", "x86_64-pc-linux-gnu", "-B/nowhere",
                "--dll", "-E", spec.toString(), "-o", s.toString())).as(err.toString()).isZero();
        assertThat(Files.readString(s)).contains(".string \"add\"");
    }

    @Test
    void noCygwinChangesNothingWithoutObjects() throws Exception {
        // winebuild's -mno-cygwin only decides which undefined symbols of the objects are imported: the
        // .def file, the Unix import library's list, a fake module and module assembly are the same with it
        Path spec = spec("@ stdcall add(long long)\n@ cdecl printf(str)\n");
        for (List<String> args : List.of(List.of("--def"), List.of("--dll", "--fake-module"), List.of("--exe",
                "--fake-module"), List.of("--dll"))) {
            List<byte[]> outputs = new java.util.ArrayList<>();
            for (boolean noCygwin : List.of(false, true)) {
                Path output = dir.resolve("out-" + noCygwin);
                List<String> command = new java.util.ArrayList<>(args);
                if (noCygwin) {
                    command.add("-mno-cygwin");
                }
                command.addAll(List.of("-E", spec.toString(), "-o", output.toString()));
                assertThat(run(command.toArray(String[]::new))).as(command + ": " + err).isZero();
                outputs.add(Files.readAllBytes(output));
            }
            assertThat(outputs.get(1)).as(args.toString()).isEqualTo(outputs.get(0));
        }
    }

    @Test
    void whatIsNotBuiltIsRefusedWithExitTwo() throws Exception {
        String e = spec("@ stdcall add(long long)\n").toString();
        record Case(List<String> args, String message) {
        }
        for (Case c : List.of(
                new Case(List.of("-m32", "--staticlib", "-E", e), "-m32: --staticlib is not supported for 32-bit modules"),
                new Case(List.of("-m32", "--fake-module", "-E", e), "not with -m32"),
                new Case(List.of("-mfoo", "-E", e), "unknown -m option 'foo'"),
                new Case(List.of("--dll", "-b", "x86_64-w64-mingw32", "-E", e), "building PE modules is not"
                        + " supported"),
                new Case(List.of("--dll", "-b", "i686-w64-mingw32", "-E", e), "target 'i686-w64-mingw32': only x86_64"),
                new Case(List.of("--def", "-b", "i686-w64-mingw32", "-E", e), "target 'i686-w64-mingw32': only x86_64"),
                new Case(List.of("-b", "x86_64-apple-darwin", "-E", e), "only Linux winelib modules"),
                new Case(List.of("-b", "bogus", "-E", e), "unrecognized target 'bogus'"),
                new Case(List.of("--subsystem=native", "-E", e), "native modules (drivers) are not supported"),
                new Case(List.of("--subsystem", "bogus", "-E", e), "invalid subsystem name 'bogus'"),
                new Case(List.of("--subsystem", "win16", "-E", e), "16-bit modules are not supported"),
                new Case(List.of("--subsystem", "windows:x", "-E", e), "expected a number for --subsystem version"),
                new Case(List.of("-H", "70000", "-E", e), "invalid heap size 70000, maximum is 65535"),
                new Case(List.of("--syscall-table=7", "-E", e), "invalid syscall table id '7', must be 0-3"),
                new Case(List.of("--implib", "--without-dlltool", "-b", "x86_64-w64-mingw32", "-E", e, "-o", "l.a"),
                        "--without-dlltool: winebuild-j makes Windows import libraries with dlltool"),
                new Case(List.of("--dll", "--def", "-E", e), "the modes --dll and --def exclude each other"),
                new Case(List.of("--def", "-E", e, "extra.o"), "file argument 'extra.o' not allowed with --def"),
                new Case(List.of("--def"), "--def needs the .spec file"),
                new Case(List.of("--implib", "-E", e), "--implib needs an output"),
                new Case(List.of("--fixup-ctors"), "--fixup-ctors needs the linked modules"),
                new Case(List.of("--builtin"), "--builtin needs the files to mark"),
                new Case(List.of("--resources", "-o", "x.o"), "only .res output is supported"),
                new Case(List.of("--exe"), "no module name"),
                new Case(List.of("--data-only", "-E", e), "data-only modules (apiset schemas) are not supported"))) {
            assertThat(run(c.args().toArray(String[]::new))).as("%s: %s", c.args(), err).isEqualTo(2);
            assertThat(err.toString()).as("%s", c.args()).contains(c.message()).contains("--help");
        }
    }

    @Test
    void defFileToStandardOutputAndToAFile() throws Exception {
        Path spec = spec("@ stdcall add(long long) impl\n@ stub later\n");
        assertThat(run("--def", "-E", spec.toString())).isZero();
        assertThat(out.toString()).isEqualTo("; File generated automatically from " + spec + "; do not edit!\n\n"
                + "LIBRARY hello.dll\n\nEXPORTS\n  add=impl @1\n  later @2 PRIVATE\n");
        Path def = dir.resolve("out.def");
        assertThat(run("--def", "-E", spec.toString(), "-F", "other", "-o", def.toString())).isZero();
        assertThat(Files.readString(def)).contains("LIBRARY other.dll");
    }

    @Test
    void aFailureLeavesNoOutputBehind() throws Exception {
        Path spec = spec("@ stdcall add(long lnog)\n");
        Path def = dir.resolve("old.def");
        Files.writeString(def, "old");
        assertThat(run("--def", "-E", spec.toString(), "-o", def.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(spec + ":1:");
        assertThat(def).doesNotExist();
    }

    @Test
    void executableHeaderText() throws Exception {
        Path s = dir.resolve("app.s");
        assertThat(run("--exe", "-F", "app", "--subsystem", "windows:6.1", "--large-address-aware", "-o",
                s.toString())).as(err.toString()).isZero();
        String text = Files.readString(s);
        assertThat(text).contains(".quad __wine_spec_exe_entry", ".short 0x0122", ".short 0x0002", ".short 6,1")
                .doesNotContain(".L__wine_spec_exports:");
        // as winegcc passes it: a later --subsystem replaces the earlier one
        assertThat(run("--exe", "-F", "app", "--subsystem", "console", "--subsystem", "windows", "-o", s.toString()))
                .isZero();
        assertThat(Files.readString(s)).contains(".short 0x0002\t/* Subsystem */");
        assertThat(run("--exe", "-municode", "-F", "app.exe", "-o", s.toString())).isZero();
        assertThat(Files.readString(s)).contains(".quad __wine_spec_exe_wentry");
        assertThat(run("--dll", "-e", "MyMain@12", "-E", spec("@ stdcall f()\n").toString(), "-o", s.toString()))
                .isZero();
        assertThat(Files.readString(s)).contains(".weak MyMain", ".quad MyMain");
    }

    @Test
    void fakeModuleBuiltinMarkAndInspect() throws Exception {
        Path spec = spec("@ stdcall add(long long)\n");
        Path fake = dir.resolve("fake/hello.dll");
        Files.createDirectories(fake.getParent());
        assertThat(run("--dll", "--fake-module", "-E", spec.toString(), "-o", fake.toString())).isZero();
        assertThat(run("inspect", fake.toString())).isZero();
        assertThat(out.toString()).contains("\"Wine placeholder DLL\"");
        assertThat(run("--builtin", fake.toString())).isZero();
        assertThat(run("inspect", fake.toString())).isZero();
        assertThat(out.toString()).contains("\"Wine builtin DLL\"");

        assertThat(run("--builtin", spec.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(spec + ": not a PE module");
        assertThat(run("inspect", dir.resolve("none.so").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("none.so: no such file");
        assertThat(run("inspect")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'FILE'");
        assertThat(run("inspect", "--help")).isZero();
        assertThat(out.toString()).contains("winebuild-j inspect", "layout problems");
    }

    @Test
    void resourcesAreMergedIntoOneResFile() throws Exception {
        Path a = dir.resolve("a.res");
        Path b = dir.resolve("b.res");
        var table = dev.winelib.resources.ResourceTable.of(List.of(new dev.winelib.resources.Resource(
                dev.winelib.resources.ResourceName.of(10), dev.winelib.resources.ResourceName.of(1), 0, 0, 0,
                new byte[] {1}, "t")));
        var other = dev.winelib.resources.ResourceTable.of(List.of(new dev.winelib.resources.Resource(
                dev.winelib.resources.ResourceName.of(6), dev.winelib.resources.ResourceName.of(1), 0, 0, 0,
                new byte[] {2}, "t")));
        Files.write(a, dev.winelib.resources.ResourceFileWriter.write(table));
        Files.write(b, dev.winelib.resources.ResourceFileWriter.write(other));
        Path merged = dir.resolve("all.res");
        assertThat(run("--resources", "-o", merged.toString(), a.toString(), b.toString())).as(err.toString())
                .isZero();
        assertThat(dev.winelib.resources.ResourceFileReader.read(merged)).extracting(r -> r.type().id())
                .containsExactly(6, 10);
        assertThat(run("--resources", "-o", merged.toString(), a.toString(), a.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("duplicate resource type #10 name #1");
    }

    @Test
    void staticLibrary() throws Exception {
        Path gcc = tool("gcc", "gcc");
        tool("ar", "binutils");
        Path c = dir.resolve("x.c");
        Files.writeString(c, "int x(void) { return 1; }\n");
        Path o = dir.resolve("x.o");
        ProcessRunner.check("gcc", List.of(gcc.toString(), "-c", "-o", o.toString(), c.toString()), dir);
        Path lib = dir.resolve("libx.a");
        assertThat(run("--staticlib", "-o", lib.toString(), o.toString())).as(err.toString()).isZero();
        assertThat(Files.readAllBytes(lib)).startsWith("!<arch>\n".getBytes());
        assertThat(run("--staticlib", "-o", lib.toString(), dir.resolve("missing.o").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("missing.o: file not found");
    }

    @Test
    void verboseShowsTheCommandsAndWarningsNeedW() throws Exception {
        tool("gcc", "gcc");
        Path spec = spec("@ stdcall f()\n");
        Path c = dir.resolve("f.c");
        Files.writeString(c, "int __attribute__((ms_abi)) f(void) { return 1; }\n");
        Path o = dir.resolve("f.o");
        ProcessRunner.check("gcc", List.of("gcc", "-c", "-fPIC", "-o", o.toString(), c.toString()), dir);
        Path out = dir.resolve("f.spec.o");
        assertThat(run("-v", "--dll", "-E", spec.toString(), "-lshell32", "-o", out.toString(), "--", o.toString()))
                .as(err.toString()).isZero();
        assertThat(err.toString()).contains(" -r -o ").doesNotContain("warning");
        assertThat(run("-w", "--dll", "-E", spec.toString(), "-lshell32", "-o", out.toString(), "--", o.toString()))
                .isZero();
        assertThat(err.toString()).contains("winebuild-j: warning: shell32.dll imported but no symbols used");
        assertThat(run("--save-temps", "--dll", "-E", spec.toString(), "-o", out.toString(), "--", o.toString()))
                .isZero();
        assertThat(err.toString()).contains("intermediate files kept in ");
        String kept = err.toString().substring(err.toString().indexOf("kept in ") + 8).strip();
        assertThat(Path.of(kept).resolve("module.s")).exists();
    }
}
