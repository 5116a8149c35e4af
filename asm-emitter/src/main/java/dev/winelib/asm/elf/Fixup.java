package dev.winelib.asm.elf;

/**
 * A field of a {@link Fragment.Bytes} whose value depends on symbols: resolved into the bytes when
 * the assembler can compute it, otherwise turned into a relocation.
 *
 * @param offset offset of the field in its fragment
 * @param size field size in bytes (1, 2, 4 or 8)
 * @param kind how the field's value relates to the expression
 * @param expr the expression
 * @param adjust added to the value: for PC-relative instruction fields, minus the bytes from the
 *     field to the end of the instruction
 * @param line source line, for messages
 */
record Fixup(int offset, int size, Kind kind, Expr expr, long adjust, int line) {

    enum Kind {
        /** The expression's value; a difference with a symbol of this section becomes PC-relative. */
        DATA,
        /** A RIP-relative displacement: target minus the end of the instruction. */
        RIP_RELATIVE,
        /** The rel32 of a direct {@code call}/{@code jmp}: target minus the end of the instruction. */
        BRANCH
    }
}
