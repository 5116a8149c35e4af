package dev.winelib.toolchain.compile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the make-style dependency files that {@code gcc -MD} and {@code clang -MD} write. */
final class DependencyFile {

    private DependencyFile() {
    }

    /**
     * What a compilation's up-to-date record hashes: {@code main} (the source, or the header file a
     * precompiled header is made from) and the prerequisites {@code depFile} lists.
     */
    static Set<Path> inputs(Path main, Path depFile) throws IOException {
        Set<Path> inputs = new LinkedHashSet<>();
        inputs.add(main);
        inputs.addAll(prerequisites(depFile, Path.of("")));
        return inputs;
    }

    /** The prerequisites of the first rule, resolved against {@code directory}; empty if unreadable. */
    static List<Path> prerequisites(Path depFile, Path directory) throws IOException {
        return prerequisites(depFile, directory, null);
    }

    /**
     * {@link #prerequisites(Path, Path)}, the prerequisites after the first (the source) parsed once per
     * text in {@code parsedTails} (when not null): the sources that share a precompiled header list the same
     * hundreds of headers after their own name.
     */
    static List<Path> prerequisites(Path depFile, Path directory, Map<String, List<Path>> parsedTails)
            throws IOException {
        if (!Files.isRegularFile(depFile)) {
            return List.of();
        }
        String text = Files.readString(depFile, StandardCharsets.UTF_8).replace("\\\r\n", " ").replace("\\\n", " ");
        int nl = text.indexOf('\n');
        String rule = nl < 0 ? text : text.substring(0, nl);
        int colon = findRuleColon(rule);
        if (colon < 0) {
            return List.of();
        }
        List<Path> result = new ArrayList<>();
        String deps = rule.substring(colon + 1);
        if (parsedTails == null) {
            parse(deps, 0, Integer.MAX_VALUE, directory, result);
            return result;
        }
        int tail = parse(deps, 0, 1, directory, result);
        String rest = deps.substring(tail);
        String key = directory + "\0" + rest;
        List<Path> parsed = parsedTails.get(key);
        if (parsed == null) {
            List<Path> fresh = new ArrayList<>();
            parse(rest, 0, Integer.MAX_VALUE, directory, fresh);
            parsed = List.copyOf(fresh);
            parsedTails.put(key, parsed);
        }
        result.addAll(parsed);
        return result;
    }

    /**
     * Adds up to {@code limit} prerequisites of {@code deps} from {@code start} to {@code result}; returns
     * where it stopped (after the last one added, or the end).
     */
    private static int parse(String deps, int start, int limit, Path directory, List<Path> result) {
        StringBuilder current = new StringBuilder();
        int added = 0;
        for (int i = start; i < deps.length(); i++) {
            char c = deps.charAt(i);
            if (c == '\\' && i + 1 < deps.length() && (deps.charAt(i + 1) == ' ' || deps.charAt(i + 1) == '#')) {
                current.append(deps.charAt(++i));
            } else if (c == '$' && i + 1 < deps.length() && deps.charAt(i + 1) == '$') {
                current.append('$');
                i++;
            } else if (Character.isWhitespace(c)) {
                if (current.length() > 0) {
                    add(result, current, directory);
                    if (++added == limit) {
                        return i;
                    }
                }
            } else {
                current.append(c);
            }
        }
        add(result, current, directory);
        return deps.length();
    }

    private static int findRuleColon(String rule) {
        for (int i = 0; i < rule.length(); i++) {
            if (rule.charAt(i) == ':' && (i + 1 == rule.length() || rule.charAt(i + 1) == ' '
                    || rule.charAt(i + 1) == '\t')) {
                return i;
            }
        }
        return -1;
    }

    private static void add(List<Path> result, StringBuilder current, Path directory) {
        if (current.length() > 0) {
            result.add(directory.resolve(current.toString()).normalize());
            current.setLength(0);
        }
    }
}
