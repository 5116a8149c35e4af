package dev.winelib.asm;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything a module imports, immediate and delayed, in the order the descriptors are written.
 *
 * @throws IllegalArgumentException when two functions have the same symbol: each symbol gets one
 *     thunk and one {@code __imp_} slot in the module
 */
public record ModuleImports(List<ImportedDll> dlls) {

    public ModuleImports {
        dlls = List.copyOf(dlls);
        Set<String> symbols = new HashSet<>();
        for (ImportedDll dll : dlls) {
            for (ImportedFunction f : dll.functions()) {
                if (!symbols.add(f.symbol())) {
                    throw new IllegalArgumentException("symbol '" + f.symbol() + "' is imported twice (the second"
                            + " time from " + dll.dllName() + ")");
                }
            }
        }
    }

    public static ModuleImports none() {
        return new ModuleImports(List.of());
    }

    public List<ImportedDll> immediate() {
        return withFunctions(false);
    }

    public List<ImportedDll> delayed() {
        return withFunctions(true);
    }

    /** The DLLs loaded on first use or not, that have functions imported (a loop: no stream to start). */
    private List<ImportedDll> withFunctions(boolean delayed) {
        List<ImportedDll> chosen = new java.util.ArrayList<>();
        for (ImportedDll d : dlls) {
            if (d.delayed() == delayed && !d.functions().isEmpty()) {
                chosen.add(d);
            }
        }
        return List.copyOf(chosen);
    }
}
