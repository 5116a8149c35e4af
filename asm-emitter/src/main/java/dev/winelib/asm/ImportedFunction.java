package dev.winelib.asm;

import java.util.Objects;
import java.util.Optional;

/**
 * A function the module imports from a DLL.
 *
 * @param symbol the name the module's code uses: a hidden thunk of this name jumps through the
 *     import address table slot {@code __imp_SYMBOL}
 * @param importName the name to import by, or empty to import by ordinal
 * @param ordinal the ordinal (used when importing by ordinal)
 * @param hint the index of the name in the DLL's name table, a lookup hint for the loader
 */
public record ImportedFunction(String symbol, Optional<String> importName, int ordinal, int hint) {
    public ImportedFunction {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(importName, "importName");
    }
}
