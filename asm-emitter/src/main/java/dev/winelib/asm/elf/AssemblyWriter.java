package dev.winelib.asm.elf;

import java.io.Writer;

import dev.winelib.spec.TargetCpu;

/**
 * Assembles text as it is written ({@link ElfAssembler} fed piece by piece): the module emitter writing
 * into it never builds the whole assembly text, and the statements of one piece are dropped once
 * assembled, so that memory grows with what the object holds (symbols, relocations, bytes), not with
 * the text. Pieces end at a line end outside a {@code /* *}{@code /} comment; line numbers in errors
 * count from the start of the whole text.
 *
 * <p>An {@link AssemblyException} met while writing is kept and thrown by {@link #object()}; the rest
 * of the text is then ignored.
 */
public final class AssemblyWriter extends Writer {

    private static final int PIECE = 32 * 1024;

    private final ElfAssembler assembler;
    private final StringBuilder pending = new StringBuilder();
    private int lastBoundary;
    private int line = 1;
    private boolean inBlockComment;
    private boolean inLineComment;
    private boolean inQuote;
    private boolean escaped;
    private AssemblyException failure;
    private boolean finished;

    /** A writer making an ELF64 x86-64 object. */
    public AssemblyWriter() {
        this(TargetCpu.X86_64);
    }

    /** A writer making the object for {@code cpu}: ELF64 x86-64, or ELF32 i386. */
    public AssemblyWriter(TargetCpu cpu) {
        assembler = ElfAssembler.incremental(cpu);
    }

    @Override
    public void write(char[] buffer, int offset, int length) {
        if (finished) {
            throw new IllegalStateException("the object was already made");
        }
        if (failure != null) {
            return;
        }
        int base = pending.length();
        pending.append(buffer, offset, length);
        scan(buffer, offset, length, base);
        if (lastBoundary >= PIECE) {
            assemble(lastBoundary);
        }
    }

    @Override
    public void write(String text) {
        write(text, 0, text.length());
    }

    @Override
    public void write(String text, int offset, int length) {
        if (chars.length < length) {
            chars = new char[Math.max(length, 2 * chars.length)];
        }
        text.getChars(offset, offset + length, chars, 0);
        write(chars, 0, length);
    }

    @Override
    public Writer append(CharSequence text) {
        if (text instanceof StringBuilder b) {
            // the emitter's buffer: its characters are copied once, without a String in between
            int length = b.length();
            if (chars.length < length) {
                chars = new char[Math.max(length, 2 * chars.length)];
            }
            b.getChars(0, length, chars, 0);
            write(chars, 0, length);
        } else {
            String s = String.valueOf(text);
            write(s, 0, s.length());
        }
        return this;
    }

    private char[] chars = new char[1024];

    /** Tracks comments and quotes in the new text to find where a piece may end. */
    private void scan(char[] buffer, int offset, int length, int base) {
        for (int k = 0; k < length; k++) {
            char c = buffer[offset + k];
            char before = previous;
            previous = c;
            if (inBlockComment) {
                if (c == '/' && before == '*' && base + k - 1 >= blockStart + 2) {
                    inBlockComment = false;
                    previous = 0;
                }
                continue;
            }
            if (c == '\n') {
                inLineComment = false;
                inQuote = false;
                escaped = false;
                lastBoundary = base + k + 1;
                continue;
            }
            if (inLineComment) {
                continue;
            }
            if (inQuote) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inQuote = false;
                }
                continue;
            }
            if (c == '"') {
                inQuote = true;
            } else if (c == '#') {
                inLineComment = true;
            } else if (c == '*' && before == '/') {
                inBlockComment = true;
                blockStart = base + k - 1;
                previous = 0;
            }
        }
    }

    private char previous;
    private int blockStart = -1;

    /** Assembles the text before {@code end} (a piece boundary) and drops it. */
    private void assemble(int end) {
        String piece = pending.substring(0, end);
        pending.delete(0, end);
        lastBoundary = 0;
        if (blockStart >= 0) {
            blockStart -= end;
        }
        try {
            assembler.statements(SourceStatement.split(piece, line));
        } catch (AssemblyException e) {
            failure = e;
            pending.setLength(0);
        }
        for (int i = 0; i < piece.length(); i++) {
            if (piece.charAt(i) == '\n') {
                line++;
            }
        }
    }

    /**
     * The relocatable object of everything written.
     *
     * @throws AssemblyException for the first statement outside the assembler's subset
     */
    public byte[] object() {
        if (finished) {
            throw new IllegalStateException("the object was already made");
        }
        if (failure == null) {
            assemble(pending.length());
        }
        finished = true;
        if (failure != null) {
            throw failure;
        }
        return assembler.object();
    }

    @Override
    public void flush() {
        // pieces are assembled as they complete
    }

    @Override
    public void close() {
        // the object is taken with object()
    }
}
