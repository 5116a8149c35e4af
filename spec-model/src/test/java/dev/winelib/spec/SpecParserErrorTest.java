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
    void thirtyThreeArgumentsOnAStubToo() {
        SpecException e = Specs.error("1 stub foo(" + "ptr ".repeat(33) + ")");
        assertThat(e.location().column()).isEqualTo(12 + 32 * 4);
        assertThat(e.problem()).isEqualTo("too many arguments (at most 32)");
    }
}
