package dev.winelib.asm.elf;

/**
 * A relocation of the object: at {@code offset} of its section, of {@code type}, against a symbol
 * or (for local targets, as GNU as does) the section symbol of the target's section.
 */
record Relocation(long offset, int type, AsmSymbol symbol, AsmSection section, long addend) {

    static final int R_X86_64_64 = 1;
    static final int R_X86_64_PC32 = 2;
    static final int R_X86_64_PLT32 = 4;
    static final int R_X86_64_32 = 10;
    static final int R_X86_64_16 = 12;
    static final int R_X86_64_PC16 = 13;
    static final int R_X86_64_8 = 14;
    static final int R_X86_64_PC8 = 15;
    static final int R_X86_64_PC64 = 24;
}
