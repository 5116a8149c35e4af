package dev.winelib.toolchain.module;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import dev.winelib.asm.ImportedDll;
import dev.winelib.asm.ImportedFunction;
import dev.winelib.asm.ModuleImports;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.imports.DllExports;
import dev.winelib.toolchain.imports.ExportLists;
import dev.winelib.toolchain.imports.ImportException;
import dev.winelib.toolchain.imports.ImportResolver;
import dev.winelib.toolchain.imports.ImportThunkSymbol;
import dev.winelib.toolchain.imports.UndefinedSymbols;

/**
 * Decides what a module object imports from the symbols its merged objects leave undefined, as
 * winebuild does: the thunks of Wine's Unix import libraries name their DLL and ordinal
 * ({@code __wine$func$kernel32$...$GetTickCount}); other symbols are looked up in the export lists of
 * the DLLs the module imports (in order of preference). Symbols the system libraries define are never
 * imported. What the module's runtime needs (and the module does not define) comes from kernel32 and
 * ntdll, after the module's own imports.
 */
final class ObjectImports {

    /** DLLs the runtime's own needs come from (kernel32's RaiseException and others, as with winebuild's libwinecrt0). */
    static final List<String> RUNTIME_DLLS = List.of("ntdll", "kernel32");

    /**
     * The outcome.
     *
     * @param imports the import and delay-import directories
     * @param unresolved undefined symbols nothing imports, left for the final link
     * @param warnings what winebuild would warn about with {@code -w}
     */
    record Plan(ModuleImports imports, List<String> unresolved, List<String> warnings) {
        Plan {
            // the names left for the final link are worked out when first asked for (LeftForLink)
            warnings = List.copyOf(warnings);
        }
    }

    private ObjectImports() {
    }

    /**
     * @param undefined what the merged objects leave undefined (in any order)
     * @param definedByModule what the merged objects define
     * @param runtimeNeeds the symbols the module's runtime uses and does not define
     * @param systemSymbols what the system libraries define
     * @param importCFunctions whether the module's own symbols are imported even when the system libraries
     *     define them (objects compiled for Wine's C runtime, winebuild's {@code -mno-cygwin}); the runtime's
     *     needs still come from the system libraries
     * @param dlls the DLLs to import from, most preferred first
     * @param delayed the names among them (and among the import libraries' DLLs) to load on first use
     * @param requested the DLLs asked for by name ({@code -l}): a warning says when one is not used
     * @param lists where export lists come from
     */
    static Plan plan(Collection<String> undefined, Set<String> definedByModule, Set<String> runtimeNeeds,
            Set<String> systemSymbols, boolean importCFunctions, List<String> dlls,
            Set<String> delayed, List<String> requested, ExportLists lists) throws BuildFailure {
        Set<String> delayedDlls = new LinkedHashSet<>();
        for (String d : delayed) {
            delayedDlls.add(normalized(d, lists));
        }
        Map<String, TreeMap<String, ImportedFunction>> thunks = new LinkedHashMap<>();
        List<UndefinedSymbols.Symbol> others = new ArrayList<>();
        Set<String> notImported = importCFunctions ? Set.of() : systemSymbols;
        List<String> thunkNames = new ArrayList<>();
        for (String name : undefined) {
            classify(name, thunkNames, others);
        }
        // in name order: the thunks' DLLs are imported in the order their first thunk comes
        thunkNames.sort(null);
        for (String name : thunkNames) {
            addThunk(name, notImported, thunks);
        }
        // thunks already import these names; only their __imp_ slots may still be looked up
        // (loops rather than lambdas on this path: each lambda's call site is linked on its first use, which
        // every short run of the command line pays on Java 17)
        if (!thunks.isEmpty()) {
            List<UndefinedSymbols.Symbol> notThunked = new ArrayList<>(others.size());
            for (UndefinedSymbols.Symbol s : others) {
                if (!importedByThunk(s.name(), thunks)) {
                    notThunked.add(s);
                }
            }
            others.clear();
            others.addAll(notThunked);
        }

        ImportResolver.Resolution main = resolve(others, notImported, dlls, delayedDlls, lists);
        List<UndefinedSymbols.Symbol> forRuntime = new ArrayList<>();
        for (String need : runtimeNeeds) {
            if (!systemSymbols.contains(need) && !definedByModule.contains(need)) {
                forRuntime.add(new UndefinedSymbols.Symbol(need, List.of()));
            }
        }
        ImportResolver.Resolution fallback = forRuntime.isEmpty()
                ? new ImportResolver.Resolution(ModuleImports.none(), List.of())
                : ImportResolver.resolve(forRuntime, RUNTIME_DLLS, Set.of(), lists);

        Map<String, TreeMap<String, ImportedFunction>> merged = new LinkedHashMap<>();
        Set<String> symbols = new LinkedHashSet<>();
        Set<String> delayedInResult = new LinkedHashSet<>();
        for (ImportedDll dll : main.imports().dlls()) {
            add(merged, symbols, dll.dllName(), dll.functions());
            if (dll.delayed()) {
                delayedInResult.add(dll.dllName());
            }
        }
        for (Map.Entry<String, TreeMap<String, ImportedFunction>> e : thunks.entrySet()) {
            add(merged, symbols, e.getKey(), e.getValue().values());
        }
        for (ImportedDll dll : fallback.imports().dlls()) {
            add(merged, symbols, dll.dllName(), dll.functions());
        }
        List<ImportedDll> result = new ArrayList<>();
        for (Map.Entry<String, TreeMap<String, ImportedFunction>> e : merged.entrySet()) {
            String dll = e.getKey();
            TreeMap<String, ImportedFunction> functions = e.getValue();
            if (!functions.isEmpty()) {
                boolean isDelayed = delayedInResult.contains(dll) || delayedDlls.contains(dll);
                result.add(new ImportedDll(dll, List.copyOf(functions.values()), isDelayed));
            }
        }

        List<String> forRuntimeUnresolved = new ArrayList<>();
        for (UndefinedSymbols.Symbol s : fallback.unresolved()) {
            forRuntimeUnresolved.add(s.name());
        }

        List<String> warnings = new ArrayList<>();
        for (String dll : requested) {
            String name = normalized(dll, lists);
            if (!merged.containsKey(name) || merged.get(name).isEmpty()) {
                warnings.add(name + " imported but no symbols used");
            }
        }
        return new Plan(new ModuleImports(result), new LeftForLink(main.unresolved(), notImported,
                forRuntimeUnresolved), warnings);
    }

    /**
     * The undefined symbols {@code others} imported from {@code dlls}, as if those {@code notImported}
     * had been left out before. Each symbol is resolved on its own, so they are left out afterwards,
     * and only from the few that were imported: the many left for the final link (say the 10,000
     * exports of a spec given without its objects) are not looked up in the system libraries' symbols
     * unless the names left for the final link are asked for ({@link LeftForLink}).
     */
    private static ImportResolver.Resolution resolve(List<UndefinedSymbols.Symbol> others, Set<String> notImported,
            List<String> dlls, Set<String> delayedDlls, ExportLists lists) throws BuildFailure {
        if (dlls.isEmpty()) {
            return new ImportResolver.Resolution(ModuleImports.none(), others);
        }
        ImportResolver.Resolution resolved = ImportResolver.resolve(others, dlls, delayedDlls, lists);
        // the unresolved symbols are those of others in their order: the rest were imported
        Set<UndefinedSymbols.Symbol> notImportable = java.util.Collections.newSetFromMap(
                new java.util.IdentityHashMap<>());
        List<UndefinedSymbols.Symbol> unresolved = resolved.unresolved();
        int next = 0;
        for (UndefinedSymbols.Symbol s : others) {
            if (next < unresolved.size() && unresolved.get(next) == s) {
                next++;
            } else if (notImported.contains(s.name())) {
                notImportable.add(s);
            }
        }
        if (notImportable.isEmpty()) {
            return resolved;
        }
        List<UndefinedSymbols.Symbol> importable = new ArrayList<>(others);
        importable.removeAll(notImportable);
        return ImportResolver.resolve(importable, dlls, delayedDlls, lists);
    }

    /**
     * Puts undefined symbol {@code name} with the import thunks or the others. (A method of its own:
     * the loop over the undefined symbols runs interpreted to its end, its body is compiled after a
     * few hundred rounds, see docs/performance.md.)
     */
    private static void classify(String name, List<String> thunkNames, List<UndefinedSymbols.Symbol> others) {
        if (ImportThunkSymbol.looksLikeOne(name)) {
            thunkNames.add(name);
        } else {
            // the system libraries' symbols are left out once it is known what would be imported
            others.add(new UndefinedSymbols.Symbol(name, List.of()));
        }
    }

    /** The function thunk {@code name} imports, unless the system libraries define it. */
    private static void addThunk(String name, Set<String> notImported,
            Map<String, TreeMap<String, ImportedFunction>> thunks) {
        Optional<ImportThunkSymbol> thunk = ImportThunkSymbol.parse(name);
        if (thunk.isPresent() && !notImported.contains(thunk.get().name())) {
            ImportThunkSymbol t = thunk.get();
            functionsOf(thunks, t.dllName()).put(t.name(), new ImportedFunction(
                    t.name(), t.byOrdinal() ? Optional.empty() : Optional.of(t.name()), t.ordinal(), 0));
        }
    }

    private static void add(Map<String, TreeMap<String, ImportedFunction>> merged, Set<String> symbols, String dll,
            Iterable<ImportedFunction> functions) {
        TreeMap<String, ImportedFunction> target = functionsOf(merged, dll);
        for (ImportedFunction f : functions) {
            if (symbols.add(f.symbol())) {
                target.put(f.symbol(), f);
            }
        }
    }

    /** The functions imported from {@code dll}, a new map when there is none yet. */
    private static TreeMap<String, ImportedFunction> functionsOf(Map<String, TreeMap<String, ImportedFunction>> byDll,
            String dll) {
        TreeMap<String, ImportedFunction> functions = byDll.get(dll);
        if (functions == null) {
            functions = new TreeMap<>();
            byDll.put(dll, functions);
        }
        return functions;
    }

    /** Whether a thunk of some DLL imports {@code name}. */
    private static boolean importedByThunk(String name, Map<String, TreeMap<String, ImportedFunction>> thunks) {
        for (TreeMap<String, ImportedFunction> functions : thunks.values()) {
            if (functions.containsKey(name)) {
                return true;
            }
        }
        return false;
    }

    /** The DLL's file name as the export lists name it ({@code kernel32} is {@code kernel32.dll}). */
    private static String normalized(String dll, ExportLists lists) throws BuildFailure {
        try {
            Optional<DllExports> exports = lists.find(dll);
            if (exports.isPresent()) {
                return exports.get().dllName();
            }
            return dll.toLowerCase(Locale.ROOT).contains(".")
                    ? dll.toLowerCase(Locale.ROOT) : dll.toLowerCase(Locale.ROOT) + ".dll";
        } catch (ImportException e) {
            throw new BuildFailure(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new BuildFailure("imported DLL name '" + dll + "' is not valid: " + e.getMessage(), e);
        }
    }
}
