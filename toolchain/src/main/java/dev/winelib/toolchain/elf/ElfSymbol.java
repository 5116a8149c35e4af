package dev.winelib.toolchain.elf;

/**
 * An ELF symbol table entry.
 *
 * @param name the symbol name
 * @param value st_value
 * @param size st_size
 * @param binding STB_* (0 local, 1 global, 2 weak)
 * @param type STT_* (0 notype, 1 object, 2 func, ...)
 * @param visibility STV_* (0 default, 2 hidden, ...)
 * @param sectionIndex st_shndx (0 undefined)
 */
public record ElfSymbol(String name, long value, long size, int binding, int type, int visibility, int sectionIndex) {
    public static final int STB_LOCAL = 0;
    public static final int STB_GLOBAL = 1;
    public static final int STB_WEAK = 2;
    public static final int SHN_UNDEF = 0;

    public boolean isDefined() {
        return sectionIndex != SHN_UNDEF;
    }

    public boolean isGlobalOrWeak() {
        return binding == STB_GLOBAL || binding == STB_WEAK;
    }
}
