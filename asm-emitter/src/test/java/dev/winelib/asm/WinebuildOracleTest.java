package dev.winelib.asm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.SpecParser;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Wine's own winebuild as the oracle: for the same spec and module name, its assembly and ours agree on the
 * export directory (TimeDateStamp, Base, NumberOfFunctions, NumberOfNames), the function table, the name table
 * with its ordinals, and the forward strings.
 */
class WinebuildOracleTest {

    /** The parts of an export table both generators write the same way. */
    record Exports(String timeDateStamp, String base, String functionCount, String nameCount, List<String> functions,
            List<String> nameOrdinals, List<String> names, List<String> forwards) {

        static Exports of(String asm) {
            AsmListing l = new AsmListing(asm);
            List<String> dir = l.exportDirectory();
            int nameCount = Integer.parseInt(dir.get(6));
            return new Exports(dir.get(1), dir.get(4), dir.get(5), dir.get(6),
                    // winebuild leaves ??2@YAPAXI@Z unquoted (and gas then refuses it); compare the names
                    l.after(".L__wine_spec_exports_funcs", ".quad").stream().map(s -> s.replace("\"", "")).toList(),
                    nameCount == 0 ? List.of() : l.after(".L__wine_spec_exp_ordinals", ".short").subList(0, nameCount),
                    l.after(".L__wine_spec_exp_names", ".string"),
                    l.hasLabel(".L__wine_spec_forwards") ? l.after(".L__wine_spec_forwards", ".string") : List.of());
        }
    }

    static final ModuleAssemblyEmitter EMITTER = new ModuleAssemblyEmitter("winebuild-j test");

    static String winebuildAssembly(Path dir, String specText, String moduleName) {
        Path winebuild = ExternalTools.winebuild();
        try {
            Files.writeString(dir.resolve("t.spec"), specText, StandardCharsets.ISO_8859_1);
            Files.deleteIfExists(dir.resolve("t.s"));
            ExternalTools.Result r = ExternalTools.run(dir, winebuild.toString(), "--dll", "-m64", "-E", "t.spec", "-F",
                    moduleName, "-o", "t.s");
            assertThat(r.exitCode()).as("winebuild failed:%n%s", r.output()).isZero();
            return Files.readString(dir.resolve("t.s"), StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void compare(Path dir, String specText, String moduleName) {
        ModuleSpec spec = SpecParser.parse("t.spec", specText, Optional.of(moduleName));
        String ours = EMITTER.emit(spec, ModuleOptions.dll(Optional.empty()));
        String theirs = winebuildAssembly(dir, specText, spec.fileName());
        assertThat(Exports.of(ours)).as("spec:%n%s", specText).isEqualTo(Exports.of(theirs));
    }

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "@ stdcall hello(ptr)\n",
        "@ stdcall hello(ptr)\n5 cdecl B()\n@ stub _a\n3 extern a\n7 stdcall -noname fwd(long) kernel32.GetTickCount\n"
                + "9 stub @\n",
        "3 stdcall a()\n6 stdcall -noname b() kernel32.B\n8 stub c\n9 extern d other.d\n10 cdecl ??2@YAPAXI@Z(long)\n",
        "1 stdcall f1() kernel32.GetTickCount\n2 stdcall local()\n3 extern f3 msvcrt._iob\n"
                + "5 stdcall -noname @() ntdll.#12\n6 stub s\n7 stdcall f7(ptr) x.y\n",
        "1 stub a\n2 stub ??3@Z\n3 stub @\n4 stub -noname hidden(long)\n5 stub -ordinal o\n6 stub -private p\n",
        "1 stdcall -private -norelay a()\n2 cdecl -ordinal b()\n3 varargs c(str)\n4 extern -private d\n",
        "@ stdcall a()\n100 stdcall b()\n@ stdcall c()\n1 stdcall d()\n3 stdcall e()\n@ stdcall f()\n",
        "@ stdcall z()\n@ stdcall _a()\n@ stdcall B()\n@ stdcall a()\n@ stdcall aa()\n@ stdcall A()\n@ stdcall $x()\n"
                + "@ stdcall ?x()\n@ stdcall 9()\n@ stdcall 10()\n@ stdcall <x>()\n@ stdcall /x()\n@ stdcall :x()\n",
        "65534 stdcall last()\n",
        "0007 stdcall a()\n0000001 stdcall b() impl_b\n",
        "1 stdcall \\\n  foo(long \\\n  ptr) impl # comment\n; another\n\n2 stdcall bar()\n",
    })
    void sameExportTableAsWinebuild(String specText) {
        compare(dir, specText, "t.dll");
    }

    @ParameterizedTest
    @CsvSource({"hello.dll", "empty.dll", "x.drv", "foo", "My-Lib_2.dll"})
    void sameTimestampAndModuleNameForOtherFileNames(String moduleName) {
        compare(dir, "1 stdcall a()\n", moduleName);
    }
}
