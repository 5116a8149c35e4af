package dev.winelib.toolchain.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import dev.winelib.asm.ImportedDll;
import dev.winelib.asm.ImportedFunction;
import dev.winelib.asm.ModuleImports;
import dev.winelib.toolchain.BuildFailure;

/**
 * Matches the symbols a module leaves undefined against the export lists of the DLLs it imports:
 * a symbol {@code NAME} or {@code __imp_NAME} is imported from the first DLL, in the order given,
 * that exports {@code NAME}. Symbols the sysroot's libraries define never get here: the C
 * library always wins over a DLL export of the same name.
 */
public final class ImportResolver {

    /** The imports, and the symbols no DLL exports. */
    public record Resolution(ModuleImports imports, List<UndefinedSymbols.Symbol> unresolved) {
    }

    private ImportResolver() {
    }

    /**
     * @param dlls the DLLs to import from, in order of preference
     * @param delayed the names among {@code dlls} that are delay-loaded
     */
    public static Resolution resolve(List<UndefinedSymbols.Symbol> undefined, List<String> dlls, Set<String> delayed,
            ExportLists lists) throws BuildFailure {
        List<DllExports> exports = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String dll : dlls) {
            DllExports found;
            try {
                found = lists.find(dll).orElseThrow(() -> new BuildFailure("no export list found for imported DLL '"
                        + dll + "'; searched: " + String.join("; ", lists.searched())
                        + ". Give its .spec or .def file in the import definitions, or install Wine's export lists (Debian"
                        + " packages wine64 and libwine-dev)"));
            } catch (ImportException e) {
                throw new BuildFailure(e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new BuildFailure("imported DLL name '" + dll + "' is not valid: " + e.getMessage(), e);
            }
            if (seen.add(found.dllName())) {
                exports.add(found);
            }
        }
        Set<String> delayedNames = new LinkedHashSet<>();
        for (String d : delayed) {
            try {
                lists.find(d).ifPresent(x -> delayedNames.add(x.dllName()));
            } catch (ImportException | IllegalArgumentException e) {
                throw new BuildFailure(e.getMessage(), e);
            }
        }

        Map<String, TreeMap<String, ImportedFunction>> chosen = new LinkedHashMap<>();
        exports.forEach(e -> chosen.put(e.dllName(), new TreeMap<>()));
        List<UndefinedSymbols.Symbol> unresolved = new ArrayList<>();
        for (UndefinedSymbols.Symbol s : undefined) {
            boolean slotOnly = s.name().startsWith("__imp_");
            String name = slotOnly ? s.name().substring("__imp_".length()) : s.name();
            Optional<ImportedFunction> match = Optional.empty();
            for (DllExports dll : exports) {
                Optional<ImportableExport> export = dll.byName(name);
                // a variable can only be reached through its __imp_ slot, never through a thunk
                if (export.isPresent() && (slotOnly || !export.get().data())) {
                    ImportableExport x = export.get();
                    match = Optional.of(new ImportedFunction(name,
                            x.byOrdinal() ? Optional.empty() : Optional.of(name), x.ordinal(), x.hint()));
                    chosen.get(dll.dllName()).put(name, match.get());
                    break;
                }
            }
            if (match.isEmpty()) {
                unresolved.add(s);
            }
        }
        List<ImportedDll> result = new ArrayList<>();
        chosen.forEach((dll, functions) -> {
            if (!functions.isEmpty()) {
                result.add(new ImportedDll(dll, List.copyOf(functions.values()), delayedNames.contains(dll)));
            }
        });
        return new Resolution(new ModuleImports(result), unresolved);
    }

    /** The one message for symbols that nothing defines. */
    public static String unresolvedMessage(List<UndefinedSymbols.Symbol> unresolved, List<String> dlls, ExportLists lists,
            List<String> libraries) {
        StringBuilder b = new StringBuilder("undefined symbols: no imported DLL exports them and no library defines"
                + " them:\n");
        for (UndefinedSymbols.Symbol s : unresolved) {
            b.append("  - ").append(s.name());
            if (!s.referencedBy().isEmpty()) {
                b.append(" (referenced by ").append(String.join(", ", s.referencedBy())).append(')');
            }
            b.append('\n');
        }
        b.append("DLLs searched: ").append(String.join(", ", dlls)).append('\n');
        b.append("export lists from: ").append(String.join("; ", lists.searched())).append('\n');
        b.append("libraries searched: ").append(String.join(", ", libraries)).append('\n');
        b.append("Import the DLL that exports a Win32 function (<imports> / -l NAME), link the library that defines"
                + " a Linux one (<libraries> / -l), or define the symbol. A DLL's variable can only be imported"
                + " through its slot: declare it as __imp_NAME.");
        return b.toString();
    }
}
