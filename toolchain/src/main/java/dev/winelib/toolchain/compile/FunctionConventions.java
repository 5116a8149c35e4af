package dev.winelib.toolchain.compile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which functions a compilation defined with the Microsoft x64 calling convention ({@code ms_abi}),
 * learned from the compilation itself, so that the calling-convention check needs no second compiler
 * run over the source and all its headers.
 *
 * <p>GCC writes, with {@code -fdump-tree-gimple=FILE}, every function it defines in the translation unit
 * as a header line at column 0 (return type, name, parameters), preceded by one
 * {@code __attribute__((...))} line per attribute list of the function and followed by its body; the
 * dump does not change the object. The compiler thread reduces it at once to a short list next to
 * the object ({@code OBJECT.conventions}: one {@code ms_abi NAME} or {@code other NAME} line per
 * function). Clang has no such dump: its sources, and any source whose list is missing or lacks a
 * function, are checked by the separate compilation of
 * {@link dev.winelib.toolchain.check.CallingConventionCheck}.
 */
public final class FunctionConventions {

    /** GCC's drivers, by the real name of the program: gcc, g++, cc and c++ through Debian's alternatives. */
    private static final Pattern GCC = Pattern.compile("(.*-)?(gcc|g\\+\\+)(-\\d+(\\.\\d+)*)?");
    private static final String MS_ABI = "ms_abi";

    private FunctionConventions() {
    }

    /** Whether {@code compiler} writes the dump this class reads (GCC for x86_64). */
    static boolean supported(Path compiler, List<String> flags) {
        if (flags.contains("-m32")) {
            return false;
        }
        try {
            return GCC.matcher(compiler.toRealPath().getFileName().toString()).matches();
        } catch (IOException e) {
            return false;
        }
    }

    /** The list kept next to {@code object}. */
    public static Path listOf(Path object) {
        return object.resolveSibling(object.getFileName() + ".conventions");
    }

    /** The compiler option that writes the dump to {@code dump}. */
    static String dumpOption(Path dump) {
        return "-fdump-tree-gimple=" + dump;
    }

    /** Reduces GCC's dump to the list written to {@code list}. */
    static void writeList(Path dump, Path list) throws IOException {
        StringBuilder b = new StringBuilder();
        parseDump(dump).forEach((name, ms) -> b.append(ms ? MS_ABI : "other").append(' ').append(name).append('\n'));
        Files.writeString(list, b, StandardCharsets.UTF_8);
    }

    /** Each function defined in the dump, by name, with whether it is {@code ms_abi}. */
    static Map<String, Boolean> parseDump(Path dump) throws IOException {
        Map<String, Boolean> functions = new LinkedHashMap<>();
        List<String> attributes = new ArrayList<>();
        String header = null;
        try (Stream<String> lines = Files.lines(dump, StandardCharsets.UTF_8)) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.equals("{") && header != null) {
                    String name = name(header);
                    if (name != null) {
                        functions.putIfAbsent(name, attributes.stream().anyMatch(FunctionConventions::namesMsAbi));
                    }
                    header = null;
                    attributes.clear();
                } else if (line.startsWith("__attribute__((")) {
                    if (header != null) {
                        attributes.clear();
                        header = null;
                    }
                    attributes.add(line);
                } else if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && !line.equals("}")) {
                    header = line;
                } else {
                    header = null;
                    attributes.clear();
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return functions;
    }

    private static boolean namesMsAbi(String attributeLine) {
        return Pattern.compile("\\bms_abi\\b").matcher(attributeLine).find();
    }

    /** The function's name in a header line: the word before its final parenthesised parameter list. */
    static String name(String header) {
        String h = header.strip();
        if (!h.endsWith(")")) {
            return null;
        }
        int depth = 0;
        int open = -1;
        for (int i = h.length() - 1; i >= 0; i--) {
            char c = h.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(') {
                depth--;
                if (depth == 0) {
                    open = i;
                    break;
                }
            }
        }
        if (open <= 0) {
            return null;
        }
        String before = h.substring(0, open).stripTrailing();
        int start = before.length();
        while (start > 0 && !Character.isWhitespace(before.charAt(start - 1)) && before.charAt(start - 1) != '*'
                && before.charAt(start - 1) != '&' && before.charAt(start - 1) != ')') {
            start--;
        }
        String name = before.substring(start);
        return name.isEmpty() ? null : name;
    }

    /**
     * The functions the compilation of {@code object} defined, with whether each is {@code ms_abi};
     * empty when the compiler wrote no list (Clang, a 32-bit build).
     */
    public static Optional<Map<String, Boolean>> of(Path object) throws IOException {
        Path list = listOf(object);
        if (!Files.isRegularFile(list)) {
            return Optional.empty();
        }
        Map<String, Boolean> functions = new LinkedHashMap<>();
        for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
            int space = line.indexOf(' ');
            if (space > 0) {
                functions.putIfAbsent(line.substring(space + 1), line.substring(0, space).equals(MS_ABI));
            }
        }
        return Optional.of(functions);
    }
}
