package dev.winelib.unixlib;

import java.util.Objects;

import dev.winelib.spec.SourceLocation;

/**
 * One member of a unix call's parameter structure, as declared in a {@code .unixcalls} file:
 * {@code [const] TYPE [*...] NAME [[LENGTH]]}.
 *
 * @param name the member name (a checked C identifier)
 * @param type the scalar type, or the pointer's target type
 * @param constTarget whether the pointer's target is {@code const}
 * @param pointerDepth how many {@code *}: 0 for a plain value
 * @param arrayLength the element count of an array member, 0 for a single value
 * @param location where it was declared
 */
public record ParamMember(String name, ScalarType type, boolean constTarget, int pointerDepth, int arrayLength,
        SourceLocation location) {

    /** Pointer size and alignment in the 64-bit halves. */
    static final int POINTER_SIZE_64 = 8;
    /** Pointer size and alignment in a 32-bit PE half (WOW64). */
    static final int POINTER_SIZE_32 = 4;

    public ParamMember {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(location, "location");
        if (pointerDepth < 0 || arrayLength < 0) {
            throw new IllegalArgumentException("negative pointer depth or array length");
        }
        if (type == ScalarType.VOID && pointerDepth == 0) {
            throw new IllegalArgumentException("void member " + name + " without a pointer");
        }
        if (constTarget && pointerDepth == 0) {
            throw new IllegalArgumentException("const member " + name + " without a pointer");
        }
    }

    public boolean isPointer() {
        return pointerDepth > 0;
    }

    /** Size of one element in the 64-bit layout. */
    int elementSize64() {
        return isPointer() ? POINTER_SIZE_64 : type.size();
    }

    /** Size of one element in the 32-bit (WOW64) layout: pointers shrink to 4 bytes. */
    int elementSize32() {
        return isPointer() ? POINTER_SIZE_32 : type.size();
    }

    private int count() {
        return arrayLength == 0 ? 1 : arrayLength;
    }

    /** The C declaration in the parameter structure, e.g. {@code const char *text} or {@code int32_t v[4]}. */
    public String cDeclaration() {
        StringBuilder b = new StringBuilder();
        if (constTarget) {
            b.append("const ");
        }
        b.append(type.cType()).append(' ');
        b.append("*".repeat(pointerDepth));
        b.append(name);
        if (arrayLength > 0) {
            b.append('[').append(arrayLength).append(']');
        }
        return b.toString();
    }

    /**
     * The C declaration in the 32-bit structure a WOW64 function receives: a pointer becomes the
     * 32-bit address it holds there ({@code uint32_t}).
     */
    public String cDeclaration32() {
        if (!isPointer()) {
            return cDeclaration();
        }
        return "uint32_t " + name + (arrayLength > 0 ? "[" + arrayLength + "]" : "");
    }

    /** A description for comments: the declaration as written in the {@code .unixcalls} file. */
    public String declared() {
        return (constTarget ? "const " : "") + type.keyword() + " " + "*".repeat(pointerDepth) + name
                + (arrayLength > 0 ? "[" + arrayLength + "]" : "");
    }

    int size64() {
        return elementSize64() * count();
    }

    int size32() {
        return elementSize32() * count();
    }
}
