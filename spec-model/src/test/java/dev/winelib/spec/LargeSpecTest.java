package dev.winelib.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * A spec of {@link SpecParser#PARALLEL_LINES} lines or more is read in two halves on two threads, its
 * names checked and sorted on threads of their own: the result and the first error are those of
 * reading it on one thread.
 */
class LargeSpecTest {

    private static final int LINES = 2 * SpecParser.PARALLEL_LINES + 17;
    /** The lines of {@link #lines()} that declare an entry (all but the comments and empty lines). */
    private static final int DECLARATIONS = LINES - 2 * (LINES / 9) - Math.max(0, Math.min(2, LINES % 9 - 2));

    /** A large spec of every kind of line: functions, stubs, data, flags, explicit ordinals, comments. */
    private static List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            lines.add(switch (i % 9) {
                case 0 -> "@ stdcall f" + i + "(long ptr)";
                case 1 -> "@ cdecl -norelay c" + i + "(str wstr double) impl" + i;
                case 2 -> "# a comment " + i;
                case 3 -> "";
                case 4 -> "@ stub s" + i;
                case 5 -> "@ extern d" + i + " data" + i;
                case 6 -> (20000 + i / 9) + " stdcall o" + i + "(ptr)";
                case 7 -> "@ varargs v" + i + "(str) other.v" + i;
                default -> "@ stdcall -arch=win64 w" + i + "(int64 long)";
            });
        }
        return lines;
    }

    private static ModuleSpec parse(List<String> lines, boolean inHalves) {
        return SpecParser.parse("t.spec", String.join("\n", lines) + "\n", Optional.empty(), TargetCpu.X86_64,
                inHalves);
    }

    private static SpecException error(List<String> lines, boolean inHalves) {
        Throwable thrown = catchThrowable(() -> parse(lines, inHalves));
        assertThat(thrown).isInstanceOf(SpecException.class);
        return (SpecException) thrown;
    }

    private static void assertSame(ModuleSpec halves, ModuleSpec whole) {
        assertThat(halves.entries()).isEqualTo(whole.entries());
        assertThat(halves.namedEntries()).isEqualTo(whole.namedEntries());
        assertThat(halves.base()).isEqualTo(whole.base());
        assertThat(halves.limit()).isEqualTo(whole.limit());
        assertThat(halves.fileName()).isEqualTo(whole.fileName());
    }

    @Test
    void halvesGiveTheSpecOfOneThread() {
        List<String> lines = lines();
        ModuleSpec halves = parse(lines, true);
        assertSame(halves, parse(lines, false));
        assertThat(halves.entries()).hasSize(DECLARATIONS);
    }

    @Test
    void namesAreSortedByteWise() {
        ModuleSpec spec = parse(lines(), true);
        List<String> names = spec.namedEntries().stream().map(e -> e.exportedName().orElseThrow()).toList();
        assertThat(names).isSortedAccordingTo(ModuleSpec.NAME_ORDER).hasSize(DECLARATIONS);
        // the sort's thread and the caller both see one list
        assertThat(spec.namedEntries()).isSameAs(spec.namedEntries());
    }

    @Test
    void aDeclarationContinuedOverTheMiddleStaysWhole() {
        List<String> lines = lines();
        // one declaration over three lines around the middle: the split moves past them
        int middle = LINES / 2;
        lines.set(middle - 1, "@ stdcall \\");
        lines.set(middle, "  middle \\");
        lines.set(middle + 1, "(long)");
        assertSame(parse(lines, true), parse(lines, false));
        assertThat(parse(lines, true).entries()).filteredOn(e -> e.declaredName().equals(Optional.of("middle")))
                .singleElement().satisfies(e -> assertThat(e.location().line()).isEqualTo(middle));
    }

    @Test
    void theFirstErrorOfTheTextIsReported() {
        List<String> lines = lines();
        lines.set(LINES - 5, "@ stdcall late(bad)");
        SpecException second = error(lines, true);
        assertThat(second.location()).isEqualTo(new SourceLocation("t.spec", LINES - 4, 16));
        assertThat(second.getMessage()).isEqualTo(error(lines, false).getMessage());

        lines.set(7, "@ pascal early()");
        SpecException first = error(lines, true);
        assertThat(first.location().line()).isEqualTo(8);
        assertThat(first.getMessage()).isEqualTo(error(lines, false).getMessage());
    }

    @Test
    void aDuplicateNameAcrossTheHalvesComesBeforeAnOrdinalError() {
        List<String> lines = lines();
        lines.set(LINES - 3, "@ stdcall f0(long)");
        lines.set(LINES - 2, "20000 stdcall again(long)");
        SpecException e = error(lines, true);
        assertThat(e.getMessage()).isEqualTo("t.spec:" + (LINES - 2) + ":1: 'f0' is already defined at t.spec:1:1");
        assertThat(e.getMessage()).isEqualTo(error(lines, false).getMessage());

        lines.set(LINES - 3, "");
        SpecException ordinal = error(lines, true);
        assertThat(ordinal.problem()).startsWith("ordinal 20000 is already used at t.spec:7:1");
    }
}
