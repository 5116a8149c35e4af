package dev.winelib.asm;

import java.util.List;

/**
 * The import directory (Wine's loader fills the {@code __imp_} slots of the import address table) with
 * its thunks, and the delay-import directory, whose slots first point at loader thunks that call
 * {@code __delayLoadHelper2}.
 */
final class ImportText {

    private ImportText() {
    }

    static void writeImmediate(AsmLines out, ModuleText.Context c, List<ImportModel.Dll> dlls) {
        if (dlls.isEmpty()) {
            return;
        }
        String ptr = c.ptr();
        out.raw("");
        out.raw("/* Import directory: Wine's loader fills the import address table (the __imp_ slots). */");
        out.op(".data");
        out.op(".align 4");
        out.label(".L__wine_spec_imports");
        for (ImportModel.Dll dll : dlls) {
            out.op(".long", ".L__wine_spec_import_int + " + dll.firstSlot() + " - .L__wine_spec_rva_base",
                    "OriginalFirstThunk");
            out.op(".long", 0, "TimeDateStamp");
            out.op(".long", 0, "ForwarderChain");
            out.op(".long", ".L__wine_spec_import_dll_" + dll.id() + " - .L__wine_spec_rva_base", "Name");
            out.op(".long", ".L__wine_spec_import_iat + " + dll.firstSlot() + " - .L__wine_spec_rva_base",
                    "FirstThunk");
        }
        out.op(".long 0,0,0,0,0");
        out.op(".align", c.pointerSize());
        out.label(".L__wine_spec_import_int");
        for (ImportModel.Dll dll : dlls) {
            for (ImportModel.Function fn : dll.functions()) {
                nameTableEntry(out, ptr, fn, ".L__wine_spec_import_hint_");
            }
            out.op(ptr, "0");
        }
        out.label(".L__wine_spec_import_iat");
        for (ImportModel.Dll dll : dlls) {
            for (ImportModel.Function fn : dll.functions()) {
                slotSymbol(out, c, fn);
                nameTableEntry(out, ptr, fn, ".L__wine_spec_import_hint_");
            }
            out.op(ptr, "0");
        }
        out.label(".L__wine_spec_imports_end");
        for (ImportModel.Dll dll : dlls) {
            for (ImportModel.Function fn : dll.functions()) {
                hint(out, fn, ".L__wine_spec_import_hint_");
            }
        }
        for (ImportModel.Dll dll : dlls) {
            out.label(".L__wine_spec_import_dll_" + dll.id());
            out.op(".string", dll.name());
        }
        out.raw("");
        out.raw("/* Import thunks: the module's code calls these like local functions. */");
        out.op(".text");
        for (ImportModel.Dll dll : dlls) {
            for (ImportModel.Function fn : dll.functions()) {
                thunk(out, c, fn);
            }
        }
    }

    static void writeDelayed(AsmLines out, ModuleText.Context c, List<ImportModel.Dll> dlls) {
        if (dlls.isEmpty()) {
            return;
        }
        String ptr = c.ptr();
        out.raw("");
        out.raw("/* Delay-import directory: a DLL is loaded on the first call of one of its functions. */");
        out.op(".data");
        out.op(".align", c.pointerSize());
        out.label(".L__wine_spec_delay_imports");
        for (ImportModel.Dll dll : dlls) {
            out.op(".long", 1, "Attributes: RVAs");
            out.op(".long", ".L__wine_delay_dll_" + dll.id() + " - .L__wine_spec_rva_base", "DllNameRVA");
            out.op(".long", ".L__wine_delay_modules + " + dll.index() * c.pointerSize() + " - .L__wine_spec_rva_base",
                    "ModuleHandleRVA");
            out.op(".long", ".L__wine_delay_iat + " + dll.firstSlot() + " - .L__wine_spec_rva_base",
                    "ImportAddressTableRVA");
            out.op(".long", ".L__wine_delay_int + " + dll.firstNameSlot() + " - .L__wine_spec_rva_base",
                    "ImportNameTableRVA");
            out.op(".long", 0, "BoundImportAddressTableRVA");
            out.op(".long", 0, "UnloadInformationTableRVA");
            out.op(".long", 0, "TimeDateStamp");
        }
        out.op(".long 0,0,0,0,0,0,0,0");
        out.label(".L__wine_spec_delay_imports_end");
        out.label(".L__wine_delay_iat");
        for (ImportModel.Dll dll : dlls) {
            for (ImportModel.Function fn : dll.functions()) {
                slotSymbol(out, c, fn);
                out.op(ptr, ".L__wine_delay_load_" + fn.label());
            }
        }
        out.label(".L__wine_delay_int");
        for (ImportModel.Dll dll : dlls) {
            for (ImportModel.Function fn : dll.functions()) {
                nameTableEntry(out, ptr, fn, ".L__wine_delay_hint_");
            }
            out.op(ptr, "0");
        }
        out.label(".L__wine_delay_modules");
        for (int i = 0; i < dlls.size(); i++) {
            out.op(ptr, "0");
        }
        for (ImportModel.Dll dll : dlls) {
            for (ImportModel.Function fn : dll.functions()) {
                hint(out, fn, ".L__wine_delay_hint_");
            }
            out.label(".L__wine_delay_dll_" + dll.id());
            out.op(".string", dll.name());
        }
        out.raw("");
        out.raw("/* Delay-load thunks: resolve the slot through __delayLoadHelper2, then jump to the function. */");
        out.op(".text");
        for (ImportModel.Dll dll : dlls) {
            out.op(".align 8");
            out.label(".L__wine_delay_loader_" + dll.id());
            String descriptor = ".L__wine_spec_delay_imports + " + dll.index() * 32;
            if (c.i386()) {
                out.op("pushl %ecx");
                out.op("pushl %edx");
                out.op("pushl %eax");
                out.op("call __wine_spec_get_pc_thunk_eax");
                out.raw("1:\tleal " + descriptor + "-1b(%eax),%eax");
                out.op("pushl %eax");
                out.op("call __delayLoadHelper2");
                out.op("popl %edx");
                out.op("popl %ecx");
                out.op("jmp *%eax");
            } else {
                out.op("subq $0x98,%rsp");
                out.op("movq %rdx,0x88(%rsp)");
                out.op("movq %rcx,0x80(%rsp)");
                out.op("movq %r8,0x78(%rsp)");
                out.op("movq %r9,0x70(%rsp)");
                out.op("movq %r10,0x68(%rsp)");
                out.op("movq %r11,0x60(%rsp)");
                out.op("movups %xmm0,0x50(%rsp)");
                out.op("movups %xmm1,0x40(%rsp)");
                out.op("movups %xmm2,0x30(%rsp)");
                out.op("movups %xmm3,0x20(%rsp)");
                out.op("leaq", descriptor + "(%rip),%rcx");
                out.op("movq %rax,%rdx");
                out.op("call __delayLoadHelper2");
                out.op("movups 0x20(%rsp),%xmm3");
                out.op("movups 0x30(%rsp),%xmm2");
                out.op("movups 0x40(%rsp),%xmm1");
                out.op("movups 0x50(%rsp),%xmm0");
                out.op("movq 0x60(%rsp),%r11");
                out.op("movq 0x68(%rsp),%r10");
                out.op("movq 0x70(%rsp),%r9");
                out.op("movq 0x78(%rsp),%r8");
                out.op("movq 0x80(%rsp),%rcx");
                out.op("movq 0x88(%rsp),%rdx");
                out.op("addq $0x98,%rsp");
                out.op("jmp *%rax");
            }
            for (ImportModel.Function fn : dll.functions()) {
                out.label(".L__wine_delay_load_" + fn.label());
                if (c.i386()) {
                    out.op("call __wine_spec_get_pc_thunk_eax");
                    out.raw("1:\tleal " + fn.iatSymbol() + "-1b(%eax),%eax");
                } else {
                    out.op("leaq", fn.iatSymbol() + "(%rip),%rax");
                }
                out.op("jmp", ".L__wine_delay_loader_" + dll.id());
                thunk(out, c, fn);
            }
        }
    }

    /** A name table entry: the RVA of the function's hint and name, or its ordinal with the top bit set. */
    private static void nameTableEntry(AsmLines out, String ptr, ImportModel.Function fn, String hintPrefix) {
        if (fn.byName()) {
            out.op(ptr, hintPrefix + fn.label() + " - .L__wine_spec_rva_base");
        } else {
            out.op(ptr, fn.ordinalEntry());
        }
    }

    /** The global, hidden {@code __imp_} symbol of an address table slot. */
    private static void slotSymbol(AsmLines out, ModuleText.Context c, ImportModel.Function fn) {
        out.op(".globl", fn.iatSymbol());
        out.op(".hidden", fn.iatSymbol());
        out.op(".type", fn.iatSymbol() + ",@object");
        out.op(".size", fn.iatSymbol() + "," + c.pointerSize());
        out.label(fn.iatSymbol());
    }

    /** The hint and name a function is imported by. */
    private static void hint(AsmLines out, ImportModel.Function fn, String hintPrefix) {
        if (fn.byName()) {
            out.op(".align 2");
            out.label(hintPrefix + fn.label());
            out.op(".short", fn.hint());
            out.op(".string", fn.importName());
        }
    }

    /** The function's thunk, which jumps through its address table slot. */
    private static void thunk(AsmLines out, ModuleText.Context c, ImportModel.Function fn) {
        out.op(".align 8");
        out.op(".globl", fn.symbol());
        out.op(".hidden", fn.symbol());
        out.op(".type", fn.symbol() + ",@function");
        out.label(fn.symbol());
        if (c.i386()) {
            out.op("call __wine_spec_get_pc_thunk_eax");
            out.raw("1:\tjmp *" + fn.iatSymbol() + "-1b(%eax)");
        } else {
            out.op("jmpq", "*" + fn.iatSymbol() + "(%rip)");
        }
        out.op(".size", fn.symbol() + ", .-" + fn.symbol());
    }
}
