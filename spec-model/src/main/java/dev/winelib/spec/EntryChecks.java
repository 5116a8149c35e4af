package dev.winelib.spec;

/** Checks shared by the .spec and .def readers. */
final class EntryChecks {

    private EntryChecks() {
    }

    /** The number of an all-digit ordinal text; leading zeros are allowed, as winebuild's atoi reads them. */
    static int ordinalValue(String digits) {
        String significant = digits.replaceFirst("^0+(?=.)", "");
        return significant.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(significant);
    }

    /** Ordinals run from 1 to {@link SpecParser#MAX_ORDINALS} - 1. */
    static void checkOrdinal(SourceLocation at, String text, int ordinal) {
        if (ordinal == 0) {
            throw new SpecException(at, "ordinal 0 is not valid: ordinals start at 1");
        }
        if (ordinal >= SpecParser.MAX_ORDINALS) {
            throw new SpecException(at, "ordinal " + text + " is too large (the highest ordinal is "
                    + (SpecParser.MAX_ORDINALS - 1) + ")");
        }
    }

    /**
     * A target is a C symbol or a forward {@code dll.function} / {@code dll.#ordinal}; its characters
     * have been checked already.
     */
    static void checkSymbolOrForward(SourceLocation at, String target, boolean forward) {
        if (forward) {
            int dot = target.indexOf('.');
            if (dot == 0 || dot == target.length() - 1) {
                throw new SpecException(at, "forward '" + target + "' must be written DLL.FUNCTION or DLL.#ORDINAL");
            }
        } else if (target.startsWith("%")) {
            // GNU as reads "%rax" as a register even when quoted: the slot would silently hold 0.
            throw new SpecException(at, "'" + printable(target) + "' is not a valid symbol name: it must not start"
                    + " with '%'");
        }
    }

    static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c);
    }

    static String printable(String s) {
        return ErrorText.shortened(s);
    }
}
