package dev.winelib.toolchain.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the precompiled-header planning needs to know of a C or C++ file's preprocessor directives,
 * read without running the compiler: the header a source includes before anything else, and
 * whether a header's second inclusion is a no-op (an include guard around all of it, or
 * {@code #pragma once}).
 *
 * <p>Hand-written rather than a C preprocessor library: only comments, line splices, string
 * literals and directive lines need telling apart, and a full preprocessor would have to evaluate
 * the headers. When in doubt the answer is "no" (no leading include, not guarded), and the
 * source is compiled as it would be without a precompiled header.
 */
final class SourceDirectives {

    /** The header named by a source's leading {@code #include}, as written, and whether in angle brackets. */
    record LeadingInclude(String name, boolean angled) {
        // written out: a record's generated equals and hashCode are linked on first use (method handles),
        // which costs a changed build's plan more than all its lookups
        @Override
        public boolean equals(Object o) {
            return o instanceof LeadingInclude l && l.angled == angled && l.name.equals(name);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + (angled ? 1 : 0);
        }
    }

    private static final Pattern INCLUDE = Pattern.compile("#\\s*include\\s*(?:\"([^\"]+)\"|<([^>]+)>)\\s*");
    private static final Pattern PRAGMA_ONCE = Pattern.compile("#\\s*pragma\\s+once\\s*");
    private static final Pattern IFNDEF = Pattern.compile(
            "#\\s*(?:ifndef\\s+(\\w+)|if\\s*!\\s*defined(?:\\s*\\(\\s*(\\w+)\\s*\\)|\\s+(\\w+)))\\s*");
    private static final Pattern DEFINE = Pattern.compile("#\\s*define\\s+(\\w+)(?:\\s.*)?");
    private static final Pattern OPENS = Pattern.compile("#\\s*if(?:n?def)?\\b.*");
    private static final Pattern ELSE = Pattern.compile("#\\s*(?:else|elif|elifn?def)\\b.*");
    private static final Pattern ENDIF = Pattern.compile("#\\s*endif\\b.*");

    private SourceDirectives() {
    }

    /**
     * The header {@code text} includes first, when its first directive, after only comments and blank
     * lines, is an {@code #include "H"} or {@code #include <H>}.
     */
    static Optional<LeadingInclude> leadingInclude(String text) {
        List<Line> lines = lines(text);
        if (lines.isEmpty() || !lines.get(0).directive()) {
            return Optional.empty();
        }
        Matcher m = INCLUDE.matcher(lines.get(0).text());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1) != null ? new LeadingInclude(m.group(1), false)
                : new LeadingInclude(m.group(2), true));
    }

    /**
     * Whether including {@code text} a second time is a no-op: its first directive is {@code #pragma once},
     * or all of it (but comments) is one {@code #ifndef X} / {@code #if !defined(X)} group whose first
     * line is {@code #define X} and which has no {@code #else} or {@code #elif}.
     */
    static boolean guarded(String text) {
        List<Line> lines = lines(text);
        if (lines.isEmpty() || !lines.get(0).directive()) {
            return false;
        }
        if (PRAGMA_ONCE.matcher(lines.get(0).text()).matches()) {
            return true;
        }
        Matcher open = IFNDEF.matcher(lines.get(0).text());
        if (!open.matches() || lines.size() < 3) {
            return false;
        }
        String macro = open.group(1) != null ? open.group(1) : open.group(2) != null ? open.group(2) : open.group(3);
        Matcher define = DEFINE.matcher(lines.get(1).text());
        if (!lines.get(1).directive() || !define.matches() || !define.group(1).equals(macro)) {
            return false;
        }
        int depth = 1;
        for (int i = 1; i < lines.size(); i++) {
            Line line = lines.get(i);
            if (!line.directive()) {
                continue;
            }
            if (OPENS.matcher(line.text()).matches()) {
                depth++;
            } else if (depth == 1 && ELSE.matcher(line.text()).matches()) {
                return false;
            } else if (ENDIF.matcher(line.text()).matches()) {
                depth--;
                if (depth == 0) {
                    return i == lines.size() - 1; // nothing after the guard's #endif
                }
            }
        }
        return false;
    }

    /**
     * One logical line that holds more than comments and white space (splices joined, comments
     * replaced by a space), and whether it is a directive.
     */
    private record Line(String text, boolean directive) {
    }

    /** The logical lines of {@code text} that hold more than comments and white space. */
    private static List<Line> lines(String text) {
        List<Line> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < n && (text.charAt(i + 1) == '\n'
                    || text.charAt(i + 1) == '\r' && i + 2 < n && text.charAt(i + 2) == '\n')) {
                i += text.charAt(i + 1) == '\n' ? 2 : 3; // a line splice
            } else if (c == '\n') {
                addLine(lines, current);
                i++;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    return List.of(); // an unterminated comment: let the compiler say so
                }
                current.append(' '); // a comment is one space, even across lines
                i = end + 2;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && text.charAt(j) != c && text.charAt(j) != '\n') {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                if (j >= n || text.charAt(j) != c) {
                    if (!current.toString().strip().startsWith("#")) {
                        return List.of(); // an unterminated literal outside a directive: unsure
                    }
                    j = Math.min(j, n) - 1; // e.g. an apostrophe in #error text
                }
                current.append(text, i, j + 1);
                i = j + 1;
            } else {
                current.append(c);
                i++;
            }
        }
        addLine(lines, current);
        return lines;
    }

    private static void addLine(List<Line> lines, StringBuilder current) {
        String line = current.toString().strip();
        current.setLength(0);
        if (!line.isEmpty()) {
            lines.add(new Line(line, line.startsWith("#")));
        }
    }
}
