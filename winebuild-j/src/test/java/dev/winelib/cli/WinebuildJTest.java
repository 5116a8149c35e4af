package dev.winelib.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WinebuildJTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return WinebuildJ.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path spec(String text) throws Exception {
        Path p = dir.resolve("hello.spec");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void writesAssemblyForASpec() throws Exception {
        Path spec = spec("@ stdcall add(long long)\n@ stub later\n");
        Path s = dir.resolve("hello.spec.s");
        assertThat(run("--dll", "-E", spec.toString(), "-F", "hello.dll", "-o", s.toString())).isZero();
        String asm = Files.readString(s);
        assertThat(asm).contains(".globl __wine_spec_nt_header", ".skip 69632", ".quad add",
                ".string \"hello.dll\"", ".string \"add\"", ".string \"later\"");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void defaultsTheModuleNameFromTheSpecAndWritesToStandardOutput() throws Exception {
        Path spec = spec("@ cdecl f()\n");
        assertThat(run("-E", spec.toString())).isZero();
        assertThat(out.toString()).contains(".string \"hello.dll\"");
    }

    @Test
    void timestampIsTheTimeDateStampOfHeaderAndExports() throws Exception {
        Path spec = spec("@ cdecl f()\n");
        assertThat(run("-E", spec.toString(), "--timestamp=2023-11-14T22:13:20Z")).isZero();
        assertThat(out.toString().split("\n")).filteredOn(l -> l.contains("TimeDateStamp"))
                .filteredOn(l -> !l.contains(".long 0\t")).hasSize(2)
                .allMatch(l -> l.contains(".long 1700000000\t"));
    }

    @Test
    void withoutATimestampTheFileNameHashIsWritten() throws Exception {
        Path spec = spec("@ cdecl f()\n");
        assertThat(run("-E", spec.toString())).isZero();
        String hash = Integer.toUnsignedString(dev.winelib.asm.ModuleAssemblyEmitter.fileNameHash("hello.dll"));
        assertThat(out.toString()).contains(".long " + hash + "\t/* TimeDateStamp */");
    }

    @Test
    void aBadTimestampIsRefusedByName() throws Exception {
        Path spec = spec("@ cdecl f()\n");
        assertThat(run("-E", spec.toString(), "--timestamp=yesterday")).isEqualTo(2);
        assertThat(err.toString()).contains("winebuild-j: --timestamp 'yesterday' is neither seconds since 1970");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void longOptionSpellings() throws Exception {
        Path spec = spec("@ cdecl f()\n");
        assertThat(run("--dll", "--export=" + spec, "--filename=other")).isZero();
        assertThat(out.toString()).contains(".string \"other.dll\"");
    }

    @Test
    void assemblesAnObjectWhenTheOutputEndsInDotO() throws Exception {
        Path gcc = Path.of("/usr/bin/gcc");
        if (!Files.isExecutable(gcc)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("this test needs gcc (Debian package gcc)");
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "this test needs gcc (Debian package gcc)");
        }
        Path spec = spec("@ stdcall add(long long)\n");
        Path o = dir.resolve("hello.spec.o");
        assertThat(run("--dll", "-E", spec.toString(), "-o", o.toString())).isZero();
        byte[] bytes = Files.readAllBytes(o);
        assertThat(bytes).startsWith(0x7f, 'E', 'L', 'F');
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("hello.spec",
                    "hello.spec.o");
        }
    }

    @Test
    void malformedSpecGivesLocationExitOneAndNoOutput() throws Exception {
        Path spec = spec("@ stdcall add(long long)\n@ stdcall bad(long lnog)\n");
        Path s = dir.resolve("out.s");
        assertThat(run("--dll", "-E", spec.toString(), "-o", s.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("winebuild-j: " + spec + ":2:20: unknown argument type 'lnog'");
        assertThat(s).doesNotExist();
    }

    @Test
    void missingSpecFileIsReported() {
        assertThat(run("-E", dir.resolve("nope.spec").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("nope.spec: spec file not found");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(run("--frobnicate")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--frobnicate'").contains("--help");
    }

    @Test
    void noSpecIsAUsageError() {
        assertThat(run("--dll")).isEqualTo(2);
        assertThat(err.toString()).contains("no spec file given");
    }

    @Test
    void sixteenBitAndDataOnlyAreRefusedClearly() throws Exception {
        Path spec = spec("@ cdecl f()\n");
        assertThat(run("-m16", "-E", spec.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("16-bit modules are not supported");
        assertThat(run("--data-only", "-E", spec.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("data-only modules (apiset schemas) are not supported");
        assertThat(run("-m64", "-E", spec.toString())).isZero();
    }

    @Test
    void sixteenBitSpecIsRefused() throws Exception {
        Path spec = spec("1 pascal -ret16 GetVersion() GetVersion16\n");
        assertThat(run("-E", spec.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(spec + ":1:3: 'pascal' entries belong to 16-bit modules, which are not"
                + " supported");
    }

    @Test
    void defFileInput() throws Exception {
        Path def = dir.resolve("mod.def");
        Files.writeString(def, "LIBRARY mod\nEXPORTS\n  f\n  g=kernel32.Sleep @4\n");
        assertThat(run("-E", def.toString())).isZero();
        assertThat(out.toString()).contains(".string \"mod.dll\"", ".string \"kernel32.Sleep\"", ".long 4");
    }

    @Test
    void emptyModuleNameIsRefused() throws Exception {
        Path spec = spec("@ cdecl f()\n");
        assertThat(run("-E", spec.toString(), "-F", "")).isEqualTo(1);
        assertThat(err.toString()).contains("module file name '.dll' is not valid");
    }

    @Test
    void helpAndVersion() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: winebuild-j", "-E, --export=FILE", "-F, --filename=NAME");
        out.getBuffer().setLength(0);
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("winebuild-j 0.1.0");
    }
}
