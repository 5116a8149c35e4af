package dev.winelib.toolchain.glibc;

import java.util.List;
import java.util.Objects;

/**
 * A symbol version a linked module needs that the baseline glibc lacks.
 *
 * @param symbol the undefined dynamic symbol bound to that version, or {@link #NO_SYMBOL} when the
 *        module needs the version without any symbol using it (a version need of its own, such as
 *        {@code GLIBC_ABI_DT_RELR})
 * @param library the library the version is needed from ({@code vn_file}), e.g. {@code libc.so.6}
 * @param version the version name, e.g. {@code GLIBC_2.34}
 * @param referencedBy the input objects (paths as given to the check) whose undefined symbols
 *        include {@code symbol}; empty when none of them does (the reference then came from the C
 *        runtime start files or a static library such as libgcc.a)
 */
public record VersionedReference(String symbol, String library, String version, List<String> referencedBy) {

    /** The {@link #symbol} of a version the module needs with no symbol using it. */
    public static final String NO_SYMBOL = "(none)";

    public VersionedReference {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(version, "version");
        referencedBy = List.copyOf(referencedBy);
    }

    /** Whether this is a version need with no symbol using it. */
    public boolean withoutSymbol() {
        return NO_SYMBOL.equals(symbol);
    }
}
