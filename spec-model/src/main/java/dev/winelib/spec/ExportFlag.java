package dev.winelib.spec;

import java.util.Arrays;
import java.util.Optional;

/** Flags written as {@code -name} between the entry type and the export name. */
public enum ExportFlag {
    /** Not exported to the import library; still in the export table. */
    PRIVATE("private"),
    /** Exported by ordinal only: no entry in the name table. */
    NONAME("noname"),
    /** Named in the export table, but imported by ordinal by import libraries. */
    ORDINAL("ordinal"),
    /** Excluded from relay tracing. */
    NORELAY("norelay");

    private final String keyword;

    ExportFlag(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    public static Optional<ExportFlag> fromKeyword(String keyword) {
        return Arrays.stream(values()).filter(f -> f.keyword.equals(keyword)).findFirst();
    }
}
