package dev.winelib.asm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * Regression test of a fuzzing finding (SpecFilesFuzzTest#moduleImports, seed duplicate-import-symbol): two
 * imported functions with the same symbol made assembly with a symbol defined twice, which the in-process
 * assembler rejected as an internal error. The model now refuses them itself.
 */
class ModuleImportsTest {

    @Test
    void aSymbolImportedTwiceIsRefused() {
        ImportedFunction f = new ImportedFunction("]", Optional.of("a"), 0, 0);
        ImportedFunction g = new ImportedFunction("]", Optional.empty(), 3, 0);
        assertThatThrownBy(() -> new ModuleImports(List.of(new ImportedDll("x.dll", List.of(f), false),
                new ImportedDll("y.dll", List.of(g), true))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("symbol ']' is imported twice (the second time from y.dll)");
    }

    @Test
    void distinctSymbolsAreKeptInOrder() {
        ImportedFunction f = new ImportedFunction("a", Optional.of("a"), 0, 0);
        ImportedFunction g = new ImportedFunction("b", Optional.of("a"), 0, 0);
        ModuleImports m = new ModuleImports(List.of(new ImportedDll("x.dll", List.of(f, g), false)));
        assertThat(m.immediate()).hasSize(1);
    }
}
