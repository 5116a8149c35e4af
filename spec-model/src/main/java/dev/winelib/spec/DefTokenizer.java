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
        this.lines = text.lines().toList();
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
        while (pos < line.length() && Character.isWhitespace(line.charAt(pos))) {
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
            if (c == ',' || c == '=' || Character.isWhitespace(c)) {
                break;
            }
            pos++;
        }
        return Optional.of(new Token(line.substring(start, pos), at));
    }
}
