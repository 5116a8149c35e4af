package dev.winelib.asm.elf;

/**
 * The in-process assembler met something it does not assemble: a construct outside the subset of
 * GNU as that the module emitter uses, or a value it cannot represent. It never guesses: any such
 * input ends here, with the line and what was wrong.
 */
public final class AssemblyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int line;

    public AssemblyException(int line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    /** The 1-based line of the assembly text the problem is on. */
    public int line() {
        return line;
    }
}
