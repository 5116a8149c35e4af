package dev.winelib.toolchain.glibc;

import java.util.List;

/**
 * What {@link GlibcBaselineCheck} found in a linked module.
 *
 * @param tooNew the glibc symbol versions the module needs that the baseline glibc lacks (a
 *        failure: the dynamic loader refuses the module with "version `GLIBC_2.34' not found")
 * @param neededLibraries the module's {@code DT_NEEDED} entries, in order
 * @param warnings one per needed library the Steam Runtime 'sniper' does not provide (not a
 *        failure: the library may still be there on the user's system or shipped with the game)
 */
public record BaselineReport(List<VersionedReference> tooNew, List<String> neededLibraries, List<String> warnings) {

    public BaselineReport {
        tooNew = List.copyOf(tooNew);
        neededLibraries = List.copyOf(neededLibraries);
        warnings = List.copyOf(warnings);
    }

    /** Whether the module needs no glibc version newer than the baseline. Warnings do not count. */
    public boolean passes() {
        return tooNew.isEmpty();
    }

    /**
     * One message for the build's error output: each symbol, its version and library, the objects
     * that referenced it, and what to do about it.
     */
    public String failureMessage(GlibcVersion baseline) {
        if (passes()) {
            return "the module needs no glibc symbol version newer than glibc " + baseline;
        }
        StringBuilder m = new StringBuilder();
        m.append("the module needs glibc symbol versions newer than glibc ").append(baseline)
                .append(", the baseline (the Steam Runtime 'sniper' that Proton runs in has glibc ")
                .append(GlibcVersion.STEAM_RUNTIME_SNIPER)
                .append("); on a system with an older glibc the dynamic loader refuses the DLL (\"version `")
                .append(tooNew.get(0).version()).append("' not found\") and Wine cannot load it:\n");
        int width = tooNew.stream().mapToInt(r -> r.symbol().length()).max().orElse(0);
        boolean symbols = false;
        boolean privateVersion = false;
        boolean abiMarker = false;
        for (VersionedReference r : tooNew) {
            m.append("  ").append(r.symbol()).append(" ".repeat(width - r.symbol().length())).append("  ")
                    .append(r.version()).append(" (").append(r.library()).append("), ");
            if (r.withoutSymbol()) {
                m.append("a version the module needs without any symbol using it");
            } else if (r.referencedBy().isEmpty()) {
                m.append("referenced by none of the given objects (the C runtime start files"
                        + " or a static library pulled it in)");
            } else {
                List<String> by = r.referencedBy();
                m.append("referenced by ").append(String.join(", ", by.subList(0, Math.min(by.size(), 3))));
                if (by.size() > 3) {
                    m.append(" and ").append(by.size() - 3).append(" more");
                }
            }
            m.append('\n');
            symbols |= !r.withoutSymbol() && !GlibcVersion.PRIVATE.equals(r.version());
            privateVersion |= GlibcVersion.PRIVATE.equals(r.version());
            abiMarker |= r.version().startsWith("GLIBC_ABI_");
        }
        m.append("What to do:\n");
        m.append("  - build against a sysroot whose glibc is ").append(baseline)
                .append(" or older (winebuild-j's sysroot setting; the Steam Runtime 'sniper' SDK or Debian 11"
                        + " 'bullseye' have glibc 2.31): most functions exist there under an older version (glibc 2.33"
                        + " and 2.34 gave stat, pthread_create, dlopen and others new ones) and the linker binds that"
                        + " one, while a function that does not exist there becomes a link error naming it;\n");
        if (symbols) {
            m.append("  - for a function the baseline glibc lacks: do not call it, or look it up at run time with"
                    + " dlsym() and fall back when it is missing (a new system call wrapper such as close_range can be"
                    + " replaced by syscall(), which works on any glibc);\n");
        }
        if (privateVersion) {
            m.append("  - GLIBC_PRIVATE is the interface between glibc's own libraries, not an ABI: no other glibc"
                    + " build is guaranteed to have these symbols; stop using them;\n");
        }
        if (abiMarker) {
            m.append("  - a GLIBC_ABI_* version comes from a linker feature the older dynamic loader does not know"
                    + " (GLIBC_ABI_DT_RELR: packed relative relocations); link without it (no -z pack-relative-relocs,"
                    + " no --pack-dyn-relocs=relr);\n");
        }
        m.setLength(m.length() - 2);
        m.append('.');
        return m.toString();
    }
}
