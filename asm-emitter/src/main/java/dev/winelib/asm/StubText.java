package dev.winelib.asm;

import java.util.ArrayList;
import java.util.List;

import dev.winelib.spec.EntryType;
import dev.winelib.spec.ExportEntry;
import dev.winelib.spec.ModuleSpec;

/**
 * The code of the spec's {@code stub} entry points: with the stub runtime each calls
 * {@code __wine_spec_unimplemented_stub(module name, function name or ordinal)}, which raises Wine's
 * stub exception; without it each traps ({@code ud2}). The names they pass follow in {@code .rodata}.
 */
final class StubText {

    private StubText() {
    }

    /** One stub: its symbol, the label of its name string, its name literal (empty when unnamed) and ordinal. */
    record Stub(String symbol, String label, String name, int ordinal) {
    }

    static List<Stub> of(ModuleSpec spec) {
        List<Stub> stubs = new ArrayList<>();
        for (ExportEntry e : spec.entries()) {
            if (e.type() == EntryType.STUB) {
                stubs.add(new Stub(AsmText.symbol(ModuleAssemblyEmitter.stubSymbol(e, spec)),
                        ".L__wine_stub_string_" + stubs.size(), e.declaredName().map(AsmText::stringLiteral).orElse(""),
                        e.ordinal()));
            }
        }
        return stubs;
    }

    static void write(AsmLines out, ModuleText.Context c, List<Stub> stubs) {
        if (stubs.isEmpty()) {
            return;
        }
        boolean runtime = c.options().stubRuntime();
        out.raw("");
        out.raw("/* Stub entry points: declared in the spec, not implemented. */");
        out.op(".text");
        for (Stub stub : stubs) {
            out.op(".align 4");
            out.op(".type", stub.symbol() + ",@function");
            out.label(stub.symbol());
            if (c.i386()) {
                for (int n = 1; n <= 9; n++) {
                    out.op("nop");
                }
                if (runtime) {
                    out.op("subl $12,%esp");
                    out.op("call __wine_spec_get_pc_thunk_eax");
                    if (!stub.name().isEmpty()) {
                        out.raw("1:\tleal " + stub.label() + "-1b(%eax),%ecx");
                        out.op("movl %ecx,4(%esp)");
                    } else {
                        out.raw("1:\tmovl $" + stub.ordinal() + ",4(%esp)");
                    }
                    out.op("leal .L__wine_spec_file_name-1b(%eax),%ecx");
                    out.op("movl %ecx,(%esp)");
                    out.op("call __wine_spec_unimplemented_stub");
                } else {
                    out.op("ud2");
                }
            } else if (runtime) {
                out.op("subq $0x28,%rsp");
                out.op("leaq .L__wine_spec_file_name(%rip),%rcx");
                if (!stub.name().isEmpty()) {
                    out.op("leaq", stub.label() + "(%rip),%rdx");
                } else {
                    out.op("movq", "$" + stub.ordinal() + ",%rdx");
                }
                out.op("call __wine_spec_unimplemented_stub");
            } else {
                out.op("ud2");
            }
            out.op(".size", stub.symbol() + ", .-" + stub.symbol());
        }
        if (runtime) {
            out.op(".section .rodata");
            out.label(".L__wine_spec_file_name");
            out.op(".string", AsmText.stringLiteral(c.spec().fileName()));
            for (Stub stub : stubs) {
                if (!stub.name().isEmpty()) {
                    out.label(stub.label());
                    out.op(".string", stub.name());
                }
            }
        }
    }
}
