package dev.winelib.toolchain.imports;

import java.util.Objects;
import java.util.Optional;

/**
 * One importable export of a DLL.
 *
 * @param name the name C code uses for the export: its name in the export name table, or, for an export
 *     that is imported by ordinal ({@code -noname}), the name its definition gives it (a {@code .spec}
 *     file or a Unix import library know it, a PE DLL does not). Empty when only the ordinal is known.
 * @param ordinal the export's ordinal
 * @param hint the index of the name in the DLL's sorted export name table (a lookup hint for the
 *     loader); 0 when unknown (Unix import libraries) or when the export has no name there
 * @param data whether the export is a variable rather than a function ({@code extern} in a
 *     {@code .spec}; for a PE DLL, an export outside executable sections)
 * @param byOrdinal whether an import of this export must go by ordinal: it has no name in the export
 *     name table ({@code -noname}), or its definition asks for imports by ordinal ({@code -ordinal})
 */
public record ImportableExport(Optional<String> name, int ordinal, int hint, boolean data, boolean byOrdinal) {

    public ImportableExport {
        Objects.requireNonNull(name, "name");
        if (name.isPresent() && name.get().isEmpty()) {
            throw new IllegalArgumentException("an export name cannot be empty");
        }
        if (ordinal < 0 || ordinal > 0xffff) {
            throw new IllegalArgumentException("ordinal " + ordinal + " outside 0..65535");
        }
        if (hint < 0) {
            throw new IllegalArgumentException("negative hint " + hint);
        }
        if (name.isEmpty() && !byOrdinal) {
            throw new IllegalArgumentException("an export without a name can only be imported by ordinal");
        }
    }

    /** An export imported by name. */
    public static ImportableExport named(String name, int ordinal, int hint, boolean data) {
        return new ImportableExport(Optional.of(name), ordinal, hint, data, false);
    }

    @Override
    public String toString() {
        return name.orElse("@") + "@" + ordinal + (data ? " (data)" : "") + (byOrdinal ? " (by ordinal)" : "");
    }
}
