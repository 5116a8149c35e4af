package dev.winelib.asm.elf;

import java.io.Writer;
import java.util.List;

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
        this(cpu, true);
    }

    /**
     * A writer making the object for {@code cpu}; with {@code typed} false it offers no typed
     * statements ({@link #typed()}), so that a writer of text through it writes everything as text
     * (the tests compare the two routes).
     */
    public AssemblyWriter(TargetCpu cpu, boolean typed) {
        assembler = ElfAssembler.incremental(cpu);
        this.typed = typed;
    }

    private final boolean typed;
    /** Parsed operands of instructions seen before, by their text (the relay thunks repeat a few). */
    private final java.util.Map<String, java.util.List<Operand>> operandCache = new java.util.HashMap<>();
    private final boolean[] reusable = new boolean[1];

    /**
     * Whether the typed statements below may be used: each stands for one line of text and assembles
     * exactly as that line would, without the text being written, split and parsed (the module
     * emitter's route for the tables that grow with the number of exports).
     */
    public boolean typed() {
        return typed;
    }

    /** {@code name:} on a line of its own. */
    public void label(String name) {
        if (begin()) {
            try {
                assembler.typedLabel(name, line);
            } catch (AssemblyException e) {
                fail(e);
            }
            line++;
        }
    }

    /** {@code .byte/.short/.long/.quad v1,v2,...} for a field {@code size} bytes long. */
    public void data(int size, long... values) {
        if (begin()) {
            try {
                for (long v : values) {
                    assembler.typedData(size, v, line);
                }
            } catch (AssemblyException e) {
                fail(e);
            }
            line++;
        }
    }

    /**
     * A field of {@code size} bytes holding {@code plus + constant - minus}, as the line
     * {@code .long plus + constant - minus} ({@code minus} may be null: {@code plus + constant}).
     * The names are symbol names as the assembler sees them (unquoted).
     */
    public void data(int size, String plus, long constant, String minus) {
        if (begin()) {
            try {
                assembler.typedData(size, plus, constant, minus, line);
            } catch (AssemblyException e) {
                fail(e);
            }
            line++;
        }
    }

    /** {@code .string} of these bytes (a NUL is added). */
    public void string(byte[] bytes) {
        if (begin()) {
            try {
                assembler.typedString(bytes, true, line);
            } catch (AssemblyException e) {
                fail(e);
            }
            line++;
        }
    }

    /** {@code .align alignment}. */
    public void align(int alignment) {
        if (begin()) {
            try {
                assembler.typedAlign(alignment, line);
            } catch (AssemblyException e) {
                fail(e);
            }
            line++;
        }
    }

    /**
     * An instruction line, {@code mnemonic operands}; operands without numeric labels or {@code .}
     * are parsed once per text and reused.
     */
    public void instruction(String mnemonic, String operands) {
        if (begin()) {
            try {
                List<Operand> parsed = operands(operands);
                assembler.typedInstruction(mnemonic, parsed, operandCache.get(operands) == parsed, line);
            } catch (AssemblyException e) {
                fail(e);
            }
            line++;
        }
    }

    /**
     * An instruction whose first operand is the immediate {@code $immediate}, followed by
     * {@code more} (say {@code movl $5,%edx}: {@code more} is {@code "%edx"}, or empty).
     */
    public void instruction(String mnemonic, long immediate, String more) {
        if (begin()) {
            try {
                List<Operand> rest = more.isEmpty() ? List.of() : operands(more);
                List<Operand> operands = new java.util.ArrayList<>(rest.size() + 1);
                operands.add(new Operand.Immediate(new Expr.Number(immediate)));
                operands.addAll(rest);
                assembler.typedInstruction(mnemonic, operands, false, line);
            } catch (AssemblyException e) {
                fail(e);
            }
            line++;
        }
    }

    /**
     * Instruction lines, each {@code {mnemonic, operands}} as {@link #instruction(String, String)}
     * takes them. When the same list object comes again, its instructions are not encoded again: the
     * bytes and fixups the first time made are appended as they are (a relay thunk's spills and its
     * last three instructions, the same for every thunk). Only for instructions whose encoding does
     * not depend on where they stand: operands without numeric labels or {@code .}.
     */
    public void instructions(List<String[]> lines) {
        Object known = runs.get(lines);
        if (known != null) {
            if (begin()) {
                try {
                    assembler.repeatEncoded(known, line);
                } catch (AssemblyException e) {
                    fail(e);
                }
                line++;
            }
            line += lines.size() - 1;
            return;
        }
        Object mark = failure == null && typed && pending.length() == 0 ? assembler.markEncoding() : null;
        boolean reused = true;
        for (String[] instruction : lines) {
            instruction(instruction[0], instruction[1]);
            reused &= instruction[1].isEmpty() || operandCache.containsKey(instruction[1]);
        }
        if (mark != null && reused && failure == null) {
            Object encoded = assembler.encodedSince(mark);
            if (encoded != null) {
                runs.put(lines, encoded);
            }
        }
    }

    /** Encodings of {@link #instructions} by their list (the same list object each time). */
    private final java.util.Map<List<String[]>, Object> runs = new java.util.IdentityHashMap<>();

    /** One line of text holding one statement (labels before it allowed), without comments. */
    public void statement(String text) {
        if (begin()) {
            try {
                assembler.typedStatement(text, line);
            } catch (AssemblyException e) {
                fail(e);
            }
            line++;
        }
    }

    /** The parsed operands of {@code text}, from the cache when they can be reused. */
    private List<Operand> operands(String text) {
        List<Operand> parsed = operandCache.get(text);
        if (parsed == null) {
            parsed = assembler.operands(text, line, reusable);
            if (reusable[0]) {
                operandCache.put(text, parsed);
            }
        }
        return parsed;
    }

    /**
     * Assembles the text written before a typed statement (it must end at a line end, outside a
     * comment); false when an error already stopped the assembly. Each typed statement is then
     * assembled in place, its error kept by {@link #fail}, and {@code line} counts it: written out in
     * each method rather than passed as a lambda, since every lambda's call site is linked on its
     * first use, a cost each short run of the command line pays (Java 17).
     */
    private boolean begin() {
        if (finished) {
            throw new IllegalStateException("the object was already made");
        }
        if (!typed) {
            throw new IllegalStateException("this writer takes text only");
        }
        if (failure != null) {
            return false;
        }
        if (pending.length() > 0) {
            if (lastBoundary != pending.length() || inBlockComment) {
                throw new IllegalStateException("a typed statement must follow a whole line of text");
            }
            assemble(lastBoundary);
        }
        return failure == null;
    }

    private void fail(AssemblyException e) {
        failure = e;
        pending.setLength(0);
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
        return assembled().bytes();
    }

    /**
     * The relocatable object of everything written, before it is written as bytes: what
     * {@link RelocatableMerger} merges without reading it back.
     *
     * @throws AssemblyException for the first statement outside the assembler's subset
     */
    public AssembledObject assembled() {
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
