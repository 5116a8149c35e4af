package dev.winelib.spec;

import java.util.Optional;

/**
 * Writes a module's exports as a Windows module-definition file ({@code .def}), line for line as
 * winebuild's {@code --def} mode writes it for the spec's CPU: {@code LIBRARY}, then under
 * {@code EXPORTS} one line per named entry in declaration order with its ordinal,
 * {@code =link_name} when the implementation has another name (or is a forward), {@code NONAME}
 * for entries imported by ordinal, {@code DATA} for variables and {@code PRIVATE} for private
 * entries and stubs. For i386, stdcall functions and stubs carry the decoration {@code @N} (the
 * bytes of their arguments), and the {@code =link_name} of thiscall and fastcall functions is
 * the wrapper symbol ({@code __thiscall_NAME}, {@code __fastcall_NAME}).
 */
public final class DefFileWriter {

    /**
     * How to write.
     *
     * @param importOnly the variant an import-library tool reads: no stubs and no {@code =link_name}
     * @param generatedFrom the spec file name written in the first comment, if any
     * @param killAt winebuild's {@code -k}: no i386 stdcall decorations
     */
    public record Options(boolean importOnly, Optional<String> generatedFrom, boolean killAt) {
        public Options {
            java.util.Objects.requireNonNull(generatedFrom, "generatedFrom");
        }

        /** Options keeping the i386 stdcall decorations. */
        public Options(boolean importOnly, Optional<String> generatedFrom) {
            this(importOnly, generatedFrom, false);
        }
    }

    private DefFileWriter() {
    }

    /** The .def text. */
    public static String write(ModuleSpec spec, Options options) {
        StringBuilder out = new StringBuilder();
        out.append("; File generated automatically")
                .append(options.generatedFrom().isPresent() ? " from " + options.generatedFrom().get() : "")
                .append("; do not edit!\n\n");
        out.append("LIBRARY ").append(spec.fileName()).append("\n\n");
        out.append("EXPORTS\n");
        for (ExportEntry e : spec.entries()) {
            // (no lambdas on this path: each lambda's call site is linked on its first use, which every short
            // run of the command line pays)
            Optional<String> shown = e.exportedName().isPresent() ? e.exportedName() : e.declaredName();
            if (shown.isEmpty()) {
                continue;
            }
            if (options.importOnly() && e.type() == EntryType.STUB) {
                continue;
            }
            // i386 decorations (@N) do not exist on x86_64; the '@' winebuild puts before fastcall names is
            // for PE targets only, which do not get here
            String name = shown.get();
            out.append("  ").append(name);
            boolean decorated = spec.cpu() == TargetCpu.I386 && !options.killAt()
                    && (e.type() == EntryType.STDCALL || e.type() == EntryType.STUB);
            if (decorated) {
                out.append('@').append(e.argumentBytes(spec.cpu()));
            }
            boolean data = e.type() == EntryType.EXTERN;
            boolean isPrivate = e.hasFlag(ExportFlag.PRIVATE) || e.type() == EntryType.STUB;
            if (e.type() != EntryType.STUB && !options.importOnly() && (e.forward() || !name.equals(e.target()))) {
                out.append('=').append(e.forward() ? e.target() : e.linkSymbol(spec.cpu()));
            }
            out.append(" @").append(e.ordinal());
            if (e.exportedName().isEmpty() || e.hasFlag(ExportFlag.ORDINAL)) {
                out.append(" NONAME");
            }
            if (data) {
                out.append(" DATA");
            }
            if (isPrivate) {
                out.append(" PRIVATE");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * Whether an import library of the module would import anything: some named entry is not
     * private. winebuild warns when none is.
     */
    public static boolean exportsAnything(ModuleSpec spec) {
        for (ExportEntry e : spec.entries()) {
            if ((e.exportedName().isPresent() || e.declaredName().isPresent()) && !e.hasFlag(ExportFlag.PRIVATE)) {
                return true;
            }
        }
        return false;
    }
}
