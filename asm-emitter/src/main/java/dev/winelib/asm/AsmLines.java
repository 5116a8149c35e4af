package dev.winelib.asm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

import dev.winelib.asm.elf.AssemblyWriter;

/**
 * Lines of assembly text written to a {@link Writer} in pieces of a few kilobytes, so that a large
 * module's text never exists whole. Only text already made safe ({@link AsmText}) or made of numbers
 * and fixed names is written here.
 */
final class AsmLines {

    private static final int FLUSH_AT = 16 * 1024;

    private final Writer out;
    private final StringBuilder line = new StringBuilder(FLUSH_AT + 1024);
    /** The assembler written into, when it takes typed statements; null when text is wanted. */
    private final AssemblyWriter direct;

    AsmLines(Writer out) {
        this.out = out;
        this.direct = out instanceof AssemblyWriter w && w.typed() ? w : null;
    }

    /**
     * The typed route: the assembler, with the text buffered so far handed over first, when the lines
     * go straight into one ({@link AssemblyWriter#typed()}); null when text is to be written. The
     * tables that grow with the number of exports hand their statements over as values, each exactly
     * what its line of text would assemble to.
     */
    AssemblyWriter typed() {
        if (direct != null && line.length() > 0) {
            flush();
        }
        return direct;
    }

    /** A line as it is: a label, a comment or an empty line. */
    AsmLines raw(String text) {
        line.append(text).append('\n');
        return flushIfFull();
    }

    /** {@code NAME:} on a line of its own. */
    AsmLines label(String name) {
        line.append(name).append(":\n");
        return flushIfFull();
    }

    /** A directive or instruction, indented by a tab. */
    AsmLines op(String text) {
        line.append('\t').append(text).append('\n');
        return flushIfFull();
    }

    /** A directive or instruction with its operands, indented by a tab. */
    AsmLines op(String mnemonic, String operands) {
        line.append('\t').append(mnemonic).append(' ').append(operands).append('\n');
        return flushIfFull();
    }

    /** A directive or instruction with a number as operand. */
    AsmLines op(String mnemonic, long operand) {
        line.append('\t').append(mnemonic).append(' ').append(operand).append('\n');
        return flushIfFull();
    }

    /** A directive with operands and a trailing comment. */
    AsmLines op(String mnemonic, String operands, String comment) {
        line.append('\t').append(mnemonic).append(' ').append(operands).append("\t/* ").append(comment)
                .append(" */\n");
        return flushIfFull();
    }

    /** A directive with a number and a trailing comment. */
    AsmLines op(String mnemonic, long operand, String comment) {
        line.append('\t').append(mnemonic).append(' ').append(operand).append("\t/* ").append(comment)
                .append(" */\n");
        return flushIfFull();
    }

    /**
     * The line being built, for lines made of several parts (end them with {@link #end()}): the hot
     * loops of large tables append numbers here without making strings.
     */
    StringBuilder begin() {
        return line.append('\t');
    }

    /** Ends a line started with {@link #begin()}. */
    AsmLines end() {
        line.append('\n');
        return flushIfFull();
    }

    private AsmLines flushIfFull() {
        if (line.length() >= FLUSH_AT) {
            flush();
        }
        return this;
    }

    /** Writes out what is buffered. */
    void flush() {
        try {
            out.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the assembly text", e);
        }
        line.setLength(0);
    }
}
