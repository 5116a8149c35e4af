package dev.winelib.unixlib;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The member types of a unix call's parameter structure: types whose size and alignment are the
 * same for the PE half (x86_64 Windows, LLP64) and the Unix half (x86_64 Linux, LP64). Each has a
 * short keyword and its {@code <stdint.h>} spelling; {@code wchar} is a UTF-16 code unit
 * ({@code uint16_t}, the same type as {@code WCHAR} in mingw's C headers).
 */
public enum ScalarType {
    INT8("int8", "int8_t", 1),
    UINT8("uint8", "uint8_t", 1),
    INT16("int16", "int16_t", 2),
    UINT16("uint16", "uint16_t", 2),
    INT32("int32", "int32_t", 4),
    UINT32("uint32", "uint32_t", 4),
    INT64("int64", "int64_t", 8),
    UINT64("uint64", "uint64_t", 8),
    FLOAT("float", "float", 4),
    DOUBLE("double", "double", 8),
    CHAR("char", "char", 1),
    WCHAR("wchar", "uint16_t", 2),
    /** Only as the target of a pointer. */
    VOID("void", "void", 0);

    private final String keyword;
    private final String cType;
    private final int size;

    ScalarType(String keyword, String cType, int size) {
        this.keyword = keyword;
        this.cType = cType;
        this.size = size;
    }

    /** The name used in a {@code .unixcalls} file. */
    public String keyword() {
        return keyword;
    }

    /** The C spelling in the generated header. */
    public String cType() {
        return cType;
    }

    /** Size in bytes, which is also the alignment, on both halves (0 for void). */
    public int size() {
        return size;
    }

    /** The type a word names: its keyword or, for the integer types, its {@code <stdint.h>} name. */
    public static Optional<ScalarType> fromWord(String word) {
        return Arrays.stream(values())
                .filter(t -> t.keyword.equals(word) || (t.cType.endsWith("_t") && t != WCHAR && t.cType.equals(word)))
                .findFirst();
    }

    /** Every word {@link #fromWord} accepts, for messages. */
    public static List<String> words() {
        return Arrays.stream(values()).map(ScalarType::keyword).toList();
    }
}
