package dev.winelib.spec;

import java.util.List;
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
    private final String separators;
    private final String comments;
    private final List<String> lines;
    private int lineIndex = -1;
    private int pos;

    private SpecTokenizer(String file, String text, String separators, String comments) {
        this.file = file;
        this.separators = separators;
        this.comments = comments;
        this.lines = splitLines(text);
    }

    /** Moves to the next physical line; false at end of input. */
    boolean nextLine() {
        lineIndex++;
        pos = 0;
        return lineIndex < lines.size();
    }

    /** Location of the end of the current line, for "missing ..." errors. */
    SourceLocation endOfLine() {
        String line = lineIndex < lines.size() ? lines.get(lineIndex) : "";
        return new SourceLocation(file, lineIndex + 1, line.stripTrailing().length() + 1);
    }

    /** The next token of the current declaration, or empty at its end. */
    Optional<Token> next() {
        return Optional.ofNullable(nextToken());
    }

    /** The next token of the current declaration, or null at its end. */
    Token nextToken() {
        String line;
        for (;;) {
            line = lines.get(lineIndex);
            while (pos < line.length() && isSpace(line.charAt(pos))) {
                pos++;
            }
            if (pos == line.length() - 1 && line.charAt(pos) == '\\') {
                if (lineIndex + 1 >= lines.size()) {
                    pos = line.length();
                    return null;
                }
                lineIndex++;
                pos = 0;
                continue;
            }
            break;
        }
        if (pos >= line.length() || comments.indexOf(line.charAt(pos)) >= 0) {
            pos = line.length();
            return null;
        }
        int column = pos + 1;
        int lineNumber = lineIndex + 1;
        char c = line.charAt(pos);
        if (separators.indexOf(c) >= 0) {
            pos++;
            return new Token(c < CHARACTERS.length ? CHARACTERS[c] : String.valueOf(c), file, lineNumber,
                    column);
        }
        int start = pos;
        while (pos < line.length()) {
            c = line.charAt(pos);
            if (separators.indexOf(c) >= 0 || isSpace(c) || c == '\\') {
                break;
            }
            pos++;
        }
        if (pos >= line.length() || line.charAt(pos) != '\\') {
            // no backslash: the token is a piece of the line
            return new Token(line.substring(start, pos), file, lineNumber, column);
        }
        StringBuilder text = new StringBuilder(line.substring(start, pos));
        while (pos < line.length()) {
            c = line.charAt(pos);
            if (separators.indexOf(c) >= 0 || isSpace(c)) {
                break;
            }
            if (c == '\\') {
                pos++;
                if (pos >= line.length()) {
                    break;
                }
                c = line.charAt(pos);
            }
            text.append(c);
            pos++;
        }
        return new Token(text.toString(), file, lineNumber, column);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0b;
    }

    /** Lines end at '\n' only, as fgets reads them; a '\r' anywhere is white space. */
    static List<String> splitLines(String text) {
        List<String> result = new java.util.ArrayList<>(List.of(text.split("\n", -1)));
        if (!result.isEmpty() && result.get(result.size() - 1).isEmpty()) {
            result.remove(result.size() - 1);
        }
        return result;
    }
}
