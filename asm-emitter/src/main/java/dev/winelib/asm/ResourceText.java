package dev.winelib.asm;

/**
 * The resource directory: its tables, data entries (whose RVAs the assembler computes from labels) and
 * name strings, then each resource's data.
 */
final class ResourceText {

    private ResourceText() {
    }

    static void write(AsmLines out, ResourceModel.Directory resources) {
        if (resources == null) {
            return;
        }
        out.raw("");
        out.raw("/* Resource directory: tables, data entries, name strings, then the data (RVAs count from the NT"
                + " header). */");
        out.op(".data");
        out.op(".align 8");
        out.label(".L__wine_spec_resources");
        for (ResourceModel.Table table : resources.tables()) {
            out.op(".long", "0,0", "Characteristics, TimeDateStamp");
            out.op(".short", "0,0", "Major/MinorVersion");
            out.op(".short", table.named() + "," + table.ids(), "NumberOfNamedEntries, NumberOfIdEntries");
            for (String entry : table.entries()) {
                out.op(".long", entry);
            }
        }
        for (int i = 0; i < resources.data().size(); i++) {
            out.op(".long", ".L__wine_spec_res_" + i + " - .L__wine_spec_rva_base," + resources.data().get(i).size()
                    + ",0,0");
        }
        for (String string : resources.strings()) {
            out.op(".short", string);
        }
        for (int i = 0; i < resources.data().size(); i++) {
            out.op(".align 4");
            out.label(".L__wine_spec_res_" + i);
            for (String line : resources.data().get(i).lines()) {
                out.op(".long", line);
            }
        }
        out.label(".L__wine_spec_resources_end");
        out.op(".byte 0");
    }
}
