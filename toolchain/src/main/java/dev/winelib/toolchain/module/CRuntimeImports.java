package dev.winelib.toolchain.module;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.winelib.asm.ImportedDll;
import dev.winelib.asm.ImportedFunction;
import dev.winelib.asm.ModuleImports;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.compile.CRuntime;
import dev.winelib.toolchain.imports.DllExports;
import dev.winelib.toolchain.imports.ExportLists;
import dev.winelib.toolchain.imports.ImportException;
import dev.winelib.toolchain.imports.ImportableExport;
import dev.winelib.toolchain.link.LinkInputs;

/**
 * The C functions a module compiled for one of Wine's C runtimes imports from it: what its objects
 * use without defining and the runtime's DLL exports as a function, even when the sysroot's C library
 * defines the same name (which is why a link probe does not show them). A name already imported from
 * another DLL stays there.
 */
public final class CRuntimeImports {

    private CRuntimeImports() {
    }

    /** {@code imports} with the C runtime's functions the objects use added (unchanged for glibc). */
    public static ModuleImports add(ModuleImports imports, CRuntime runtime, List<Path> objects, ExportLists lists)
            throws IOException, BuildFailure {
        if (runtime.dll().isEmpty()) {
            return imports;
        }
        DllExports exports;
        try {
            exports = lists.find(runtime.dll().get()).orElseThrow(() -> new BuildFailure("cRuntime "
                    + runtime.configName() + ": no export list found for " + runtime.dll().get() + ".dll; searched: "
                    + String.join("; ", lists.searched()) + ". Install Wine's export lists (Debian packages wine64"
                    + " and libwine-dev)"));
        } catch (ImportException e) {
            throw new BuildFailure(e.getMessage(), e);
        }
        Set<String> undefined = new TreeSet<>();
        Set<String> defined = new TreeSet<>();
        for (Path object : objects) {
            if (!LinkInputs.isArchive(object)) {
                CombinedObject symbols = CombinedObject.read(object);
                undefined.addAll(symbols.undefined());
                defined.addAll(symbols.defined());
            }
        }
        undefined.removeAll(defined);
        Set<String> alreadyImported = new TreeSet<>();
        imports.dlls().forEach(d -> d.functions().forEach(f -> alreadyImported.add(f.symbol())));

        TreeMap<String, ImportedFunction> functions = new TreeMap<>();
        List<ImportedDll> result = new ArrayList<>();
        for (ImportedDll dll : imports.dlls()) {
            if (dll.dllName().equals(exports.dllName()) && !dll.delayed()) {
                dll.functions().forEach(f -> functions.put(f.symbol(), f));
            } else {
                result.add(dll);
            }
        }
        for (String name : undefined) {
            Optional<ImportableExport> export = exports.byName(name);
            if (export.isPresent() && !export.get().data() && !alreadyImported.contains(name)) {
                ImportableExport x = export.get();
                functions.put(name, new ImportedFunction(name, x.byOrdinal() ? Optional.empty() : Optional.of(name),
                        x.ordinal(), x.hint()));
            }
        }
        if (!functions.isEmpty()) {
            result.add(new ImportedDll(exports.dllName(), List.copyOf(functions.values()), false));
        }
        return new ModuleImports(result);
    }
}
