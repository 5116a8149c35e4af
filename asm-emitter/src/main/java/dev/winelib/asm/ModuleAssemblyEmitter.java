package dev.winelib.asm;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import dev.winelib.spec.EntryType;
import dev.winelib.spec.ExportEntry;
import dev.winelib.spec.ExportFlag;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.resources.ResourceTable;

/**
 * Writes the assembly of a winelib module: the PE header reserve in {@code .init}, the
 * {@code __wine_spec_nt_header} that Wine's loader looks up, the export directory with absolute
 * addresses, and stub entry points, for the spec's CPU: x86_64, or i386 with 32-bit addresses,
 * the PE32 optional header and position-independent thunks (they find their own address
 * through {@code __wine_spec_get_pc_thunk_eax}, as winebuild {@code -m32 -fPIC} writes them).
 * The text is the same for the same inputs.
 */
public final class ModuleAssemblyEmitter {

    /** Bytes reserved in {@code .init} for the headers Wine writes at the module base. */
    public static final int PE_HEADER_RESERVE = 0x11000;
    public static final int PAGE_SIZE = 0x1000;

    private final String generator;

    /** @param generator name and version written into the file's first comment */
    public ModuleAssemblyEmitter(String generator) {
        this.generator = generator;
    }

    public String emit(ModuleSpec spec, ModuleOptions options) {
        return emit(spec, options, ModuleImports.none());
    }

    /** The module's assembly text, with import and delay-import directories for {@code imports}. */
    public String emit(ModuleSpec spec, ModuleOptions options, ModuleImports imports) {
        return emit(spec, options, imports, ResourceTable.empty());
    }

    /**
     * The module's assembly text, with import and delay-import directories for {@code imports} and
     * a resource directory for {@code resources}.
     */
    public String emit(ModuleSpec spec, ModuleOptions options, ModuleImports imports, ResourceTable resources) {
        StringWriter out = new StringWriter();
        emit(spec, options, imports, resources, out);
        return out.toString();
    }

    /**
     * Writes the module's assembly text to {@code out} as it is made (say into an
     * {@link dev.winelib.asm.elf.AssemblyWriter}, so that the whole text never exists at once).
     */
    public void emit(ModuleSpec spec, ModuleOptions options, ModuleImports imports, ResourceTable resources,
            java.io.Writer out) {
        String timestamp = Long.toString(options.timeDateStamp()
                .orElse(Integer.toUnsignedLong(fileNameHash(spec.fileName()))));
        ModuleText.write(new ModuleText.Context(spec, options, generator.replace("*/", "* /"),
                sanitizeComment(spec.source()), timestamp), imports, resources, out);
    }

    /** The FNV-1 hash of the module file name that winebuild writes as TimeDateStamp. */
    public static int fileNameHash(String fileName) {
        return fileNameHash(fileName.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * The FNV-1 hash of a file name's bytes as winebuild computes it (each byte taken as a signed
     * {@code char}, as on x86).
     */
    public static int fileNameHash(byte[] fileName) {
        int hash = 0x811c9dc5;
        for (byte b : fileName) {
            hash = (hash * 16777619) ^ b;
        }
        return hash;
    }

    /** The local symbol that implements a stub entry point. */
    public static String stubSymbol(ExportEntry entry, ModuleSpec spec) {
        if (entry.declaredName().isPresent()) {
            String candidate = "__wine_stub_" + entry.declaredName().get();
            if (candidate.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 0x80 || c == '_')) {
                return candidate;
            }
        }
        return "__wine_stub_" + AsmText.cIdentifier(spec.fileName()) + "_" + entry.ordinal();
    }

    /** The local thunk an {@code -import} export points at. */
    public static String importThunkSymbol(ExportEntry entry) {
        return "__wine_spec_imp_" + entry.declaredName().orElse(Integer.toString(entry.ordinal()));
    }

    /** The symbol an export slot holds, for entries that are not forwards. */
    public static String slotSymbol(ExportEntry entry, ModuleSpec spec) {
        if (entry.type() == EntryType.STUB) {
            return stubSymbol(entry, spec);
        }
        if (entry.hasFlag(ExportFlag.IMPORT)) {
            return importThunkSymbol(entry);
        }
        return entry.linkSymbol(spec.cpu());
    }

    private static String sanitizeComment(String text) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString().replace("*/", "*?/");
    }
}
