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
 * The spec parser for i386 ({@code winebuild -m32}) against Wine's winebuild: the errors that only a 32-bit
 * build reports (entries that {@code -arch} leaves out of a 64-bit module are checked for ordinals and
 * duplicates only when they are kept), on the same line, and the same export tables for the specs both
 * accept, i386-only entries and conventions included.
 */
class SpecParserI386AgreementTest {

    @TempDir
    Path dir;

    /** A spec that x86_64 accepts and i386 rejects on {@code line}. */
    record I386Error(String text, int line, String message) {
        @Override
        public String toString() {
            return message;
        }
    }

    static List<I386Error> i386OnlyErrors() {
        return List.of(
                new I386Error("1 stdcall a()\n0 stdcall -arch=i386 b()\n", 2, "ordinal 0 is not valid"),
                new I386Error("1 stdcall a()\n65535 stdcall -i386 b()\n", 2, "ordinal 65535 is too large"),
                new I386Error("1 stdcall a()\n@ stdcall -arch=win32 -noname b()\n", 2,
                        "an entry marked -noname needs an explicit ordinal"),
                new I386Error("@ stdcall -i386 @() impl\n", 1, "an anonymous entry ('@' as name) needs an explicit"),
                new I386Error("1 stdcall a()\n1 stdcall -arch=win32 b()\n", 2, "ordinal 1 is already used"),
                new I386Error("@ stdcall a()\n@ cdecl -arch=i386 a()\n", 2, "'a' is already defined"),
                new I386Error("1 stdcall -arch=!x86_64 a()\n2 stdcall -arch=!x86_64,!arm64 a()\n", 2,
                        "'a' is already defined"),
                new I386Error("@ stdcall -arch=!amd64 -ordinal x()\n", 1,
                        "an entry marked -ordinal needs an explicit ordinal"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("i386OnlyErrors")
    void onlyTheI386BuildRefusesAndOnTheSameLineAsWinebuild(I386Error c) {
        Winebuild.Outcome m64 = Winebuild.run(dir, "t.spec", c.text(), Optional.of("t.dll"), TargetCpu.X86_64);
        assertThat(m64.exitCode()).as("winebuild -m64 output:%n%s", m64.output()).isZero();
        SpecParser.parse("t.spec", c.text(), Optional.of("t.dll"), TargetCpu.X86_64);

        Winebuild.Outcome m32 = Winebuild.run(dir, "t.spec", c.text(), Optional.of("t.dll"), TargetCpu.I386);
        assertThat(m32.exitCode()).as("winebuild -m32 output:%n%s", m32.output()).isNotZero();
        assertThat(m32.errorLines("t.spec")).as("winebuild -m32 output:%n%s", m32.output()).first()
                .isEqualTo(c.line());
        SpecException e = catchThrowableOfType(SpecException.class,
                () -> SpecParser.parse("t.spec", c.text(), Optional.of("t.dll"), TargetCpu.I386));
        assertThat(e).as("SpecParser for i386 accepted it").isNotNull();
        assertThat(e.location().line()).isEqualTo(c.line());
        assertThat(e.problem()).contains(c.message());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.winelib.spec.SpecParserWinebuildAgreementTest#sharedErrors")
    void errorsOfEveryBuildAreRefusedOnTheSameLineForI386(SpecErrorCase c) {
        Winebuild.Outcome r = Winebuild.run(dir, "t.spec", c.text(), Optional.of("t.dll"), TargetCpu.I386);
        SpecException e = catchThrowableOfType(SpecException.class,
                () -> SpecParser.parse("t.spec", c.text(), Optional.of("t.dll"), TargetCpu.I386));
        if (r.exitCode() == 0) {
            // the error is in an entry that only x86_64 keeps
            assertThat(e).as("winebuild -m32 accepts it; SpecParser for i386 must too").isNull();
            return;
        }
        assertThat(e).as("winebuild -m32 refuses it:%n%s", r.output()).isNotNull();
        // winebuild -m32 reports the case's line (entries x86_64 leaves out may add earlier errors)
        assertThat(r.errorLines("t.spec")).as("winebuild -m32 output:%n%s", r.output())
                .contains(c.winebuildLine());
    }

    /** The specs x86_64 accepts: i386 builds the same export table as winebuild -m32, or both refuse on one line. */
    @ParameterizedTest
    @MethodSource("dev.winelib.spec.SpecParserWinebuildAgreementTest#acceptedSpecs")
    void winebuildM32BuildsTheSameExportTable(String text) {
        Winebuild.Outcome r = Winebuild.run(dir, "t.spec", text, Optional.of("t.dll"), TargetCpu.I386);
        if (r.exitCode() != 0) {
            SpecException e = catchThrowableOfType(SpecException.class,
                    () -> SpecParser.parse("t.spec", text, Optional.empty(), TargetCpu.I386));
            assertThat(e).as("winebuild -m32 refuses it:%n%s", r.output()).isNotNull();
            assertThat(e.location().line()).as("winebuild -m32 output:%n%s", r.output())
                    .isEqualTo(r.errorLines("t.spec").get(0));
            return;
        }
        ModuleSpec spec = SpecParser.parse("t.spec", text, Optional.empty(), TargetCpu.I386);
        Winebuild.assertSameExports(spec, r.exports().orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.winelib.spec.ArchCase#all")
    void winebuildM32KeepsTheSameEntries(ArchCase c) {
        String text = "1 stdcall " + c.flags() + " a(ptr)\n2 stdcall b()\n";
        ModuleSpec spec = SpecParser.parse("t.spec", text, Optional.of("t.dll"), TargetCpu.I386);
        Winebuild.Outcome r = Winebuild.run(dir, "t.spec", text, Optional.of("t.dll"), TargetCpu.I386);
        assertThat(r.exitCode()).as("winebuild -m32 output:%n%s", r.output()).isZero();
        Winebuild.assertSameExports(spec, r.exports().orElseThrow());
    }

    @Test
    void thiscallAndFastcallAreKeptOnlyForI386() {
        String text = "1 thiscall a(ptr)\n2 stdcall -fastcall b(long long)\n";
        ModuleSpec i386 = SpecParser.parse("t.spec", text, Optional.empty(), TargetCpu.I386);
        ModuleSpec x64 = SpecParser.parse("t.spec", text, Optional.empty(), TargetCpu.X86_64);
        assertThat(i386.entries()).extracting(e -> e.linkSymbol(TargetCpu.I386))
                .containsExactly("__thiscall_a", "__fastcall_b");
        assertThat(x64.entries()).extracting(e -> e.linkSymbol(TargetCpu.X86_64)).containsExactly("a", "b");
        assertThat(i386.entries()).extracting(e -> e.argumentBytes(TargetCpu.I386)).containsExactly(4, 8);
        assertThat(i386.cpu()).isEqualTo(TargetCpu.I386);
    }
}
