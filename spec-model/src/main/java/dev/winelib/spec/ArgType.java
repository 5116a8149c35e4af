package dev.winelib.spec;

import java.util.Arrays;
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
        return Arrays.stream(values()).filter(t -> t.keyword.equals(keyword)).findFirst();
    }
}
