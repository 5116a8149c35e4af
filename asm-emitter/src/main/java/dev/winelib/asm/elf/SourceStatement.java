package dev.winelib.asm.elf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One statement of assembly text (GNU as separates statements with newlines and {@code ;}), with
 * comments removed and the line it starts on.
 */
record SourceStatement(int line, String text) {

    /**
     * Splits assembly text into statements: {@code /* ... *}{@code /} comments (which may span
     * lines) and {@code #} comments to the end of the line are dropped; string literals and quoted
     * symbol names are kept whole. The text is read as bytes (GNU as reads bytes): a character
     * beyond U+00FF is refused.
     */
    static List<SourceStatement> split(String source) {
        return split(source, 1);
    }

    /** Splits a piece of assembly text whose first line is line {@code firstLine} of the whole. */
    static List<SourceStatement> split(String source, int firstLine) {
        byte[] s = latin1(source, firstLine);
        List<SourceStatement> statements = new ArrayList<>();
        int n = s.length;
        int line = firstLine;
        int i = 0;
        while (i < n) {
            // one statement: from i to the next newline or ';' outside quotes and comments
            int startLine = line;
            int start = i;
            StringBuilder withoutComments = null; // only when the statement has a comment
            int copiedUpTo = start;
            int contentLine = -1;
            while (i < n) {
                byte c = s[i];
                if (c == '\n' || c == ';') {
                    break;
                }
                if (c == '"') {
                    if (contentLine < 0) {
                        contentLine = line;
                    }
                    i = quotedEnd(s, i, line);
                } else if (c == '/' && i + 1 < n && s[i + 1] == '*') {
                    int end = commentEnd(s, i + 2);
                    if (end < 0) {
                        throw new AssemblyException(line, "comment '/*' is never closed");
                    }
                    if (withoutComments == null) {
                        withoutComments = new StringBuilder();
                    }
                    withoutComments.append(source, copiedUpTo, i).append(' ');
                    for (int k = i; k < end; k++) {
                        if (s[k] == '\n') {
                            line++;
                        }
                    }
                    i = end + 2;
                    copiedUpTo = i;
                } else if (c == '#') {
                    if (withoutComments == null) {
                        withoutComments = new StringBuilder();
                    }
                    withoutComments.append(source, copiedUpTo, i);
                    while (i < n && s[i] != '\n') {
                        i++;
                    }
                    copiedUpTo = i;
                } else {
                    if (contentLine < 0 && (c & 0xff) > ' ') {
                        contentLine = line;
                    }
                    i++;
                }
            }
            String text;
            if (withoutComments == null) {
                int from = start;
                int to = i;
                while (from < to && (s[from] & 0xff) <= ' ') {
                    from++;
                }
                while (to > from && (s[to - 1] & 0xff) <= ' ') {
                    to--;
                }
                text = from == to ? "" : new String(s, from, to - from, StandardCharsets.ISO_8859_1);
            } else {
                withoutComments.append(source, copiedUpTo, i);
                text = withoutComments.toString().strip();
            }
            if (!text.isEmpty()) {
                statements.add(new SourceStatement(contentLine < 0 ? startLine : contentLine, text));
            }
            if (i < n && s[i] == '\n') {
                line++;
            }
            i++;
        }
        return statements;
    }

    /** The text as bytes; a character beyond U+00FF (which ISO-8859-1 turns into '?') is refused. */
    private static byte[] latin1(String source, int firstLine) {
        byte[] s = source.getBytes(StandardCharsets.ISO_8859_1);
        int line = firstLine;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == '\n') {
                line++;
            } else if (s[i] == '?' && source.charAt(i) != '?') {
                throw new AssemblyException(line, "character U+" + Integer.toHexString(source.charAt(i))
                        + " is not 8-bit text");
            }
        }
        return s;
    }

    private static int commentEnd(byte[] s, int from) {
        for (int k = from; k + 1 < s.length; k++) {
            if (s[k] == '*' && s[k + 1] == '/') {
                return k;
            }
        }
        return -1;
    }

    /** The index just after the closing quote of the quoted text starting at {@code start}. */
    private static int quotedEnd(byte[] s, int start, int line) {
        int i = start + 1;
        while (i < s.length) {
            byte c = s[i];
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else if (c == '\n') {
                break;
            } else {
                i++;
            }
        }
        throw new AssemblyException(line, "quoted text is not closed on its line");
    }
}
