package dev.winelib.spec;

import java.util.Arrays;
import java.util.Optional;

/** Flags written as {@code -name} between the entry type and the export name. */
public enum ExportFlag {
    /** Excluded from relay tracing. */
    NORELAY("norelay"),
    /** Exported by ordinal only: no entry in the name table. */
    NONAME("noname"),
    /** 16-bit return value: refused, 16-bit modules are not supported. */
    RET16("ret16"),
    /** Returns a 64-bit value (matters only to 32-bit relay tracing). */
    RET64("ret64"),
    /** 16-bit register function: refused, 16-bit modules are not supported. */
    REGISTER("register"),
    /** Not exported to the import library; still in the export table. */
    PRIVATE("private"),
    /** Named in the export table, but imported by ordinal by import libraries. */
    ORDINAL("ordinal"),
    /** i386 thiscall convention; no effect on x86_64. */
    THISCALL("thiscall"),
    /** i386 fastcall convention; no effect on x86_64. */
    FASTCALL("fastcall"),
    /** A system call entry of ntdll/win32u. */
    SYSCALL("syscall"),
    /** The export is implemented by the function of the same name imported from another DLL. */
    IMPORT("import");

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
