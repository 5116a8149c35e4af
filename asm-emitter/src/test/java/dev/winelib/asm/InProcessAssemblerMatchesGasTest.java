package dev.winelib.asm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.SpecParser;
import dev.winelib.spec.TargetCpu;

/**
 * The in-process assembler against GNU as: for the directive subset, every instruction form, every kind
 * of reference, jump relaxation at its boundaries, NOP padding of every length, and module headers with
 * every template feature, both objects mean the same to a linker (same section bytes, relocations and
 * symbols; see {@link ObjectDescription}).
 */
class InProcessAssemblerMatchesGasTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"directives.s", "instructions.s", "relocations.s"})
    void handWrittenTexts(String name) throws IOException {
        String text;
        try (InputStream in = getClass().getResourceAsStream("/elf-assembler/" + name)) {
            text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        String description = GasComparison.assertSameObject(dir, name, text);
        assertThat(description).contains("section .text");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"instructions-i386.s", "relocations-i386.s"})
    void handWrittenI386Texts(String name) throws IOException {
        String text;
        try (InputStream in = getClass().getResourceAsStream("/elf-assembler/" + name)) {
            text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        String description = GasComparison.assertSameObject(dir, name, text, TargetCpu.I386);
        assertThat(description).contains("section .text");
    }

    static Stream<Arguments> jumpDistances() {
        return IntStream.rangeClosed(120, 136).boxed().flatMap(d -> Stream.of(Arguments.of(d, 0), Arguments.of(d, 3)));
    }

    /** Short and long jumps around the 127/128-byte reach of a rel8, forwards and backwards, through padding. */
    @ParameterizedTest(name = "distance {0}, misalignment {1}")
    @MethodSource("jumpDistances")
    void jumpsRelaxLikeGas(int distance, int misalignment) throws IOException {
        for (TargetCpu cpu : TargetCpu.values()) {
            GasComparison.assertSameObject(dir, "jumps-" + distance + "-" + misalignment + "-" + cpu,
                    jumpsText(distance, misalignment), cpu);
        }
    }

    private static String jumpsText(int distance, int misalignment) {
        StringBuilder b = new StringBuilder("\t.text\n");
        b.append("\t.skip ").append(misalignment).append('\n');
        b.append("1:\tjmp 2f\n\tjmp .Lfar\n");
        b.append("\t.skip ").append(distance).append(", 0xcc\n\t.p2align 3\n");
        b.append("2:\tjmp 1b\n\tjmp 1b\n\tnop\n");
        b.append("\t.skip ").append(distance / 2).append('\n');
        b.append(".Lfar:\tjmp 2b\n\tjmp 3f\n\t.balign 16\n\t.skip ").append(distance - 10).append("\n3:\tret\n");
        // a chain where one jump growing pushes the next out of reach
        for (int i = 0; i < 6; i++) {
            b.append("\tjmp .Lchain").append(i).append("\n\t.skip ").append(distance - 4 - i).append('\n');
        }
        for (int i = 0; i < 6; i++) {
            b.append(".Lchain").append(i).append(":\n");
        }
        return b.toString();
    }

    @ParameterizedTest
    @EnumSource(TargetCpu.class)
    void codePaddingOfEveryLength(TargetCpu cpu) throws IOException {
        StringBuilder b = new StringBuilder("\t.text\n");
        for (int p = 1; p <= 6; p++) {
            for (int k = 0; k < (1 << p); k++) {
                b.append("\tret\n\t.skip ").append(k).append(", 0xcc\n\t.p2align ").append(p).append('\n');
                b.append("\t.byte 0xf4\n\t.align ").append(1 << p).append(",,").append(k).append('\n');
            }
        }
        // long paddings: i386 jumps over them, short or near
        for (int k : new int[] {1, 30, 100, 160, 168, 169, 170, 200}) {
            b.append("\tret\n\t.skip ").append(k).append(", 0xcc\n\t.p2align 8\n");
        }
        GasComparison.assertSameObject(dir, "padding-" + cpu, b.toString(), cpu);
    }

    static List<String> featureSpecs() {
        return List.of(
                "@ stdcall hello_add(long long)\n@ cdecl mul(long double) multiply\n5 stdcall -noname hidden(ptr)\n"
                        + "@ extern counter\n@ stub notyet\n@ stub later(long ptr)\n"
                        + "@ stdcall Forwarded(long) kernel32.Sleep\n@ stdcall -import GetLastError()\n"
                        + "@ varargs vprint(str)\n@ stdcall strs(str wstr float double long)\n"
                        + "@ stdcall ??2@YAPEAX_K@Z(long) newop\n10 stub -noname nonamestub\n"
                        + "20 stdcall -norelay quiet(long)\n@ stdcall -private DllGetVersion(ptr)\n",
                "",
                "@ stub only_stub\n",
                "100 stdcall -noname a(long long long long long long)\n1000 cdecl b(double float double float)\n",
                "@ stdcall -import Sleep(long)\n@ stdcall -import GetLastError()\n@ extern data\n");
    }

    static Stream<Arguments> modules() {
        List<ModuleOptions> options = List.of(
                ModuleOptions.dll(Optional.of("__wine_spec_dll_entry")).withStubRuntime(),
                ModuleOptions.dllWithOptionalEntry("DllMain"),
                ModuleOptions.dll(Optional.empty()));
        List<ModuleImports> imports = List.of(ModuleImports.none(), someImports(1), someImports(40));
        List<Arguments> result = new ArrayList<>();
        int i = 0;
        for (String spec : featureSpecs()) {
            for (ModuleOptions o : options) {
                for (ModuleImports m : imports) {
                    result.add(Arguments.of(i++, spec, o, m));
                }
            }
        }
        return result.stream();
    }

    /** Immediate and delayed imports, by name and by ordinal, from several DLLs. */
    static ModuleImports someImports(int perDll) {
        List<ImportedDll> dlls = new ArrayList<>();
        String[] names = {"kernel32.dll", "user32.dll", "shell32.dll", "comctl32.dll"};
        for (int d = 0; d < names.length; d++) {
            List<ImportedFunction> functions = new ArrayList<>();
            for (int f = 0; f < perDll; f++) {
                String symbol = "fn" + d + "_" + f;
                functions.add(f % 5 == 4 ? new ImportedFunction(symbol, Optional.empty(), f + 1, 0)
                        : new ImportedFunction(symbol, Optional.of(symbol), 0, f));
            }
            dlls.add(new ImportedDll(names[d], functions, d >= 2));
        }
        return new ModuleImports(dlls);
    }

    @ParameterizedTest(name = "module {0}")
    @MethodSource("modules")
    void moduleHeadersWithEveryFeature(int n, String specText, ModuleOptions options, ModuleImports imports)
            throws IOException {
        ModuleSpec spec = SpecParser.parse("features.spec", specText, Optional.of("features.dll"));
        String asm = new ModuleAssemblyEmitter("winebuild-j test").emit(spec, options, imports);
        GasComparison.assertSameObject(dir, "module-" + n, asm);
    }

    /** The i386 module header ({@code -m32}): the same specs plus the i386-only conventions. */
    @ParameterizedTest(name = "module {0}")
    @MethodSource("modules")
    void i386ModuleHeadersWithEveryFeature(int n, String specText, ModuleOptions options, ModuleImports imports)
            throws IOException {
        String i386Only = "@ thiscall th(ptr long)\n@ stdcall -fastcall fa(long long int64)\n"
                + "@ stdcall -fastcall fb(double long)\n@ stdcall -ret64 r64(int64 int128)\n"
                + "@ stdcall -arch=win32 only32(long)\n@ stdcall -thiscall -import thimp(ptr)\n";
        ModuleSpec spec = SpecParser.parse("features.spec", specText + i386Only, Optional.of("features.dll"),
                TargetCpu.I386);
        String asm = new ModuleAssemblyEmitter("winebuild-j test").emit(spec, options, imports);
        assertThat(asm).contains(".short 0x014c");
        GasComparison.assertSameObject(dir, "module32-" + n, asm, TargetCpu.I386);
    }
}
