package dev.winelib.spec;

import java.util.Optional;

/**
 * Splits .spec and .def text into tokens the way winebuild does: white space separates tokens,
 * separator characters ({@code (} and {@code )} in a .spec, {@code ,} and {@code =} in a .def) are
 * tokens of their own, a comment character at the start of a token begins a comment, a backslash
 * escapes the next character, and a backslash at the end of a line continues the declaration on
 * the next line.
 */
final class SpecTokenizer {

    /** The token rules of .spec files. */
    static SpecTokenizer forSpec(String file, String text) {
        return new SpecTokenizer(file, text, "()", "#;");
    }

    /** The token rules of .def files. */
    static SpecTokenizer forDef(String file, String text) {
        return new SpecTokenizer(file, text, ",=", ";");
    }

    /** A token and where it starts. */
    record Token(String text, String file, int line, int column) {
        boolean is(String s) {
            return text.equals(s);
        }

        /** Where the token starts (made when asked: most tokens never appear in a message). */
        SourceLocation location() {
            return new SourceLocation(file, line, column);
        }
    }

    /** The one-character tokens, made once. */
    private static final String[] CHARACTERS = new String[128];

    static {
        for (char c = 0; c < CHARACTERS.length; c++) {
            CHARACTERS[c] = String.valueOf(c).intern();
        }
    }

    private final String file;
    private final boolean[] separators = new boolean[128];
    private final boolean[] comments = new boolean[128];
    /** The whole text; lines are ranges of it (no string per line). */
    private final String text;
    /** Where each line starts, and (one past the last line) where the text ends plus one. */
    private final int[] lineStarts;
    /** The lines this tokenizer reads: all of the text's, or those before a split ({@link #endBefore}). */
    private int lineCount;
    private int lineIndex = -1;
    private int lineStart;
    private int lineEnd;
    private int pos;

    private SpecTokenizer(String file, String text, String separators, String comments) {
        this.file = file;
        this.text = text;
        for (char c : separators.toCharArray()) {
            this.separators[c] = true;
        }
        for (char c : comments.toCharArray()) {
            this.comments[c] = true;
        }
        // lines end at '\n' only, as fgets reads them; a '\r' anywhere is white space
        int newlines = 0;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            newlines++;
        }
        lineStarts = new int[newlines + 2];
        int n = 0;
        lineStarts[n++] = 0;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            lineStarts[n++] = i + 1;
        }
        lineStarts[n] = text.length() + 1;
        // a text ending with a line end has no empty line after it
        lineCount = lineStarts[n - 1] == text.length() && n > 0 ? n - 1 : n;
    }

    /** A tokenizer of the same text reading from line {@code from} (counted from 0) to the end of this one's lines. */
    private SpecTokenizer(SpecTokenizer whole, int from) {
        this.file = whole.file;
        this.text = whole.text;
        System.arraycopy(whole.separators, 0, this.separators, 0, this.separators.length);
        System.arraycopy(whole.comments, 0, this.comments, 0, this.comments.length);
        this.lineStarts = whole.lineStarts;
        this.lineCount = whole.lineCount;
        this.lineIndex = from - 1;
    }

    /** The number of physical lines. */
    int lineCount() {
        return lineCount;
    }

    /**
     * A line near the middle where a declaration starts for certain (the line before it does not end
     * with a backslash, so it is not continued), or -1 when there is none; the text before it and the
     * text from it on can be read apart ({@link #linesFrom}, {@link #endBefore}).
     */
    int middleLine() {
        for (int line = lineCount / 2; line < lineCount; line++) {
            int previousEnd = lineStarts[line] - 2; // the last character of the line before, '\n' left out
            if (previousEnd < 0 || text.charAt(previousEnd) != '\\') {
                return line;
            }
        }
        return -1;
    }

    /** A tokenizer reading this one's lines from {@code line} (counted from 0) on, before any line is read. */
    SpecTokenizer linesFrom(int line) {
        return new SpecTokenizer(this, line);
    }

    /** Ends this tokenizer's lines before {@code line} (counted from 0), before any line is read. */
    void endBefore(int line) {
        lineCount = line;
    }

    /** Moves to the next physical line; false at end of input. */
    boolean nextLine() {
        lineIndex++;
        if (lineIndex >= lineCount) {
            pos = 0;
            return false;
        }
        enterLine();
        return true;
    }

    private void enterLine() {
        lineStart = lineStarts[lineIndex];
        lineEnd = lineStarts[lineIndex + 1] - 1;
        pos = lineStart;
    }

    /** Location of the end of the current line, for "missing ..." errors. */
    SourceLocation endOfLine() {
        String line = lineIndex < lineCount ? text.substring(lineStart, lineEnd) : "";
        return new SourceLocation(file, lineIndex + 1, line.stripTrailing().length() + 1);
    }

    /** The next token of the current declaration, or empty at its end. */
    Optional<Token> next() {
        return Optional.ofNullable(nextToken());
    }

    private boolean separator(char c) {
        return c < 128 && separators[c];
    }

    /** The next token of the current declaration, or null at its end. */
    Token nextToken() {
        for (;;) {
            while (pos < lineEnd && isSpace(text.charAt(pos))) {
                pos++;
            }
            if (pos == lineEnd - 1 && text.charAt(pos) == '\\') {
                if (lineIndex + 1 >= lineCount) {
                    pos = lineEnd;
                    return null;
                }
                lineIndex++;
                enterLine();
                continue;
            }
            break;
        }
        if (pos >= lineEnd) {
            pos = lineEnd;
            return null;
        }
        char c = text.charAt(pos);
        if (c < 128 && comments[c]) {
            pos = lineEnd;
            return null;
        }
        int column = pos - lineStart + 1;
        int lineNumber = lineIndex + 1;
        if (separator(c)) {
            pos++;
            return new Token(c < CHARACTERS.length ? CHARACTERS[c] : String.valueOf(c), file, lineNumber, column);
        }
        int start = pos;
        while (pos < lineEnd) {
            c = text.charAt(pos);
            if (separator(c) || isSpace(c) || c == '\\') {
                break;
            }
            pos++;
        }
        if (pos >= lineEnd || text.charAt(pos) != '\\') {
            // no backslash: the token is a piece of the line (one character, such as an ordinal's '@', made once)
            char only = text.charAt(start);
            String piece = pos - start == 1 && only < CHARACTERS.length ? CHARACTERS[only] : text.substring(start, pos);
            return new Token(piece, file, lineNumber, column);
        }
        StringBuilder token = new StringBuilder(text.substring(start, pos));
        while (pos < lineEnd) {
            c = text.charAt(pos);
            if (separator(c) || isSpace(c)) {
                break;
            }
            if (c == '\\') {
                pos++;
                if (pos >= lineEnd) {
                    break;
                }
                c = text.charAt(pos);
            }
            token.append(c);
            pos++;
        }
        return new Token(token.toString(), file, lineNumber, column);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0b;
    }
}
