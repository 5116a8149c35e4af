package dev.winelib.asm;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.winelib.spec.EntryType;
import dev.winelib.spec.ExportEntry;
import dev.winelib.spec.ExportFlag;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.TargetCpu;
import dev.winelib.resources.ResourceTable;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;

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

    private static final Configuration FREEMARKER = createConfiguration();

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
        Map<String, Object> model = new HashMap<>();
        TargetCpu cpu = spec.cpu();
        boolean i386 = cpu == TargetCpu.I386;
        model.put("i386", i386);
        model.put("ptr", i386 ? ".long" : ".quad");
        model.put("ptrSize", cpu.pointerSize());
        model.put("resources", ResourceModel.of(resources));
        model.put("imports", ImportModel.of(imports, cpu));
        model.put("stubRuntime", options.stubRuntime());
        model.put("generator", generator.replace("*/", "* /"));
        model.put("source", sanitizeComment(spec.source()));
        model.put("reserve", PE_HEADER_RESERVE);
        model.put("pageSize", PAGE_SIZE);
        model.put("timestamp", Long.toString(options.timeDateStamp()
                .orElse(Integer.toUnsignedLong(fileNameHash(spec.fileName())))));
        model.put("characteristics", hex4(options.characteristics()));
        model.put("subsystem", hex4(options.subsystem()));
        model.put("subsystemMajor", options.subsystemMajor());
        model.put("subsystemMinor", options.subsystemMinor());
        model.put("dllCharacteristics", hex4(options.dllCharacteristics()));
        model.put("stackReserve", (long) options.stackReserveKib() * 1024);
        model.put("heapReserve", (long) options.heapReserveKib() * 1024);
        model.put("entryPoint", options.entryPoint().map(AsmText::symbol).orElse("0"));
        model.put("entryPointOptional", options.entryPoint().isPresent() && options.entryPointOptional());
        Map<String, Object> exports = exportModel(spec);
        List<Map<String, Object>> stubs = stubModel(spec);
        Map<String, Object> relay = RelayModel.of(spec);
        model.put("exports", exports);
        model.put("stubs", stubs);
        model.put("relay", relay);
        model.put("needsPcThunk", i386 && (stubs.size() > 0 && options.stubRuntime() || relay != null
                || !((List<?>) exports.get("importThunks")).isEmpty() || !imports.immediate().isEmpty()
                || !imports.delayed().isEmpty()));
        return render("module.s.ftl", model);
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

    private static Map<String, Object> exportModel(ModuleSpec spec) {
        List<String> slots = new ArrayList<>();
        List<String> forwards = new ArrayList<>();
        List<Map<String, Object>> importThunks = new ArrayList<>();
        int forwardOffset = 0;
        for (int ordinal = spec.base(); ordinal <= spec.limit(); ordinal++) {
            ExportEntry e = spec.atOrdinal(ordinal).orElse(null);
            if (e == null) {
                slots.add("0");
            } else if (e.forward()) {
                slots.add(".L__wine_spec_forwards+" + forwardOffset);
                forwards.add(AsmText.stringLiteral(e.target()));
                forwardOffset += AsmText.storedLength(e.target());
            } else {
                slots.add(AsmText.symbol(slotSymbol(e, spec)));
                if (e.type() != EntryType.STUB && e.hasFlag(ExportFlag.IMPORT)) {
                    Map<String, Object> thunk = new HashMap<>();
                    thunk.put("symbol", AsmText.symbol(importThunkSymbol(e)));
                    thunk.put("iatSlot", AsmText.symbol("__imp_" + e.linkSymbol(spec.cpu())));
                    importThunks.add(thunk);
                }
            }
        }
        List<String> names = new ArrayList<>();
        List<Integer> nameOffsets = new ArrayList<>();
        List<Integer> nameOrdinals = new ArrayList<>();
        names.add(AsmText.stringLiteral(spec.fileName()));
        int offset = AsmText.storedLength(spec.fileName());
        for (ExportEntry e : spec.namedEntries()) {
            String name = e.exportedName().orElseThrow();
            names.add(AsmText.stringLiteral(name));
            nameOffsets.add(offset);
            nameOrdinals.add(e.ordinal() - spec.base());
            offset += AsmText.storedLength(name);
        }
        Map<String, Object> m = new HashMap<>();
        m.put("base", spec.base());
        m.put("slots", slots);
        m.put("nameOffsets", nameOffsets);
        m.put("nameOrdinals", nameOrdinals);
        m.put("names", names);
        m.put("forwards", forwards);
        m.put("importThunks", importThunks);
        return m;
    }

    private static List<Map<String, Object>> stubModel(ModuleSpec spec) {
        List<Map<String, Object>> stubs = new ArrayList<>();
        for (ExportEntry e : spec.entries()) {
            if (e.type() == EntryType.STUB) {
                Map<String, Object> s = new HashMap<>();
                s.put("symbol", AsmText.symbol(stubSymbol(e, spec)));
                s.put("label", ".L__wine_stub_string_" + stubs.size());
                s.put("name", e.declaredName().map(AsmText::stringLiteral).orElse(""));
                s.put("ordinal", e.ordinal());
                stubs.add(s);
            }
        }
        return stubs;
    }

    private static String hex4(int value) {
        return String.format(Locale.ROOT, "0x%04x", value);
    }

    private static String sanitizeComment(String text) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString().replace("*/", "*?/");
    }

    static String render(String templateName, Map<String, Object> model) {
        try {
            Template template = FREEMARKER.getTemplate(templateName);
            StringWriter out = new StringWriter();
            template.process(model, out);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load assembly template " + templateName, e);
        } catch (TemplateException e) {
            throw new IllegalStateException("assembly template " + templateName + " failed: " + e.getMessage(), e);
        }
    }

    private static Configuration createConfiguration() {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_33);
        cfg.setClassForTemplateLoading(ModuleAssemblyEmitter.class, "/dev/winelib/asm");
        cfg.setDefaultEncoding("UTF-8");
        cfg.setLocale(Locale.ROOT);
        cfg.setNumberFormat("computer");
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        return cfg;
    }
}
