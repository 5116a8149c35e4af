package dev.winelib.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wine's winebuild accepts exactly what SpecParser accepts (apart from the documented stricter checks), refuses on
 * the same line, and builds the same export table: ordinal base and limit, sorted names with their ordinals, and
 * the entries that get a relay thunk.
 */
class SpecParserWinebuildAgreementTest {

    @TempDir
    Path dir;

    private Winebuild.Outcome winebuild(String text) {
        return Winebuild.run(dir, "t.spec", text, Optional.of("t.dll"));
    }

    static List<SpecErrorCase> sharedErrors() {
        return SpecErrorCase.all().stream().filter(SpecErrorCase::winebuildRejects).toList();
    }

    static List<SpecErrorCase> stricterErrors() {
        return SpecErrorCase.all().stream().filter(c -> !c.winebuildRejects()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sharedErrors")
    void winebuildRefusesOnTheSameLine(SpecErrorCase c) {
        Winebuild.Outcome r = winebuild(c.text());
        assertThat(r.exitCode()).as("winebuild exit code; output:%n%s", r.output()).isNotZero();
        assertThat(r.errorLines("t.spec")).as("winebuild output:%n%s", r.output()).isNotEmpty();
        assertThat(r.errorLines("t.spec").get(0)).as("winebuild output:%n%s", r.output())
                .isEqualTo(c.winebuildLine());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stricterErrors")
    void winebuildAcceptsWhatSpecParserDeliberatelyRefuses(SpecErrorCase c) {
        Winebuild.Outcome r = winebuild(c.text());
        assertThat(r.exitCode()).as("winebuild output:%n%s", r.output()).isZero();
    }

    static List<String> acceptedSpecs() {
        return List.of(
                "",
                "# only comments\n; here\n",
                "@ stdcall hello(ptr)\n5 cdecl B()\n@ stub _a\n3 extern a\n7 stdcall -noname fwd(long)"
                        + " kernel32.GetTickCount\n9 stub @\n",
                "1 stdcall foo(long ptr str wstr int64 int128 float double) impl\n2 varargs bar(str) impl2",
                "1 stdcall -private -norelay a()\n2 cdecl -noname -ordinal b()\n3 extern -private c\n"
                        + "4 stub -noname d(long)\n5 stub -ordinal -noname e\n6 stdcall -ordinal f()",
                "1 stdcall \\\n    foo(long \\\n        ptr) \\\n    impl\n",
                "0007 stdcall a()\n0000001 stdcall b()\n65534 stdcall c()",
                "12 stdcall @(ptr) impl_12\n13 extern @ var\n14 stub @\n15 stdcall -noname @() ntdll.#12",
                "1 stdcall foo() impl#x!{}\n2 stdcall /$:-_@?<>azAZ09()",
                "@ stdcall a()\n100 stdcall b()\n@ stdcall c()\n",
                "1 stdcall f(" + "ptr ".repeat(31) + ")\n2 stub g(" + "double ".repeat(31) + ")",
                // thiscall as a type and as a flag
                "1 thiscall a(ptr)\n2 thiscall -noname b(ptr long)\n@ stdcall -thiscall c(ptr str) impl_c\n"
                        + "4 stub -thiscall d\n5 extern -thiscall e\n6 thiscall f(ptr) msvcrt.f\n"
                        + "7 thiscall -norelay g(ptr)\n8 thiscall -thiscall @(ptr) h_impl",
                // fastcall: relay thunks only for integer register arguments
                "1 stdcall -fastcall a(ptr long)\n2 stdcall -fastcall b(double)\n3 stdcall -fastcall c()\n"
                        + "4 stdcall -fastcall d(long str)\n5 stdcall -fastcall e(ptr ptr double)\n"
                        + "6 stub -fastcall f\n7 extern -fastcall g\n8 stdcall -fastcall h(int64)\n"
                        + "9 stdcall -fastcall -thiscall i(ptr float)",
                // every other flag
                "1 stdcall -ret64 a(int64)\n2 cdecl -syscall b()\n3 stdcall -syscall c(ptr)\n"
                        + "4 stdcall -import d(long)\n"
                        + "5 extern -import e\n6 stub -syscall -import f\n"
                        + "7 cdecl -norelay -noname -ret64 -private -ordinal -syscall -import g()\n"
                        + "8 varargs -ret64 -private h(str)\n9 stdcall -import -noname -ordinal -private i()\n",
                // relay thunks
                "1 stdcall a()\n2 cdecl b(long)\n3 varargs c(str)\n4 stub d\n5 stub e()\n6 stub f(ptr)\n"
                        + "7 stub -norelay g(ptr)\n8 extern h\n9 stdcall i() k32.i\n10 stdcall -norelay j()\n"
                        + "11 extern k m.k",
                "1 extern a\n2 stub b\n3 stdcall c() kernel32.c\n",
                // architectures
                "1 stdcall -i386 a()\n2 stdcall b()",
                "1 stdcall -arch=win32 a()\n1 stdcall -arch=win64 a()\n2 stdcall -arch=win32 a()\n"
                        + "2 cdecl -arch=i386,arm64 b()\n2 cdecl -arch=!i386 c()",
                "0 stdcall -arch=i386 a()\n65535 stdcall -arch=arm b()\n@ stdcall -arch=arm64 -noname c()\n"
                        + "@ stdcall -arch=win32 @() impl\n@ stub -i386 @\n@ stub -arch=aarch64 -ordinal d\n"
                        + "5 stdcall e()",
                "1 stdcall -arch=i386 a()\n2 stdcall -arch=arm64 b()\n",
                "2 stdcall -arch=i386 a()\n@ stdcall b()\n9 stdcall c()\n@ stdcall -arch=win32 d()\n@ stdcall e()\n"
                        + "90 stdcall -arch=arm64 f()\n10 stdcall -arch=x86_64 g()\n",
                "1 stdcall -noname -arch=win64 -private a()\n2 cdecl -arch=x86_64 -norelay -arch=arm64 b()\n"
                        + "3 extern -private -arch=win32 c\n4 stub -arch=!i386 -ordinal d\n5 thiscall -i386 e(ptr)",
                "1 stdcall -arch=!x86_64 -arch=!i386 a()\n2 stdcall -arch=!arm -arch=!i386 b()\n"
                        + "3 stdcall -arch=!x86_64 -arch=x86_64 c()\n4 stdcall -arch=!amd64,i386 d()\n");
    }

    @ParameterizedTest
    @MethodSource("acceptedSpecs")
    void winebuildBuildsTheSameExportTable(String text) {
        ModuleSpec spec = SpecParser.parse("t.spec", text, Optional.empty());
        Winebuild.Outcome r = winebuild(text);
        assertThat(r.exitCode()).as("winebuild output:%n%s", r.output()).isZero();
        Winebuild.assertSameExports(spec, r.exports().orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.winelib.spec.ArchCase#all")
    void winebuildKeepsTheSameEntriesForX8664(ArchCase c) {
        String text = "1 stdcall " + c.flags() + " a(ptr)\n2 stdcall b()\n";
        ModuleSpec spec = SpecParser.parse("t.spec", text, Optional.empty());
        Winebuild.Outcome r = winebuild(text);
        assertThat(r.exitCode()).as("winebuild output:%n%s", r.output()).isZero();
        Winebuild.Exports exports = r.exports().orElseThrow();
        assertThat(exports.names()).containsExactlyElementsOf(c.kept() ? List.of("a", "b") : List.of("b"));
        Winebuild.assertSameExports(spec, exports);
    }

    @Test
    void moduleFileNameFromTheSpecFileName() {
        Winebuild.Outcome r = Winebuild.run(dir, "my-lib.spec", "1 stdcall a()", Optional.empty());
        assertThat(r.exports().orElseThrow().dllName()).isEqualTo("my-lib.dll");
        assertThat(SpecParser.parse("my-lib.spec", "1 stdcall a()", Optional.empty()).fileName())
                .isEqualTo("my-lib.dll");
        r = Winebuild.run(dir, "t.spec", "1 stdcall a()", Optional.of("other.drv"));
        assertThat(r.exports().orElseThrow().dllName()).isEqualTo("other.drv");
        r = Winebuild.run(dir, "t.spec", "1 stdcall a()", Optional.of("noext"));
        assertThat(r.exports().orElseThrow().dllName()).isEqualTo("noext.dll");
        assertThat(SpecParser.parse("t.spec", "", Optional.of("noext")).fileName()).isEqualTo("noext.dll");
    }

    @Test
    void duplicateNamesAreReportedOnTheLaterLineByBoth() {
        String text = "5 stdcall b()\n1 stdcall a()\n# gap\n7 cdecl a()\n";
        SpecException e = catchThrowableOfType(SpecException.class,
                () -> SpecParser.parse("t.spec", text, Optional.empty()));
        Winebuild.Outcome r = winebuild(text);
        assertThat(e.location().line()).isEqualTo(4);
        assertThat(r.errorLines("t.spec")).containsExactly(4);
        assertThat(r.output()).contains("t.spec:2: First defined here");
        assertThat(e.problem()).isEqualTo("'a' is already defined at t.spec:2:1");
    }
}
