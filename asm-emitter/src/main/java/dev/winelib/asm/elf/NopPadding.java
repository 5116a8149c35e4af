package dev.winelib.asm.elf;

/**
 * The NOP sequences GNU as pads code with. x86-64 (generic tuning): the longest of its eleven
 * single-instruction NOPs repeated, then one NOP for the rest. i386 ({@code --32}, i386
 * architecture): the longest of its seven {@code nop}/{@code lea} patterns repeated, then one for
 * the rest; padding of more than 20 bytes starts with a {@code jmp} over the rest.
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

    private static final int LONGEST = NOPS.length - 1;

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

    private static final int LONGEST_32 = NOPS_32.length - 1;
    /** i386: the most padding written as NOPs only; more starts with a jump. */
    private static final int MOST_WITHOUT_JUMP_32 = 20;

    private NopPadding() {
    }

    /** i386 padding of {@code count} bytes at {@code at}. */
    static void write32(byte[] target, int at, int count) {
        if (count > MOST_WITHOUT_JUMP_32) {
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
        while (count > LONGEST_32) {
            System.arraycopy(NOPS_32[LONGEST_32], 0, target, at, LONGEST_32);
            at += LONGEST_32;
            count -= LONGEST_32;
        }
        System.arraycopy(NOPS_32[count], 0, target, at, count);
    }

    /** x86-64 padding of {@code count} bytes at {@code at}. */
    static void write(byte[] target, int at, int count) {
        while (count > LONGEST) {
            System.arraycopy(NOPS[LONGEST], 0, target, at, LONGEST);
            at += LONGEST;
            count -= LONGEST;
        }
        System.arraycopy(NOPS[count], 0, target, at, count);
    }
}
