package dev.winelib.unixlib;

import java.util.ArrayList;
import java.util.List;

import dev.winelib.spec.SourceLocation;

/**
 * A token of a {@code .unixcalls} line: a word, an option ({@code -unix=NAME}), a number, or one of
 * {@code * [ ]}. A {@code #} starts a comment that runs to the end of the line.
 */
record Token(Kind kind, String text, SourceLocation location) {

    enum Kind { WORD, OPTION, NUMBER, STAR, LBRACKET, RBRACKET }

    /** The tokens of one line; fails on a character the language does not use. */
    static List<Token> split(String file, int line, String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            SourceLocation at = new SourceLocation(file, line, i + 1);
            if (c == '#') {
                break;
            } else if (c == ' ' || c == '\t') {
                i++;
            } else if (isWordStart(c)) {
                int start = i;
                while (i < n && isWordPart(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, text.substring(start, i), at));
            } else if (c >= '0' && c <= '9') {
                int start = i;
                while (i < n && isWordPart(text.charAt(i))) {
                    i++;
                }
                String number = text.substring(start, i);
                if (!number.chars().allMatch(d -> d >= '0' && d <= '9')) {
                    throw new UnixCallsException(at, "'" + number + "' is neither a number nor a name (names do not"
                            + " start with a digit)");
                }
                tokens.add(new Token(Kind.NUMBER, number, at));
            } else if (c == '-') {
                int start = i++;
                while (i < n && (isWordPart(text.charAt(i)) || text.charAt(i) == '=')) {
                    i++;
                }
                tokens.add(new Token(Kind.OPTION, text.substring(start, i), at));
            } else if (c == '*') {
                tokens.add(new Token(Kind.STAR, "*", at));
                i++;
            } else if (c == '[') {
                tokens.add(new Token(Kind.LBRACKET, "[", at));
                i++;
            } else if (c == ']') {
                tokens.add(new Token(Kind.RBRACKET, "]", at));
                i++;
            } else {
                throw new UnixCallsException(at, "unexpected character " + describe(c) + (c == ';'
                        ? ": members are not terminated with ';' (one member per line); comments start with '#'"
                        : ""));
            }
        }
        return tokens;
    }

    private static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || (c >= '0' && c <= '9');
    }

    private static String describe(char c) {
        if (c >= 0x21 && c < 0x7f) {
            return "'" + c + "'";
        }
        return String.format("U+%04X", (int) c);
    }
}
