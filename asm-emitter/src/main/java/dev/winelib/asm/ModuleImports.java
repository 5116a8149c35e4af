package dev.winelib.asm;

import java.util.List;

/** Everything a module imports, immediate and delayed, in the order the descriptors are written. */
public record ModuleImports(List<ImportedDll> dlls) {

    public ModuleImports {
        dlls = List.copyOf(dlls);
    }

    public static ModuleImports none() {
        return new ModuleImports(List.of());
    }

    public List<ImportedDll> immediate() {
        return dlls.stream().filter(d -> !d.delayed() && !d.functions().isEmpty()).toList();
    }

    public List<ImportedDll> delayed() {
        return dlls.stream().filter(d -> d.delayed() && !d.functions().isEmpty()).toList();
    }
}
