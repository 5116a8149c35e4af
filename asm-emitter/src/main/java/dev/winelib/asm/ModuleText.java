package dev.winelib.asm;

import java.io.Writer;
import java.util.List;

import dev.winelib.resources.ResourceTable;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.TargetCpu;

/**
 * Writes a module's assembly text section by section, straight from the spec: the PE header
 * ({@link PeHeaderText}), stubs ({@link StubText}), the export directory with relay data and import
 * thunks ({@link ExportText}), import and delay-import directories ({@link ImportText}), resources
 * ({@link ResourceText}) and, on i386, the PC thunk position-independent code calls.
 */
final class ModuleText {

    private ModuleText() {
    }

    /** What every section needs to know about the module. */
    record Context(ModuleSpec spec, ModuleOptions options, String generator, String source, String timestamp) {
        boolean i386() {
            return spec.cpu() == TargetCpu.I386;
        }

        /** The data directive of an address: {@code .long} on i386, {@code .quad} on x86_64. */
        String ptr() {
            return i386() ? ".long" : ".quad";
        }

        int pointerSize() {
            return spec.cpu().pointerSize();
        }
    }

    static void write(Context c, ModuleImports imports, ResourceTable resources, Writer writer) {
        AsmLines out = new AsmLines(writer);
        List<StubText.Stub> stubs = StubText.of(c.spec());
        RelayModel.Relay relay = RelayModel.of(c.spec());
        List<ImportModel.Dll> immediate = ImportModel.immediate(imports, c.spec().cpu());
        List<ImportModel.Dll> delayed = ImportModel.delayed(imports, c.spec().cpu());
        ResourceModel.Directory directory = ResourceModel.of(resources);
        PeHeaderText.write(out, c, new PeHeaderText.Directories(c.spec().limit() >= c.spec().base(),
                !immediate.isEmpty(), directory != null, !delayed.isEmpty()));
        StubText.write(out, c, stubs);
        boolean exportThunks = ExportText.write(out, c, relay);
        ImportText.writeImmediate(out, c, immediate);
        ImportText.writeDelayed(out, c, delayed);
        ResourceText.write(out, directory);
        if (c.i386() && (!stubs.isEmpty() && c.options().stubRuntime() || exportThunks || !immediate.isEmpty()
                || !delayed.isEmpty())) {
            out.raw("");
            out.raw("/* i386 position-independent code finds its own address through this. */");
            out.op(".text");
            out.op(".align 4");
            out.op(".type __wine_spec_get_pc_thunk_eax,@function");
            out.label("__wine_spec_get_pc_thunk_eax");
            out.op("movl (%esp),%eax");
            out.op("ret");
            out.op(".size __wine_spec_get_pc_thunk_eax, .-__wine_spec_get_pc_thunk_eax");
        }
        out.raw("");
        out.op(".section .note.GNU-stack,\"\",@progbits");
        out.flush();
    }
}
