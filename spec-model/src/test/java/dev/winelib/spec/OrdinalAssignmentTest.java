package dev.winelib.spec;

import static dev.winelib.spec.Specs.named;
import static dev.winelib.spec.Specs.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ordinals, base, limit and the export name order, as winebuild's assign_ordinals() and sort_names() make them. */
class OrdinalAssignmentTest {

    private static Map<String, Integer> ordinalsByName(ModuleSpec spec) {
        return spec.entries().stream().filter(e -> e.declaredName().isPresent())
                .collect(Collectors.toMap(e -> e.declaredName().orElseThrow(),
                ExportEntry::ordinal));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n\n", "# only a comment\n; and another\n", "  \t\n\\\n"})
    void emptySpecHasBaseOneLimitOneAndOneEmptySlot(String text) {
        ModuleSpec spec = parse(text);
        assertThat(spec.entries()).isEmpty();
        assertThat(spec.namedEntries()).isEmpty();
        assertThat(spec.base()).isEqualTo(1);
        assertThat(spec.limit()).isEqualTo(1);
        assertThat(spec.exportSlotCount()).isEqualTo(1);
        assertThat(spec.atOrdinal(1)).isEmpty();
        assertThat(spec.fileName()).isEqualTo("t.dll");
    }

    @Test
    void onlyAtOrdinalsCountFromOne() {
        ModuleSpec spec = parse("@ stdcall a()\n@ cdecl b()\n@ stub c\n@ extern d\n");
        assertThat(ordinalsByName(spec)).isEqualTo(Map.of("a", 1, "b", 2, "c", 3, "d", 4));
        assertThat(spec.base()).isEqualTo(1);
        assertThat(spec.limit()).isEqualTo(4);
        assertThat(spec.exportSlotCount()).isEqualTo(4);
    }

    @Test
    void baseIsTheLowestExplicitOrdinalAndHolesStayEmpty() {
        ModuleSpec spec = parse("7 stdcall b()\n3 stdcall a()\n");
        assertThat(spec.base()).isEqualTo(3);
        assertThat(spec.limit()).isEqualTo(7);
        assertThat(spec.exportSlotCount()).isEqualTo(5);
        assertThat(spec.atOrdinal(3)).contains(named(spec, "a"));
        assertThat(spec.atOrdinal(7)).contains(named(spec, "b"));
        for (int hole : new int[] {4, 5, 6}) {
            assertThat(spec.atOrdinal(hole)).as("ordinal %d", hole).isEmpty();
        }
        assertThat(spec.atOrdinal(2)).isEmpty();
        assertThat(spec.atOrdinal(8)).isEmpty();
        assertThat(spec.atOrdinal(0)).isEmpty();
        assertThat(spec.atOrdinal(-1)).isEmpty();
        assertThat(spec.atOrdinal(Integer.MAX_VALUE)).isEmpty();
        assertThat(spec.atOrdinal(Integer.MIN_VALUE)).isEmpty();
    }

    @Test
    void atOrdinalsTakeTheLowestFreeOrdinalFromTheBaseInDeclarationOrder() {
        // Observed with winebuild 8.0: the '@' entries fill 3's holes from the base upward.
        ModuleSpec spec = parse("""
                @ stdcall hello(ptr)
                5 cdecl B()
                @ stub _a
                3 extern a
                7 stdcall -noname fwd(long) kernel32.GetTickCount
                9 stub @
                """);
        assertThat(spec.base()).isEqualTo(3);
        assertThat(spec.limit()).isEqualTo(9);
        assertThat(ordinalsByName(spec)).isEqualTo(Map.of("hello", 4, "B", 5, "_a", 6, "a", 3, "fwd", 7));
        assertThat(spec.atOrdinal(8)).isEmpty();
        assertThat(spec.atOrdinal(9)).hasValueSatisfying(e -> assertThat(e.declaredName()).isEmpty());
        assertThat(spec.entries()).extracting(ExportEntry::explicitOrdinal)
                .containsExactly(false, true, false, true, true, true);
    }

    @Test
    void atOrdinalsFillHolesThenGrowTheLimit() {
        ModuleSpec spec = parse("1 stdcall a()\n3 stdcall b()\n@ stdcall c()\n@ stdcall d()\n@ stdcall e()\n");
        assertThat(ordinalsByName(spec)).isEqualTo(Map.of("a", 1, "b", 3, "c", 2, "d", 4, "e", 5));
        assertThat(spec.limit()).isEqualTo(5);
    }

    @Test
    void atOrdinalsNeverGoBelowTheBase() {
        ModuleSpec spec = parse("@ stdcall a()\n100 stdcall b()\n@ stdcall c()\n");
        assertThat(spec.base()).isEqualTo(100);
        assertThat(ordinalsByName(spec)).isEqualTo(Map.of("a", 101, "b", 100, "c", 102));
        assertThat(spec.limit()).isEqualTo(102);
        assertThat(spec.exportSlotCount()).isEqualTo(3);
    }

    @Test
    void explicitOrdinalsAfterAtEntriesAreStillReservedFirst() {
        ModuleSpec spec = parse("@ stdcall a()\n@ stdcall b()\n1 stdcall c()\n2 stdcall d()\n");
        assertThat(ordinalsByName(spec)).isEqualTo(Map.of("a", 3, "b", 4, "c", 1, "d", 2));
    }

    @Test
    void entriesForOtherArchitecturesTakeNoOrdinalAndSetNeitherBaseNorLimit() {
        ModuleSpec spec = parse("""
                2 stdcall -arch=i386 a()
                @ stdcall b()
                9 stdcall c()
                @ stdcall -arch=win32 d()
                @ stdcall e()
                90 stdcall -arch=arm64 f()
                10 stdcall -arch=x86_64 g()
                """);
        assertThat(ordinalsByName(spec)).isEqualTo(Map.of("b", 11, "c", 9, "e", 12, "g", 10));
        assertThat(spec.base()).isEqualTo(9);
        assertThat(spec.limit()).isEqualTo(12);
        assertThat(spec.exportSlotCount()).isEqualTo(4);
        assertThat(spec.namedEntries()).extracting(e -> e.exportedName().orElseThrow())
                .containsExactly("b", "c", "e", "g");
    }

    @Test
    void highestOrdinal() {
        ModuleSpec spec = parse("65534 stdcall last()\n");
        assertThat(spec.base()).isEqualTo(65534);
        assertThat(spec.limit()).isEqualTo(65534);
        assertThat(spec.exportSlotCount()).isEqualTo(1);
        assertThat(spec.atOrdinal(65534)).contains(spec.entries().get(0));
    }

    @Test
    void wholeOrdinalRange() {
        ModuleSpec spec = parse("1 stdcall first()\n65534 stdcall last()\n@ stdcall next()\n");
        assertThat(spec.exportSlotCount()).isEqualTo(65534);
        assertThat(named(spec, "next").ordinal()).isEqualTo(2);
        assertThat(spec.atOrdinal(3)).isEmpty();
    }

    @Test
    void atOrdinalAboveTheHighestIsAnError() {
        SpecException e = Specs.error("65533 stdcall a()\n@ stdcall b()\n@ stdcall c()\n");
        assertThat(e.location()).isEqualTo(new SourceLocation("t.spec", 3, 1));
        assertThat(e.problem()).isEqualTo("too many entry points: no ordinal below 65535 is left for this one");
    }

    @Test
    void manyAtOrdinals() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            text.append("@ stdcall f").append(i).append("()\n");
        }
        ModuleSpec spec = parse(text.toString());
        assertThat(spec.limit()).isEqualTo(3000);
        assertThat(spec.entries().get(2999).ordinal()).isEqualTo(3000);
        assertThat(spec.namedEntries()).hasSize(3000);
    }

    @Test
    void nameTableIsSortedByteWise() {
        ModuleSpec spec = parse("""
                @ stdcall a()
                @ stdcall _a()
                @ stdcall B()
                @ stdcall aa()
                @ stdcall ab()
                @ stdcall A()
                @ stdcall Z()
                @ stdcall 9()
                @ stdcall 10()
                @ stdcall ?x()
                @ stdcall @x()
                @ stdcall $x()
                @ stdcall /x()
                @ stdcall :x()
                @ stdcall <x>()
                @ stdcall z()
                """);
        assertThat(spec.namedEntries()).extracting(e -> e.exportedName().orElseThrow()).containsExactly(
                "$x", "/x", "10", "9", ":x", "<x>", "?x", "@x", "A", "B", "Z", "_a", "a", "aa", "ab", "z");
    }

    @Test
    void nameTableLeavesOutNonameAndAnonymousEntries() {
        ModuleSpec spec = parse("""
                1 stdcall -noname zz()
                2 stdcall @() impl
                3 stub @
                4 stub -noname stubby
                5 stdcall b()
                6 extern -ordinal a
                7 stdcall -private c()
                """);
        assertThat(spec.namedEntries()).extracting(e -> e.exportedName().orElseThrow()).containsExactly("a", "b", "c");
        assertThat(spec.namedEntries()).extracting(ExportEntry::ordinal).containsExactly(6, 5, 7);
    }

    @Test
    void nonameWithOrdinalKeepsTheName() {
        ModuleSpec spec = parse("1 stdcall -noname -ordinal b()\n2 cdecl -ordinal -noname a()\n3 stub -noname c\n");
        assertThat(spec.namedEntries()).extracting(e -> e.exportedName().orElseThrow()).containsExactly("a", "b");
        assertThat(spec.namedEntries()).extracting(ExportEntry::ordinal).containsExactly(2, 1);
    }

    @Test
    void nameOrderComparatorComparesUtf8BytesUnsigned() {
        List<String> names = new ArrayList<>(List.of("b", "\uFFFF", "\uD83D\uDE00", "\u00e9", "B", "_a", "a", ""));
        names.sort(ModuleSpec.NAME_ORDER);
        // U+FFFF is EF BF BF, U+1F600 is F0 9F 98 80: byte order differs from String.compareTo here.
        assertThat(names).containsExactly("", "B", "_a", "a", "b", "\u00e9", "\uFFFF", "\uD83D\uDE00");
        assertThat("\uFFFF".compareTo("\uD83D\uDE00")).isPositive();
        assertThat(ModuleSpec.NAME_ORDER.compare("\uFFFF", "\uD83D\uDE00")).isNegative();
        assertThat(ModuleSpec.NAME_ORDER.compare("abc", "abc")).isZero();
        assertThat(ModuleSpec.NAME_ORDER.compare("ab", "abc")).isNegative();
    }

    /** The export table's names in NAME_ORDER, with and without a name at or above U+D800 among them. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void namedEntriesFollowNameOrderWithAndWithoutSurrogates(boolean withSurrogates) {
        List<String> names = new ArrayList<>(List.of("b", "\u00e9", "B", "_a", "a", "ab", "\u00ff", "A1"));
        if (withSurrogates) {
            names.addAll(List.of("\uFFFF", "\uD83D\uDE00", "\uE000x"));
        }
        List<ExportEntry> entries = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            entries.add(new ExportEntry(i + 1, true, Optional.of(names.get(i)), EntryType.CDECL, List.of(), "f" + i,
                    false, Set.of(), new SourceLocation("t.spec", i + 1, 1)));
        }
        ModuleSpec spec = new ModuleSpec("t.dll", "t.spec", TargetCpu.X86_64, entries, 1, names.size());
        List<String> expected = new ArrayList<>(names);
        expected.sort(ModuleSpec.NAME_ORDER);
        List<String> sorted = new ArrayList<>();
        for (ExportEntry e : spec.namedEntries()) {
            sorted.add(e.declaredName().orElseThrow());
        }
        assertThat(sorted).containsExactlyElementsOf(expected);
        if (withSurrogates) {
            // U+1F600 (F0 9F 98 80) after U+FFFF and U+E000 (EE 80 80), where String.compareTo puts it before
            assertThat(sorted.subList(sorted.size() - 3, sorted.size()))
                    .containsExactly("\uE000x", "\uFFFF", "\uD83D\uDE00");
        }
    }
}
