package dev.winelib.asm.elf;

/**
 * The NOP sequences GNU as pads code with: x86-64 (generic tuning) the longest of its eleven
 * single-instruction NOPs repeated, then one NOP for the rest; i386 ({@code --32}, i386
 * architecture) the same with its seven {@code nop}/{@code lea} patterns. Longer padding (more
 * than 87 bytes on x86-64, 20 on i386) starts with a {@code jmp} over the rest.
 */
final class NopPadding {

    private static final byte[][] NOPS = {
        {},
        {(byte) 0x90},
        {0x66, (byte) 0x90},
        {0x0f, 0x1f, 0x00},
        {0x0f, 0x1f, 0x40, 0x00},
        {0x0f, 0x1f, 0x44, 0x00, 0x00},
        {0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00},
        {0x0f, 0x1f, (byte) 0x80, 0x00, 0x00, 0x00, 0x00},
        {0x0f, 0x1f, (byte) 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
        {0x66, 0x0f, 0x1f, (byte) 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
        {0x66, 0x2e, 0x0f, 0x1f, (byte) 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
        {0x66, 0x66, 0x2e, 0x0f, 0x1f, (byte) 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
    };


    private static final byte[][] NOPS_32 = {
        {},
        {(byte) 0x90},
        {0x66, (byte) 0x90},
        {(byte) 0x8d, 0x76, 0x00},
        {(byte) 0x8d, 0x74, 0x26, 0x00},
        {(byte) 0x8d, 0x74, 0x26, 0x00, (byte) 0x90},
        {(byte) 0x8d, (byte) 0xb6, 0x00, 0x00, 0x00, 0x00},
        {(byte) 0x8d, (byte) 0xb4, 0x26, 0x00, 0x00, 0x00, 0x00},
    };

    /** i386: the most padding written as NOPs only; more starts with a jump. */
    private static final int MOST_WITHOUT_JUMP_32 = 20;

    private NopPadding() {
    }

    /** x86-64: the most padding written as NOPs only; more starts with a jump. */
    private static final int MOST_WITHOUT_JUMP = 87;

    /** i386 padding of {@code count} bytes at {@code at}. */
    static void write32(byte[] target, int at, int count) {
        write(target, at, count, NOPS_32, MOST_WITHOUT_JUMP_32);
    }

    /** x86-64 padding of {@code count} bytes at {@code at}. */
    static void write(byte[] target, int at, int count) {
        write(target, at, count, NOPS, MOST_WITHOUT_JUMP);
    }

    private static void write(byte[] target, int at, int count, byte[][] nops, int mostWithoutJump) {
        if (count > mostWithoutJump) {
            int rest = count - 2;
            if (rest <= Byte.MAX_VALUE) {
                target[at++] = (byte) 0xeb;
                target[at++] = (byte) rest;
            } else {
                rest = count - 5;
                target[at++] = (byte) 0xe9;
                for (int i = 0; i < 4; i++) {
                    target[at++] = (byte) (rest >>> (8 * i));
                }
            }
            count = rest;
        }
        int longest = nops.length - 1;
        while (count > longest) {
            System.arraycopy(nops[longest], 0, target, at, longest);
            at += longest;
            count -= longest;
        }
        System.arraycopy(nops[count], 0, target, at, count);
    }
}
