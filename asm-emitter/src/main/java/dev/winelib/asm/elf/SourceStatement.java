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
        List<SourceStatement> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int line = 1;
        int startLine = 1;
        boolean hasContent = false;
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '"') {
                if (!hasContent) {
                    startLine = line;
                    hasContent = true;
                }
                int end = quotedEnd(source, i, line);
                current.append(source, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new AssemblyException(line, "comment '/*' is never closed");
                }
                for (int k = i; k < end; k++) {
                    if (source.charAt(k) == '\n') {
                        line++;
                    }
                }
                current.append(' ');
                i = end + 2;
            } else if (c == '#') {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '\n' || c == ';') {
                add(statements, startLine, current);
                hasContent = false;
                if (c == '\n') {
                    line++;
                }
                i++;
            } else {
                if (!hasContent && !Character.isWhitespace(c)) {
                    startLine = line;
                    hasContent = true;
                }
                current.append(c);
                i++;
            }
        }
        add(statements, startLine, current);
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

    private static void add(List<SourceStatement> statements, int line, StringBuilder text) {
        String s = text.toString().strip();
        if (!s.isEmpty()) {
            statements.add(new SourceStatement(line, s));
        }
        text.setLength(0);
    }
}
