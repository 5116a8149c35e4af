package dev.winelib.asm.elf;

import java.io.ByteArrayOutputStream;

/** Reads the parts of one statement: names, quoted names, numbers, string literals, punctuation. */
final class Cursor {

    private final String text;
    private final int line;
    private int pos;

    Cursor(String text, int line) {
        this.text = text;
        this.line = line;
    }

    int line() {
        return line;
    }

    int position() {
        return pos;
    }

    void reset(int position) {
        pos = position;
    }

    void skipSpace() {
        while (pos < text.length() && isSpace(text.charAt(pos))) {
            pos++;
        }
    }

    boolean atEnd() {
        skipSpace();
        return pos >= text.length();
    }

    /** The next character after white space, or 0 at the end. */
    char peek() {
        skipSpace();
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    /** The character {@code ahead} places after the next one (no white space skipped), or 0. */
    char peekAt(int ahead) {
        int at = pos + ahead;
        return at < text.length() ? text.charAt(at) : 0;
    }

    boolean tryConsume(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    boolean tryConsume(String s) {
        skipSpace();
        if (text.startsWith(s, pos)) {
            pos += s.length();
            return true;
        }
        return false;
    }

    void expect(char c, String what) {
        if (!tryConsume(c)) {
            throw error("expected " + what + " at '" + rest() + "'");
        }
    }

    void expectEnd(String what) {
        if (!atEnd()) {
            throw error("unexpected '" + rest() + "' after " + what);
        }
    }

    /** What is left of the statement, for messages. */
    String rest() {
        return pos >= text.length() ? "" : text.substring(pos);
    }

    /** {@link Character#isWhitespace} without its table look-up for the 8-bit text assembled here. */
    static boolean isSpace(char c) {
        return c <= ' ' ? c == ' ' || c >= 0x09 && c <= 0x0d || c >= 0x1c : c > 0xff && Character.isWhitespace(c);
    }

    static boolean isNameStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '.' || c == '$';
    }

    static boolean isNamePart(char c) {
        return isNameStart(c) || c >= '0' && c <= '9';
    }

    /**
     * Whether a label ({@code name:}, {@code "quoted name":}, {@code 1:}) starts here: a cheap look
     * ahead that reads nothing.
     */
    boolean labelAhead() {
        skipSpace();
        int at = pos;
        if (at >= text.length()) {
            return false;
        }
        if (text.charAt(at) == '"') {
            at++;
            while (at < text.length() && text.charAt(at) != '"') {
                at += text.charAt(at) == '\\' ? 2 : 1;
            }
            at++;
        } else {
            while (at < text.length() && isNamePart(text.charAt(at))) {
                at++;
            }
        }
        return at > pos && at < text.length() && text.charAt(at) == ':';
    }

    /** A run of decimal digits, or null when none starts here. */
    String digits() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        return pos == start ? null : text.substring(start, pos);
    }

    /** A plain name ({@code [A-Za-z_.$][A-Za-z0-9_.$]*}), or null when none starts here. */
    String plainName() {
        skipSpace();
        if (pos >= text.length() || !isNameStart(text.charAt(pos))) {
            return null;
        }
        int start = pos;
        while (pos < text.length() && isNamePart(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    /** A symbol name, plain or in double quotes; null when none starts here. */
    String symbolName() {
        if (peek() == '"') {
            byte[] bytes = quoted();
            if (bytes.length == 0) {
                throw error("empty quoted symbol name");
            }
            for (byte b : bytes) {
                if (b == 0) {
                    throw error("a symbol name cannot contain a NUL byte");
                }
            }
            return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        return plainName();
    }

    /**
     * A section name: in double quotes, or as GNU as reads it unquoted, everything up to white
     * space or a comma ({@code .note.GNU-stack}); null when none starts here.
     */
    String sectionName() {
        if (peek() == '"') {
            return symbolName();
        }
        int start = pos;
        while (pos < text.length() && !isSpace(text.charAt(pos)) && text.charAt(pos) != ','
                && text.charAt(pos) != '"') {
            pos++;
        }
        return pos == start ? null : text.substring(start, pos);
    }

    /** A string literal in double quotes, with GNU as's escapes, as bytes. */
    byte[] stringLiteral() {
        if (peek() != '"') {
            throw error("expected a string in double quotes at '" + rest() + "'");
        }
        return quoted();
    }

    private byte[] quoted() {
        pos++; // opening quote
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            if (pos >= text.length()) {
                throw error("string is not closed");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toByteArray();
            }
            if (c != '\\') {
                out.write(byteOf(c));
                continue;
            }
            if (pos >= text.length()) {
                throw error("string ends with a backslash");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'b' -> out.write(8);
                case 'f' -> out.write(12);
                case 'n' -> out.write(10);
                case 'r' -> out.write(13);
                case 't' -> out.write(9);
                case '"' -> out.write('"');
                case '\\' -> out.write('\\');
                case 'x', 'X' -> {
                    int value = 0;
                    int digits = 0;
                    while (pos < text.length() && Character.digit(text.charAt(pos), 16) >= 0) {
                        value = (value << 4 | Character.digit(text.charAt(pos++), 16)) & 0xff;
                        digits++;
                    }
                    if (digits == 0) {
                        throw error("'\\x' without hexadecimal digits in a string");
                    }
                    out.write(value);
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int value = e - '0';
                        for (int k = 0; k < 2 && pos < text.length() && text.charAt(pos) >= '0'
                                && text.charAt(pos) <= '7'; k++) {
                            value = value * 8 + (text.charAt(pos++) - '0');
                        }
                        out.write(value & 0xff);
                    } else {
                        throw error("unknown escape '\\" + e + "' in a string");
                    }
                }
            }
        }
    }

    private byte byteOf(char c) {
        if (c > 0xff) {
            throw error("character U+" + Integer.toHexString(c) + " is not 8-bit text");
        }
        return (byte) c;
    }

    /** A number: decimal, 0x hexadecimal, 0b binary or 0 octal; null when none starts here. */
    Long number() {
        skipSpace();
        if (pos >= text.length() || !Character.isDigit(text.charAt(pos))) {
            return null;
        }
        int start = pos;
        int radix = 10;
        if (text.charAt(pos) == '0' && pos + 1 < text.length()) {
            char x = text.charAt(pos + 1);
            if (x == 'x' || x == 'X') {
                radix = 16;
                pos += 2;
            } else if ((x == 'b' || x == 'B') && pos + 2 < text.length() && (text.charAt(pos + 2) == '0'
                    || text.charAt(pos + 2) == '1')) {
                radix = 2;
                pos += 2;
            } else if (Character.isDigit(x)) {
                radix = 8;
                pos += 1;
            }
        }
        int digitsStart = pos;
        while (pos < text.length() && Character.digit(text.charAt(pos), radix) >= 0) {
            pos++;
        }
        if (pos == digitsStart) {
            throw error("malformed number '" + text.substring(start, Math.min(text.length(), pos + 1)) + "'");
        }
        if (pos < text.length() && isNamePart(text.charAt(pos))) {
            throw error("malformed number '" + text.substring(start, pos + 1) + "'");
        }
        try {
            return Long.parseUnsignedLong(text.substring(digitsStart, pos), radix);
        } catch (NumberFormatException e) {
            throw error("number '" + text.substring(start, pos) + "' does not fit in 64 bits");
        }
    }

    /**
     * A reference to a numeric local label ({@code 1f}, {@code 12b}) starting here: returns
     * {label, +1 for forward or -1 for backward}, or null.
     */
    long[] localLabelReference() {
        skipSpace();
        int at = pos;
        while (at < text.length() && Character.isDigit(text.charAt(at))) {
            at++;
        }
        if (at == pos || at >= text.length()) {
            return null;
        }
        char dir = text.charAt(at);
        if ((dir != 'f' && dir != 'b') || at + 1 < text.length() && isNamePart(text.charAt(at + 1))) {
            return null;
        }
        if (text.charAt(pos) == '0' && at - pos > 1) {
            return null;
        }
        long label;
        try {
            label = Long.parseLong(text.substring(pos, at));
        } catch (NumberFormatException e) {
            throw error("local label number too large");
        }
        pos = at + 1;
        return new long[] {label, dir == 'f' ? 1 : -1};
    }

    AssemblyException error(String message) {
        return new AssemblyException(line, message);
    }
}
