package dev.winelib.spec;

/**
 * Text from an input, made fit for an error message: control characters are escaped ({@code \x1b};
 * in a quoted token everything but printable ASCII, as the spec readers see bytes),
 * so that nothing reaches the terminal as a command, and long text is shortened, so that one
 * 10 MB token does not give a 10 MB message.
 */
public final class ErrorText {

    /** How much of a quoted token an error shows. */
    public static final int TOKEN_LIMIT = 60;
    /** How long a whole message may get. */
    public static final int MESSAGE_LIMIT = 2000;

    private ErrorText() {
    }

    /** A token in quotes, shortened to {@link #TOKEN_LIMIT} characters and escaped. */
    public static String quote(String token) {
        return "'" + shortened(token) + "'";
    }

    /** A token shortened to {@link #TOKEN_LIMIT} characters, everything but printable ASCII escaped. */
    public static String shortened(String token) {
        return printable(token, TOKEN_LIMIT, false);
    }

    /** A whole message: shortened to {@link #MESSAGE_LIMIT} characters, line breaks kept, the rest escaped. */
    public static String message(String text) {
        return printable(text, MESSAGE_LIMIT, true);
    }

    private static String printable(String text, int limit, boolean wholeMessage) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), limit) + 8);
        int shown = 0;
        for (int i = 0; i < text.length(); i++) {
            if (shown == limit) {
                return b.append("…").toString();
            }
            char c = text.charAt(i);
            if (wholeMessage ? c < 0x20 && c != '\n' && c != '\t' || c >= 0x7f && c < 0xa0 : c < 0x20 || c >= 0x7f) {
                b.append(c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
            shown++;
        }
        return b.toString();
    }
}
