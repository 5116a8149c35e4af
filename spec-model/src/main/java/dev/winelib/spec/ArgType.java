package dev.winelib.spec;

import java.util.Optional;

/** Argument types of a 32/64-bit spec entry point. */
public enum ArgType {
    LONG("long", 'i'),
    PTR("ptr", 'p'),
    STR("str", 's'),
    WSTR("wstr", 'w'),
    INT64("int64", 'j'),
    INT128("int128", 'k'),
    FLOAT("float", 'f'),
    DOUBLE("double", 'd');

    private final String keyword;
    private final char relayCode;

    ArgType(String keyword, char relayCode) {
        this.keyword = keyword;
        this.relayCode = relayCode;
    }

    public String keyword() {
        return keyword;
    }

    /** The letter Wine's relay tracer uses to print an argument of this type. */
    public char relayCode() {
        return relayCode;
    }

    public static Optional<ArgType> fromKeyword(String keyword) {
        return Optional.ofNullable(ByKeyword.MAP.get(keyword));
    }

    /** The type a keyword names, or null ({@link #fromKeyword} without an {@code Optional}, for the reader). */
    static ArgType byKeyword(String keyword) {
        return ByKeyword.MAP.get(keyword);
    }

    /** The types by keyword (a holder: enum constants are not yet there while the enum's own fields start). */
    private static final class ByKeyword {
        static final java.util.Map<String, ArgType> MAP = new java.util.HashMap<>();

        static {
            for (ArgType t : values()) {
                MAP.put(t.keyword, t);
            }
        }
    }
}
