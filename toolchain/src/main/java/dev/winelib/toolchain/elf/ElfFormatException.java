package dev.winelib.toolchain.elf;

/** A file that is not a well-formed 64-bit little-endian ELF file, or not the kind expected. */
public final class ElfFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public ElfFormatException(String message) {
        super(message);
    }
}
