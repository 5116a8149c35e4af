package dev.winelib.toolchain.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the files a build hands to a compiler or linker are to the user: a tool's messages name the
 * files as its command line gave them, and those are often the build's own intermediates (an object
 * in the work directory, the module header generated from the spec, a temporary output). Each such
 * name is replaced in the tool's output by what the user knows: the source an object was compiled
 * from, the spec a header was generated from, the output being written.
 *
 * @param names each file name as it appears on the command line, with what to say instead
 */
public record ToolFileNames(Map<String, String> names) {

    public ToolFileNames {
        names = Map.copyOf(names);
    }

    /** No file to rename: the output is shown as the tool wrote it. */
    public static ToolFileNames none() {
        return new ToolFileNames(Map.of());
    }

    /** These names with {@code file} (as given on the command line) shown as {@code description}. */
    public ToolFileNames with(Path file, String description) {
        Map<String, String> more = new LinkedHashMap<>(names);
        more.put(file.toString(), description);
        return new ToolFileNames(more);
    }

    /** These names with each object shown as {@code "the object of " + source}. */
    public ToolFileNames withObjects(Map<Path, String> objectSources) {
        // one copy of the names for all objects (a module can have thousands)
        Map<String, String> more = new LinkedHashMap<>(names);
        for (Map.Entry<Path, String> e : objectSources.entrySet()) {
            more.put(e.getKey().toString(), "the object of " + e.getValue());
        }
        return new ToolFileNames(more);
    }

    /** These names and {@code other}'s (other's win where both name a file). */
    public ToolFileNames and(ToolFileNames other) {
        Map<String, String> more = new LinkedHashMap<>(names);
        more.putAll(other.names);
        return new ToolFileNames(more);
    }

    /**
     * {@code output} with every known file name replaced by its description. A name is replaced only
     * where it stands as a whole path (not as part of a longer name), longest names first.
     */
    public String rewrite(String output) {
        if (names.isEmpty() || output.isEmpty()) {
            return output;
        }
        List<String> known = new ArrayList<>(names.keySet());
        known.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        StringBuilder alternatives = new StringBuilder();
        for (String name : known) {
            if (!name.isEmpty()) {
                alternatives.append(alternatives.length() == 0 ? "" : "|").append(Pattern.quote(name));
            }
        }
        Pattern pattern = Pattern.compile("(?<![\\w./%+-])(?:" + alternatives + ")(?![\\w/%+-]|\\.\\w)");
        Matcher m = pattern.matcher(output);
        StringBuilder result = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(result, Matcher.quoteReplacement(names.get(m.group())));
        }
        m.appendTail(result);
        return result.toString();
    }
}
