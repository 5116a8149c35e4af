package dev.winelib.asm.elf;

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
     * symbol names are kept whole.
     */
    static List<SourceStatement> split(String source) {
        List<SourceStatement> statements = new ArrayList<>(source.length() / 16);
        int n = source.length();
        int line = 1;
        int i = 0;
        while (i < n) {
            // one statement: from i to the next newline or ';' outside quotes and comments
            int startLine = line;
            int start = i;
            StringBuilder withoutComments = null; // only when the statement has a comment
            int copiedUpTo = start;
            int contentLine = -1;
            while (i < n) {
                char c = source.charAt(i);
                if (c == '\n' || c == ';') {
                    break;
                }
                if (c == '"') {
                    if (contentLine < 0) {
                        contentLine = line;
                    }
                    i = quotedEnd(source, i, line);
                } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                    int end = source.indexOf("*/", i + 2);
                    if (end < 0) {
                        throw new AssemblyException(line, "comment '/*' is never closed");
                    }
                    if (withoutComments == null) {
                        withoutComments = new StringBuilder();
                    }
                    withoutComments.append(source, copiedUpTo, i).append(' ');
                    for (int k = i; k < end; k++) {
                        if (source.charAt(k) == '\n') {
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
                    while (i < n && source.charAt(i) != '\n') {
                        i++;
                    }
                    copiedUpTo = i;
                } else {
                    if (contentLine < 0 && c > ' ') {
                        contentLine = line;
                    }
                    i++;
                }
            }
            String text;
            if (withoutComments == null) {
                int from = start;
                int to = i;
                while (from < to && source.charAt(from) <= ' ') {
                    from++;
                }
                while (to > from && source.charAt(to - 1) <= ' ') {
                    to--;
                }
                text = from == to ? "" : source.substring(from, to);
            } else {
                withoutComments.append(source, copiedUpTo, i);
                text = withoutComments.toString().strip();
            }
            if (!text.isEmpty()) {
                statements.add(new SourceStatement(contentLine < 0 ? startLine : contentLine, text));
            }
            if (i < n && source.charAt(i) == '\n') {
                line++;
            }
            i++;
        }
        return statements;
    }

    /** The index just after the closing quote of the quoted text starting at {@code start}. */
    private static int quotedEnd(String source, int start, int line) {
        int i = start + 1;
        while (i < source.length()) {
            char c = source.charAt(i);
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
