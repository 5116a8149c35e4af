package dev.winelib.asm;

import java.util.List;
import java.util.Objects;

/**
 * A DLL the module imports from.
 *
 * @param dllName the DLL's file name, e.g. {@code kernel32.dll}
 * @param functions the functions imported from it
 * @param delayed whether it is loaded on the first call of one of its functions rather than with the module
 */
public record ImportedDll(String dllName, List<ImportedFunction> functions, boolean delayed) {
    public ImportedDll {
        Objects.requireNonNull(dllName, "dllName");
        functions = List.copyOf(functions);
    }
}
