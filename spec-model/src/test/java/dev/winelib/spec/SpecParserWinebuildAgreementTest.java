package dev.winelib.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Wine's winebuild accepts what SpecParser accepts, and refuses the common errors on the same line. */
class SpecParserWinebuildAgreementTest {

    @TempDir
    Path dir;

    private ExternalTools.Result winebuild(String text) throws IOException {
        Path winebuild = ExternalTools.winebuild();
        Files.writeString(dir.resolve("t.spec"), text + "\n", StandardCharsets.UTF_8);
        return ExternalTools.run(dir, winebuild.toString(), "--dll", "-m64", "-E", "t.spec", "-F", "t.dll", "-o",
                "t.s");
    }

    static List<SpecErrorCase> sharedErrors() {
        return SpecErrorCase.all().stream().filter(SpecErrorCase::winebuildRejects).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sharedErrors")
    void winebuildRefusesOnTheSameLine(SpecErrorCase c) throws IOException {
        ExternalTools.Result r = winebuild(c.text());
        assertThat(r.exitCode()).as("winebuild exit code; output:%n%s", r.output()).isNotZero();
        String firstError = r.output().lines().filter(l -> l.startsWith("t.spec:")).findFirst().orElseThrow();
        assertThat(firstError).startsWith("t.spec:" + c.winebuildLine() + ":");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "# only comments\n; here\n",
        "@ stdcall hello(ptr)\n5 cdecl B()\n@ stub _a\n3 extern a\n7 stdcall -noname fwd(long) kernel32.GetTickCount\n"
                + "9 stub @\n",
        "1 stdcall foo(long ptr str wstr int64 int128 float double) impl\n2 varargs bar(str) impl2",
        "1 stdcall -private -norelay a()\n2 cdecl -noname -ordinal b()\n3 extern -private c\n4 stub -noname d(long)",
        "1 stdcall \\\n    foo(long \\\n        ptr) \\\n    impl\n",
        "0007 stdcall a()\n0000001 stdcall b()\n65534 stdcall c()",
        "12 stdcall @(ptr) impl_12\n13 extern @ var\n14 stub @\n15 stdcall -noname @() ntdll.#12",
        "1 stdcall foo() impl#x!{}\n2 stdcall /$:-_@?<>azAZ09()",
        "@ stdcall a()\n100 stdcall b()\n@ stdcall c()\n",
    })
    void winebuildAcceptsWhatSpecParserAccepts(String text) throws IOException {
        ModuleSpec spec = SpecParser.parse("t.spec", text, Optional.empty());
        ExternalTools.Result r = winebuild(text);
        assertThat(r.exitCode()).as("winebuild output:%n%s", r.output()).isZero();
        assertThat(spec.fileName()).isEqualTo("t.dll");
    }
}
