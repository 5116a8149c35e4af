package dev.winelib.toolchain.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the symbols a link left undefined from ld.lld's {@code --warn-unresolved-symbols} output:
 * what neither the objects nor the sysroot's libraries define.
 */
public final class UndefinedSymbols {

    /** A symbol nothing defines, and the places that use it as ld.lld reports them. */
    public record Symbol(String name, List<String> referencedBy) {
        public Symbol {
            referencedBy = List.copyOf(referencedBy);
        }
    }

    private static final String MARKER = "undefined symbol: ";
    private static final List<String> NON_DEFAULT_MARKERS = List.of("undefined hidden symbol: ",
            "undefined protected symbol: ", "undefined internal symbol: ");

    private UndefinedSymbols() {
    }

    public static List<Symbol> parse(String linkerOutput) {
        return parse(linkerOutput, List.of(MARKER));
    }

    /**
     * The symbols used with hidden, protected or internal visibility that nothing defines (ld.lld
     * reports them as errors even with {@code --warn-unresolved-symbols}).
     */
    public static List<Symbol> parseNonDefault(String linkerOutput) {
        return parse(linkerOutput, NON_DEFAULT_MARKERS);
    }

    private static List<Symbol> parse(String linkerOutput, List<String> markers) {
        Map<String, List<String>> found = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : linkerOutput.lines().toList()) {
            int at = -1;
            String marker = null;
            for (String m : markers) {
                at = line.indexOf(m);
                if (at >= 0) {
                    marker = m;
                    break;
                }
            }
            if (at >= 0 && (line.contains("warning:") || line.contains("error:"))) {
                String name = line.substring(at + marker.length()).trim();
                current = found.computeIfAbsent(name, n -> new ArrayList<>());
            } else if (current != null && line.startsWith(">>> referenced by ")) {
                String where = line.substring(">>> referenced by ".length()).trim();
                if (!current.contains(where) && current.size() < 5) {
                    current.add(where);
                }
            } else if (!line.startsWith(">>>")) {
                current = null;
            }
        }
        List<Symbol> result = new ArrayList<>();
        found.forEach((name, refs) -> result.add(new Symbol(name, refs)));
        return result;
    }
}
