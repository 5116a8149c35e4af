package dev.winelib.toolchain.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.winelib.toolchain.differential.ExportView.Slot;

/** The diff the differential tests print names every difference precisely. */
class ExportViewTest {

    private static final ExportView WINEBUILD = new ExportView(Optional.of("t.dll"), 1, 4, List.of("B", "_a", "a"),
            Map.of(1, new Slot(Optional.of("a"), "symbol a"), 2, new Slot(Optional.of("B"), "forward k.B"),
                    3, new Slot(Optional.of("_a"), "symbol __wine_stub__a"),
                    4, new Slot(Optional.empty(), "no symbol at 0x1234")));

    @Test
    void sameViewHasNoDifferences() {
        ExportView ours = new ExportView(Optional.of("t.dll"), 1, 4, List.of("B", "_a", "a"),
                Map.of(1, new Slot(Optional.of("a"), "symbol a"), 2, new Slot(Optional.of("B"), "forward k.B"),
                        3, new Slot(Optional.of("_a"), "symbol __wine_stub__a"),
                        4, new Slot(Optional.empty(), "no symbol at 0x5678")));
        assertThat(ours.differencesFrom(WINEBUILD)).isEmpty();
    }

    @Test
    void everyDifferenceIsListed() {
        ExportView ours = new ExportView(Optional.of("t"), 2, 5, List.of("B", "a", "_a"),
                Map.of(1, new Slot(Optional.of("a"), "symbol impl_a"), 2, new Slot(Optional.of("B"), "forward k.#2"),
                        5, new Slot(Optional.empty(), "symbol x")));
        assertThat(ours.differencesFrom(WINEBUILD)).containsExactly(
                "DLL name: winebuild 't.dll', ours 't'",
                "ordinal base: winebuild 1, ours 2",
                "NumberOfFunctions: winebuild 4, ours 5",
                "name table: winebuild has 3 names, ours 3; first difference at index 1: winebuild '_a', ours 'a'",
                "ordinal 1: winebuild name 'a', symbol a; ours name 'a', symbol impl_a",
                "ordinal 2: winebuild name 'B', forward k.B; ours name 'B', forward k.#2",
                "ordinal 3: winebuild name '_a', symbol __wine_stub__a; ours (empty slot)",
                "ordinal 4: winebuild no name, no symbol at 0x1234; ours (empty slot)",
                "ordinal 5: winebuild (empty slot); ours no name, symbol x");
    }
}
