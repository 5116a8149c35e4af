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

    static final int R_386_32 = 1;
    static final int R_386_PC32 = 2;
    static final int R_386_16 = 20;
    static final int R_386_PC16 = 21;
    static final int R_386_8 = 22;
    static final int R_386_PC8 = 23;

    /** The bytes an i386 relocation of this type patches (its in-place addend's size). */
    int i386FieldSize() {
        return switch (type) {
            case R_386_16, R_386_PC16 -> 2;
            case R_386_8, R_386_PC8 -> 1;
            default -> 4;
        };
    }
}
