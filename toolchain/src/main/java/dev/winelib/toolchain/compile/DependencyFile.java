package dev.winelib.toolchain.compile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
        StringBuilder current = new StringBuilder();
        String deps = rule.substring(colon + 1);
        for (int i = 0; i < deps.length(); i++) {
            char c = deps.charAt(i);
            if (c == '\\' && i + 1 < deps.length() && (deps.charAt(i + 1) == ' ' || deps.charAt(i + 1) == '#')) {
                current.append(deps.charAt(++i));
            } else if (c == '$' && i + 1 < deps.length() && deps.charAt(i + 1) == '$') {
                current.append('$');
                i++;
            } else if (Character.isWhitespace(c)) {
                add(result, current, directory);
            } else {
                current.append(c);
            }
        }
        add(result, current, directory);
        return result;
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
