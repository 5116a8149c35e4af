package dev.winelib.asm;

/**
 * The only way text from an input reaches generated assembly: symbol references and string
 * literals are checked and written here, so nothing unvalidated is ever emitted.
 */
public final class AsmText {

    private AsmText() {
    }

    /**
     * A symbol as GNU as accepts it: plain when it is an identifier, otherwise in double quotes
     * (names such as {@code ??2@YAPAXI@Z}). Characters that cannot be quoted are refused.
     */
    public static String symbol(String name) {
        if (isPlainSymbol(name)) {
            return name;
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty symbol name");
        }
        if (name.startsWith("%")) {
            // GNU as reads "%rax" as a register even when quoted.
            throw new IllegalArgumentException("symbol name '" + name + "' starts with '%', which the assembler"
                    + " can read as a register");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '"' || c == '\\') {
                throw new IllegalArgumentException("symbol name '" + name + "' has a character that cannot be"
                        + " written into assembly (code " + (int) c + ")");
            }
        }
        return '"' + name + '"';
    }

    /** Whether {@link #symbol} leaves the name as it is. */
    public static boolean isPlainSymbol(String name) {
        // [A-Za-z_.$][A-Za-z0-9_.$]*, checked by hand: this runs for every export of a large spec.
        // A lone "." is the location counter, not a symbol: it must be quoted.
        if (name.isEmpty() || name.equals(".")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '.' || c == '$'
                    || i > 0 && c >= '0' && c <= '9';
            if (!plain) {
                return false;
            }
        }
        return true;
    }

    /** A double-quoted string for {@code .string}, with every byte outside printable ASCII escaped. */
    public static String stringLiteral(String value) {
        StringBuilder b = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xff) {
                throw new IllegalArgumentException("string '" + value + "' is not 8-bit text");
            }
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c >= 0x7f) {
                b.append('\\').append(String.format("%03o", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /**
     * The bytes {@link #stringLiteral} makes the assembler write (without the terminating NUL): the
     * typed route's form of the same check.
     */
    static byte[] stringBytes(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) > 0xff) {
                throw new IllegalArgumentException("string '" + value + "' is not 8-bit text");
            }
        }
        return value.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** The name a symbol written by {@link #symbol} has for the assembler, checked as {@link #symbol} checks it. */
    static String checkedSymbol(String name) {
        if (!isPlainSymbol(name)) {
            symbol(name);
        }
        return name;
    }

    /** Length in bytes of a string written by {@link #stringLiteral}, terminating NUL included. */
    public static int storedLength(String value) {
        return value.length() + 1;
    }

    /** A C identifier made of a file name, as winebuild builds stub names for unnamed entries. */
    public static String cIdentifier(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            b.append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
        }
        return b.toString();
    }
}
