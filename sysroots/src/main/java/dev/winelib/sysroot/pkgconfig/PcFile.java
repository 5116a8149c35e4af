package dev.winelib.sysroot.pkgconfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.winelib.sysroot.SysrootException;

/**
 * One {@code .pc} file: variables ({@code name=value}) and properties ({@code Key: value}), with
 * {@code ${variable}} references expanded. {@code #} starts a comment (unless written {@code \#}),
 * a line ending in {@code \} continues on the next. Two variables are predefined, as pkgconf does:
 * {@code pc_sysrootdir} (the sysroot) and {@code pcfiledir} (the directory of the file).
 *
 * @param module the module name (the file name without {@code .pc})
 * @param file the file
 * @param properties the expanded properties, by lower-case key ({@code cflags}, {@code libs},
 *     {@code requires}, {@code requires.private}, {@code version}, ...)
 */
record PcFile(String module, Path file, Map<String, String> properties) {

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z0-9_.]+");
    /** More than this many expansions in one value is a loop ({@code a=${b}}, {@code b=${a}}). */
    private static final int MAX_EXPANSIONS = 1000;

    PcFile {
        properties = Map.copyOf(properties);
    }

    String property(String key) {
        return properties.getOrDefault(key.toLowerCase(Locale.ROOT), "");
    }

    static PcFile read(String module, Path file, Path sysroot) throws SysrootException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SysrootException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> variables = new HashMap<>();
        variables.put("pc_sysrootdir", sysroot.toString());
        variables.put("pcfiledir", file.getParent().toString());
        Map<String, String> properties = new HashMap<>();
        List<String> lines = List.of(text.replace("\\\r\n", "").replace("\\\n", "").split("\r?\n"));
        for (int n = 0; n < lines.size(); n++) {
            String line = stripComment(lines.get(n)).strip();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            int colon = line.indexOf(':');
            String where = file + ":" + (n + 1);
            if (colon > 0 && (eq < 0 || colon < eq)) {
                String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                properties.put(key, expand(line.substring(colon + 1).strip(), variables, where));
            } else if (eq > 0) {
                String name = line.substring(0, eq).strip();
                if (!VARIABLE.matcher(name).matches()) {
                    throw new SysrootException(where + ": '" + name + "' is not a variable name");
                }
                variables.put(name, expand(line.substring(eq + 1).strip(), variables, where));
            } else {
                throw new SysrootException(where + ": expected 'name=value' or 'Key: value'");
            }
        }
        return new PcFile(module, file, properties);
    }

    private static String stripComment(String line) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '#') {
                sb.append('#');
                i++;
            } else if (c == '#') {
                break;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Expands {@code ${name}} (defined earlier in the file) and {@code $$}. */
    private static String expand(String value, Map<String, String> variables, String where) throws SysrootException {
        StringBuilder sb = new StringBuilder();
        int expansions = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '$' && i + 1 < value.length() && value.charAt(i + 1) == '$') {
                sb.append('$');
                i++;
            } else if (c == '$' && i + 1 < value.length() && value.charAt(i + 1) == '{') {
                int end = value.indexOf('}', i + 2);
                if (end < 0) {
                    throw new SysrootException(where + ": unterminated ${ in '" + value + "'");
                }
                String name = value.substring(i + 2, end);
                String v = variables.get(name);
                if (v == null) {
                    throw new SysrootException(where + ": variable '" + name + "' is not defined");
                }
                if (++expansions > MAX_EXPANSIONS) {
                    throw new SysrootException(where + ": too many variable expansions");
                }
                sb.append(v);
                i = end;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
