package dev.winelib.asm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.winelib.spec.TargetCpu;

/** Template data for the import directory, the delay-import directory and their thunks. */
final class ImportModel {

    private ImportModel() {
    }

    static Map<String, Object> of(ModuleImports imports, TargetCpu cpu) {
        Map<String, Object> m = new HashMap<>();
        m.put("immediate", dlls(imports.immediate(), "i", cpu.pointerSize()));
        m.put("delayed", dlls(imports.delayed(), "d", cpu.pointerSize()));
        return m;
    }

    /** {@code ptrSize}: the size of the table entries (8 for PE32+, 4 for PE32). */
    private static List<Map<String, Object>> dlls(List<ImportedDll> dlls, String prefix, int ptrSize) {
        List<Map<String, Object>> result = new ArrayList<>();
        int slot = 0;
        int nameTableSlot = 0;
        for (int d = 0; d < dlls.size(); d++) {
            ImportedDll dll = dlls.get(d);
            Map<String, Object> dm = new HashMap<>();
            String id = prefix + d;
            dm.put("id", id);
            dm.put("name", AsmText.stringLiteral(dll.dllName()));
            dm.put("firstSlot", slot * ptrSize);
            dm.put("firstNameSlot", nameTableSlot * ptrSize);
            dm.put("index", d);
            List<Map<String, Object>> functions = new ArrayList<>();
            for (int f = 0; f < dll.functions().size(); f++) {
                ImportedFunction fn = dll.functions().get(f);
                Map<String, Object> fm = new HashMap<>();
                fm.put("symbol", AsmText.symbol(fn.symbol()));
                fm.put("iatSymbol", AsmText.symbol("__imp_" + fn.symbol()));
                fm.put("label", id + "_" + f);
                fm.put("slot", (slot + f) * ptrSize);
                fm.put("byName", fn.importName().isPresent());
                fm.put("importName", fn.importName().map(AsmText::stringLiteral).orElse(""));
                fm.put("hint", fn.hint());
                // the ordinal flag is the top bit of the entry
                long ordinalFlag = 1L << (ptrSize * 8 - 1);
                fm.put("ordinalEntry", "0x" + Long.toHexString(ordinalFlag | (fn.ordinal() & 0xffff)));
                functions.add(fm);
            }
            dm.put("functions", functions);
            result.add(dm);
            // immediate imports end each DLL's tables with a null entry; delayed IATs do not
            slot += dll.functions().size() + (prefix.equals("i") ? 1 : 0);
            nameTableSlot += dll.functions().size() + 1;
        }
        return result;
    }
}
