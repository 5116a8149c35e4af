package dev.winelib.unixlib;

import java.util.ArrayList;
import java.util.List;

/**
 * Member offsets and size of a parameter structure under the C rules both compilers follow for
 * these member types: each member at the next multiple of its alignment (its element size), the
 * structure's size a multiple of its largest alignment. The generated header asserts these values
 * at compile time in both halves, so a difference (a {@code #pragma pack}, a 32-bit compiler) fails
 * the build instead of corrupting memory.
 *
 * @param offsets byte offset of each member, in declaration order
 * @param size the structure's size
 * @param alignment the structure's alignment
 */
public record StructLayout(List<Integer> offsets, int size, int alignment) {

    public StructLayout {
        offsets = List.copyOf(offsets);
    }

    /** The layout in the 64-bit halves (and the parameters a 64-bit PE passes). */
    public static StructLayout of64(List<ParamMember> members) {
        return compute(members, false);
    }

    /** The layout a 32-bit PE half passes under WOW64: pointers take 4 bytes. */
    public static StructLayout of32(List<ParamMember> members) {
        return compute(members, true);
    }

    private static StructLayout compute(List<ParamMember> members, boolean wow64) {
        List<Integer> offsets = new ArrayList<>();
        long offset = 0;
        int alignment = 1;
        for (ParamMember m : members) {
            int align = wow64 ? m.elementSize32() : m.elementSize64();
            long size = wow64 ? m.size32() : m.size64();
            offset = roundUp(offset, align);
            offsets.add(Math.toIntExact(offset));
            offset += size;
            alignment = Math.max(alignment, align);
        }
        return new StructLayout(offsets, Math.toIntExact(roundUp(offset, alignment)), alignment);
    }

    private static long roundUp(long value, int alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }
}
