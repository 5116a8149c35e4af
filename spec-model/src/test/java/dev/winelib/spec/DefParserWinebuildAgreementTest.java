package dev.winelib.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * winebuild reads the .def files DefParser accepts into the same export table, and refuses the shared errors on
 * the same line. Compared without forwards and without {@code @N} decorations, which winebuild turns into broken
 * symbol references on x86_64, and with LIBRARY names that have an extension (winebuild adds none to them).
 */
class DefParserWinebuildAgreementTest {

    @TempDir
    Path dir;

    private Winebuild.Outcome winebuild(String text) {
        return Winebuild.run(dir, "t.def", text, Optional.empty());
    }

    static List<DefErrorCase> sharedErrors() {
        return DefErrorCase.all().stream().filter(DefErrorCase::winebuildRejects).toList();
    }

    static List<DefErrorCase> stricterErrors() {
        return DefErrorCase.all().stream().filter(c -> !c.winebuildRejects()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sharedErrors")
    void winebuildRefusesOnTheSameLine(DefErrorCase c) {
        Winebuild.Outcome r = winebuild(c.text());
        assertThat(r.exitCode()).as("winebuild output:%n%s", r.output()).isNotZero();
        assertThat(r.errorLines("t.def")).as("winebuild output:%n%s", r.output()).isNotEmpty();
        assertThat(r.errorLines("t.def").get(0)).as("winebuild output:%n%s", r.output()).isEqualTo(c.line());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stricterErrors")
    void winebuildAcceptsWhatDefParserDeliberatelyRefuses(DefErrorCase c) {
        Winebuild.Outcome r = winebuild(c.text());
        assertThat(r.exitCode()).as("winebuild output:%n%s", r.output()).isZero();
    }

    static List<String> acceptedDefs() {
        return List.of(
                "",
                "; nothing but a comment\n",
                "LIBRARY hello.dll\nEXPORTS\n  hello_add\n  Add=hello_add @5\n  Hidden=impl @6 NONAME\n"
                        + "  counter DATA\n  Internal PRIVATE\n",
                "EXPORTS\n a\n b @5\n c\n d @3 NONAME\n e\n",
                "NAME bar.exe BASE=0x400000\nEXPORTS a @2 PRIVATE NONAME DATA\n b = c @1\n",
                "LIBRARY BASE=0x10000000\nSTACKSIZE 0x100000,4096\nHEAPSIZE 1024\nEXPORTS\n x\n",
                "LIBRARY my.drv BASE = 0x10000000\nEXPORTS a\n",
                "DESCRIPTION \"My library, version 2\"\nVERSION 1.0\nnot_an_export @1\nEXPORTS\n  a\nIMPORTS\n"
                        + "  kernel32.Sleep\nEXPORTS\n  b\nSECTIONS\n  .text READ EXECUTE\nEXPORTS c\n",
                "EXPORTS\n a\nIMPORTS x y z\n b\nSECTIONS .bss READ\n c\n",
                "EXPORTS a @3\n  b\n",
                "; c\nLIBRARY hello.dll ; the name\nEXPORTS ; starts here\n\n  ; indented\n  a;x\n  b @2 ; c\n",
                "LIBRARY w.dll\r\nEXPORTS\r\n a @2\r\n\r\n b=c\r\n",
                "EXPORTS\n library\n Exports\n",
                "exports\n a\n",
                "EXPORTS\n a\nLIBRARY b.dll\n c\n",
                "EXPORTS\n zz @65534\n a @00001 DATA\n ?? \n _x\n Z\n");
    }

    @ParameterizedTest
    @MethodSource("acceptedDefs")
    void winebuildBuildsTheSameExportTable(String text) {
        ModuleSpec spec = DefParser.parse("t.def", text, Optional.empty());
        Winebuild.Outcome r = winebuild(text);
        assertThat(r.exitCode()).as("winebuild output:%n%s", r.output()).isZero();
        Winebuild.assertSameExports(spec, r.exports().orElseThrow());
    }

    @Test
    void deliberateDifferences() {
        // LIBRARY without extension: winebuild takes the name as it is
        assertThat(winebuild("LIBRARY foo\nEXPORTS a\n").exports().orElseThrow().dllName()).isEqualTo("foo");
        assertThat(DefParser.parse("t.def", "LIBRARY foo\nEXPORTS a\n", Optional.empty()).fileName())
                .isEqualTo("foo.dll");
        // CONSTANT is an old synonym of DATA that winebuild does not know
        Winebuild.Outcome constant = winebuild("EXPORTS\n a CONSTANT\n");
        assertThat(constant.errorLines("t.def")).containsExactly(2);
        assertThat(DefParser.parse("t.def", "EXPORTS\n a CONSTANT\n", Optional.empty()).entries().get(0).type())
                .isEqualTo(EntryType.EXTERN);
        // winebuild's LIBRARY wins over -F; the given name wins in DefParser
        Winebuild.Outcome named = Winebuild.run(dir, "t.def", "LIBRARY lib.dll\nEXPORTS a\n", Optional.of("f.dll"));
        assertThat(named.exports().orElseThrow().dllName()).isEqualTo("lib.dll");
        assertThat(DefParser.parse("t.def", "LIBRARY lib.dll\nEXPORTS a\n", Optional.of("f.dll")).fileName())
                .isEqualTo("f.dll");
    }

    @Test
    void forwardsAreSymbolsForWinebuildOnX8664() {
        String text = "EXPORTS\n Sleep2=kernel32.Sleep @1\n";
        Winebuild.Outcome r = winebuild(text);
        assertThat(r.exitCode()).isZero();
        // winebuild would need the link to resolve a symbol called "kernel32.Sleep": it is no forward for it
        assertThat(r.exports().orElseThrow().relayed()).containsExactly(1);
        ExportEntry e = DefParser.parse("t.def", text, Optional.empty()).entries().get(0);
        assertThat(e.forward()).isTrue();
        assertThat(e.isRelayed()).isFalse();
    }
}
