package dev.winelib.asm;

import java.util.ArrayList;
import java.util.List;

import dev.winelib.spec.TargetCpu;

/** The import directory, the delay-import directory and their thunks, as the import text writes them. */
final class ImportModel {

    private ImportModel() {
    }

    /**
     * One imported DLL: its label suffix ({@code i0}, {@code d1}...), name literal, the byte offsets of
     * its first address table and name table slots, and its index among the DLLs of its kind.
     */
    record Dll(String id, String name, int firstSlot, int firstNameSlot, int index, List<Function> functions) {
    }

    /**
     * One imported function: the thunk symbol, its import address table slot symbol, a label suffix,
     * whether it is imported by name (then its name literal and hint) or else its ordinal entry.
     */
    record Function(String symbol, String iatSymbol, String label, boolean byName, String importName, int hint,
            String ordinalEntry) {
    }

    static List<Dll> immediate(ModuleImports imports, TargetCpu cpu) {
        return dlls(imports.immediate(), "i", cpu.pointerSize());
    }

    static List<Dll> delayed(ModuleImports imports, TargetCpu cpu) {
        return dlls(imports.delayed(), "d", cpu.pointerSize());
    }

    /** {@code ptrSize}: the size of the table entries (8 for PE32+, 4 for PE32). */
    private static List<Dll> dlls(List<ImportedDll> dlls, String prefix, int ptrSize) {
        List<Dll> result = new ArrayList<>();
        int slot = 0;
        int nameTableSlot = 0;
        for (int d = 0; d < dlls.size(); d++) {
            ImportedDll dll = dlls.get(d);
            String id = prefix + d;
            List<Function> functions = new ArrayList<>();
            for (int f = 0; f < dll.functions().size(); f++) {
                ImportedFunction fn = dll.functions().get(f);
                // the ordinal flag is the top bit of the entry
                long ordinalFlag = 1L << (ptrSize * 8 - 1);
                functions.add(new Function(AsmText.symbol(fn.symbol()), AsmText.symbol("__imp_" + fn.symbol()),
                        id + "_" + f, fn.importName().isPresent(), fn.importName().map(AsmText::stringLiteral).orElse(""),
                        fn.hint(), "0x" + Long.toHexString(ordinalFlag | (fn.ordinal() & 0xffff))));
            }
            result.add(new Dll(id, AsmText.stringLiteral(dll.dllName()), slot * ptrSize, nameTableSlot * ptrSize, d,
                    functions));
            // immediate imports end each DLL's tables with a null entry; delayed IATs do not
            slot += dll.functions().size() + (prefix.equals("i") ? 1 : 0);
            nameTableSlot += dll.functions().size() + 1;
        }
        return result;
    }
}
