package dev.winelib.asm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Loose reading of generated assembly text (ours or winebuild's): statements with comments removed and
 * whitespace trimmed, and the statements that follow a label.
 */
final class AsmListing {

    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/");

    private final List<String> statements;

    AsmListing(String asm) {
        statements = asm.lines().map(l -> COMMENT.matcher(l).replaceAll("").strip()).toList();
    }

    List<String> statements() {
        return statements;
    }

    boolean hasLabel(String label) {
        return statements.contains(label + ":");
    }

    /**
     * The operands of the consecutive {@code directive} statements right after {@code label:} (blank lines
     * skipped), e.g. every {@code .quad} of the function table.
     */
    List<String> after(String label, String directive) {
        int at = statements.indexOf(label + ":");
        if (at < 0) {
            throw new AssertionError("no label " + label + " in the listing");
        }
        List<String> operands = new ArrayList<>();
        for (int i = at + 1; i < statements.size(); i++) {
            String s = statements.get(i);
            if (s.isEmpty()) {
                continue;
            }
            if (!s.startsWith(directive + " ")) {
                break;
            }
            operands.add(s.substring(directive.length() + 1).strip());
        }
        return operands;
    }

    /** The export directory's ten 32-bit fields, as written. */
    List<String> exportDirectory() {
        List<String> fields = after(".L__wine_spec_exports", ".long");
        if (fields.size() < 10) {
            throw new AssertionError("export directory has " + fields.size() + " fields: " + fields);
        }
        return fields.subList(0, 10);
    }

    /** Index of the first statement equal to {@code s}, or -1. */
    int indexOf(String s) {
        return statements.indexOf(s);
    }
}
