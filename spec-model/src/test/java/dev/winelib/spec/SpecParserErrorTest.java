package dev.winelib.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every refused spec gives a SpecException at the exact file:line:column, with a precise message. */
class SpecParserErrorTest {

    static List<SpecErrorCase> cases() {
        return SpecErrorCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactLocationAndProblem(SpecErrorCase c) {
        Throwable thrown = catchThrowable(() -> SpecParser.parse("t.spec", c.text(), Optional.empty()));
        assertThat(thrown).as("parsing %s", c.text()).isInstanceOf(SpecException.class);
        SpecException e = (SpecException) thrown;
        assertThat(e.location()).isEqualTo(new SourceLocation("t.spec", c.line(), c.column()));
        assertThat(e.getMessage()).startsWith("t.spec:" + c.line() + ":" + c.column() + ": ");
        assertThat(e.problem()).startsWith(c.problem());
        assertThat(e.getMessage()).isEqualTo(e.location() + ": " + e.problem());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sourceNameIsUsedAsGiven(SpecErrorCase c) {
        Throwable thrown = catchThrowable(() -> SpecParser.parse("dir/my lib.spec", c.text(), Optional.of("x.dll")));
        assertThat(thrown).isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.getMessage())
                .startsWith("dir/my lib.spec:" + c.line() + ":" + c.column() + ": ")
                .contains(c.problem().replace("t.spec:", "dir/my lib.spec:")));
    }

    @Test
    void duplicateNameMessageNamesBothPlaces() {
        SpecException e = Specs.error("\n\n1 stdcall foo()\n# c\n   5 stub foo\n");
        assertThat(e.getMessage()).isEqualTo("t.spec:5:4: 'foo' is already defined at t.spec:3:1");
    }

    @Test
    void firstErrorWins() {
        SpecException e = Specs.error("1 stdcall a(bad)\n2 pascal b()\n");
        assertThat(e.location().line()).isEqualTo(1);
    }

    @Test
    void syntaxErrorsComeBeforeDuplicateChecks() {
        SpecException e = Specs.error("1 stdcall a()\n1 stdcall a()\n3 bogus c()\n");
        assertThat(e.location()).isEqualTo(new SourceLocation("t.spec", 3, 3));
    }

    @Test
    void duplicateNamesAreReportedBeforeDuplicateOrdinals() {
        SpecException e = Specs.error("1 stdcall a()\n1 stdcall b()\n2 stdcall a()\n");
        assertThat(e.getMessage()).isEqualTo("t.spec:3:1: 'a' is already defined at t.spec:1:1");
    }

    @Test
    void thirtyTwoArgumentsOnAStubToo() {
        SpecException e = Specs.error("1 stub foo(" + "ptr ".repeat(32) + ")");
        assertThat(e.location().column()).isEqualTo(12 + 31 * 4);
        assertThat(e.problem()).isEqualTo("too many arguments (at most 31)");
    }

    @Test
    void unknownFlagMessageListsEveryFlagAndArch() {
        SpecException e = Specs.error("1 stdcall -foo bar()");
        assertThat(e.getMessage()).isEqualTo("t.spec:1:11: unknown flag '-foo' (known flags: -norelay, -noname,"
                + " -ret64, -private, -ordinal, -thiscall, -fastcall, -syscall, -import, -arch=CPU[,CPU])");
    }

    @Test
    void sixteenBitMessagesAreComplete() {
        assertThat(Specs.error("1 equate foo 1").getMessage()).isEqualTo("t.spec:1:3: 'equate' entries belong to"
                + " 16-bit modules, which are not supported: only 32- and 64-bit modules can be built");
        assertThat(Specs.error("1 stdcall -register foo()").getMessage()).isEqualTo("t.spec:1:11: flag '-register'"
                + " belongs to 16-bit modules, which are not supported: only 32- and 64-bit modules can be built");
        assertThat(Specs.error("1 stdcall foo(s_word)").getMessage()).isEqualTo("t.spec:1:15: argument type 's_word'"
                + " belongs to 16-bit modules, which are not supported");
    }

    @Test
    void unknownArchitectureMessageIsComplete() {
        assertThat(Specs.error("1 stdcall -arch=win32,!ppc foo()").getMessage()).isEqualTo("t.spec:1:11: unknown"
                + " architecture '!ppc' in -arch=win32,!ppc (known: i386, x86_64, amd64, arm, arm64, aarch64, win32,"
                + " win64; '!' excludes one)");
    }

    @Test
    void apisetMessageIsComplete() {
        assertThat(Specs.error("apiset api-ms-win-foo-l1-1-0 = a.dll").getMessage()).isEqualTo("t.spec:1:1: apiset"
                + " definitions are not supported: they only make data-only modules (apiset schema), which this tool"
                + " does not build");
    }

    @Test
    void droppedEntriesAreLeftOutBeforeDuplicateChecks() {
        // the i386 entry would collide by name and by ordinal: it is not there on x86_64
        SpecException e = Specs.error("1 stdcall -arch=i386 a()\n1 stdcall a()\n2 stdcall -arch=arm a()\n"
                + "3 stdcall b()\n3 cdecl -arch=x86_64 c()\n");
        assertThat(e.getMessage()).isEqualTo("t.spec:5:1: ordinal 3 is already used at t.spec:4:1");
    }

    @Test
    void thiscallAndFastcallChecksPointAtTheTypeEvenAfterFlags() {
        SpecException e = Specs.error("\n  7\tcdecl -noname -thiscall -private foo(ptr)");
        assertThat(e.location()).isEqualTo(new SourceLocation("t.spec", 2, 5));
        assertThat(e.problem()).isEqualTo("a thiscall function must use the stdcall convention");
        e = Specs.error("7 stub   -fastcall foo(ptr)");
        assertThat(e.location()).isEqualTo(new SourceLocation("t.spec", 1, 3));
        assertThat(e.problem()).isEqualTo("a fastcall function must use the stdcall convention");
    }
}
