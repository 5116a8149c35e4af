package dev.winelib.toolchain.pe;

import java.util.Optional;

/**
 * One slot of the export address table as Wine's loader will see it.
 *
 * @param ordinal the ordinal
 * @param name the name in the name table, if any
 * @param address absolute address in the ELF image (0 for a forward)
 * @param forward the forward string {@code dll.func}, if the slot is a forward
 * @param symbol the name of the symbol defined at {@code address} in the file's symbol table, if known
 */
public record PeExport(int ordinal, Optional<String> name, long address, Optional<String> forward,
        Optional<String> symbol) {
}
