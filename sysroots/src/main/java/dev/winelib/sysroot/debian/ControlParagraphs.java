package dev.winelib.sysroot.debian;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads Debian control files (RFC 822-like paragraphs, as in {@code Packages} and {@code Release}):
 * {@code Field: value} lines, continuation lines starting with a space or tab, paragraphs
 * separated by empty lines. Field names are kept as written; {@link #field} looks them up without
 * regard to case. Written by hand: the format is a few lines of rules and no library on Maven
 * Central reads it.
 */
final class ControlParagraphs {

    private ControlParagraphs() {
    }

    /** Calls {@code sink} with each paragraph, fields in order; continuation lines joined with {@code \n}. */
    static void read(BufferedReader in, String source, Consumer<Map<String, String>> sink) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        String last = null;
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                if (!fields.isEmpty()) {
                    sink.accept(fields);
                    fields = new LinkedHashMap<>();
                }
                last = null;
                continue;
            }
            char first = line.charAt(0);
            if (first == ' ' || first == '\t') {
                if (last == null) {
                    throw new IOException(source + ":" + number + ": continuation line without a field");
                }
                fields.put(last, fields.get(last) + "\n" + line.substring(1));
                continue;
            }
            if (first == '#') {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException(source + ":" + number + ": expected 'Field: value'");
            }
            last = line.substring(0, colon);
            fields.put(last, line.substring(colon + 1).strip());
        }
        if (!fields.isEmpty()) {
            sink.accept(fields);
        }
    }

    /** The value of a field, looked up without regard to case, or null. */
    static String field(Map<String, String> fields, String name) {
        String v = fields.get(name);
        if (v != null) {
            return v;
        }
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return e.getValue();
            }
        }
        return null;
    }
}
