package dev.winelib.spec;

import java.util.Optional;

/** The kind of an entry point, as written after the ordinal in a .spec line. */
public enum EntryType {
    STDCALL("stdcall"),
    CDECL("cdecl"),
    VARARGS("varargs"),
    EXTERN("extern"),
    STUB("stub");

    private final String keyword;

    EntryType(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    /** Functions carry an argument list; {@code extern} names data and {@code stub} has none of its own. */
    public boolean isFunction() {
        return this == STDCALL || this == CDECL || this == VARARGS;
    }

    public static Optional<EntryType> fromKeyword(String keyword) {
        return Optional.ofNullable(ByKeyword.MAP.get(keyword));
    }

    /** The type a keyword names, or null ({@link #fromKeyword} without an {@code Optional}, for the reader). */
    static EntryType byKeyword(String keyword) {
        return ByKeyword.MAP.get(keyword);
    }

    /** The types by keyword (a holder: enum constants are not yet there while the enum's own fields start). */
    private static final class ByKeyword {
        static final java.util.Map<String, EntryType> MAP = new java.util.HashMap<>();

        static {
            for (EntryType t : values()) {
                MAP.put(t.keyword, t);
            }
        }
    }
}
