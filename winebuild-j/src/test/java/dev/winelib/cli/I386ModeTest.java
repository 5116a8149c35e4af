package dev.winelib.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -m32}: the i386 module header as assembly and as an ELF32 object, and i386 .def files as winebuild's. */
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
}
