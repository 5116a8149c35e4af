package dev.winelib.spec;

import java.util.List;
import java.util.Optional;

/**
 * Splits .def text into tokens: whitespace separates tokens, {@code ,} and {@code =} are tokens
 * of their own, and {@code ;} starts a comment.
 */
final class DefTokenizer {

    /** A token and where it starts. */
    record Token(String text, SourceLocation location) {
        boolean is(String s) {
            return text.equals(s);
        }
    }

    private final String file;
    private final List<String> lines;
    private int lineIndex = -1;
    private int pos;

    DefTokenizer(String file, String text) {
        this.file = file;
        this.lines = splitLines(text);
    }

    boolean nextLine() {
        lineIndex++;
        pos = 0;
        return lineIndex < lines.size();
    }

    SourceLocation endOfLine() {
        String line = lineIndex < lines.size() ? lines.get(lineIndex) : "";
        return new SourceLocation(file, lineIndex + 1, line.stripTrailing().length() + 1);
    }

    Optional<Token> next() {
        String line = lines.get(lineIndex);
        while (pos < line.length() && isSpace(line.charAt(pos))) {
            pos++;
        }
        if (pos >= line.length() || line.charAt(pos) == ';') {
            pos = line.length();
            return Optional.empty();
        }
        SourceLocation at = new SourceLocation(file, lineIndex + 1, pos + 1);
        char c = line.charAt(pos);
        if (c == ',' || c == '=') {
            pos++;
            return Optional.of(new Token(String.valueOf(c), at));
        }
        int start = pos;
        while (pos < line.length()) {
            c = line.charAt(pos);
            if (c == ',' || c == '=' || isSpace(c)) {
                break;
            }
            pos++;
        }
        return Optional.of(new Token(line.substring(start, pos), at));
    }

    /** Lines end at '\n' only, as fgets reads them; a '\r' anywhere is white space. */
    static List<String> splitLines(String text) {
        List<String> result = new java.util.ArrayList<>(List.of(text.split("\n", -1)));
        if (!result.isEmpty() && result.get(result.size() - 1).isEmpty()) {
            result.remove(result.size() - 1);
        }
        return result;
    }

    /** C's isspace: space, tab, vertical tab, form feed and carriage return. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0b;
    }
}
