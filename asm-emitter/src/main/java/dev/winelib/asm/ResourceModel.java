package dev.winelib.asm;

import java.util.ArrayList;
import java.util.List;

import dev.winelib.resources.Resource;
import dev.winelib.resources.ResourceDirectory;
import dev.winelib.resources.ResourceTable;

/**
 * The data of a module's resource directory: the tables, data entries (whose RVAs the
 * assembler computes from labels) and name strings of a {@link ResourceDirectory}, and each
 * resource's bytes as 32-bit words. Only numbers reach the text.
 */
final class ResourceModel {

    private static final int WORDS_PER_LINE = 16;

    private ResourceModel() {
    }

    /** A directory table: its counts of named and numbered entries, and its entries as "name,offset" words. */
    record Table(int named, int ids, List<String> entries) {
    }

    /** One resource's data: its size and its bytes as lines of words. */
    record Data(int size, List<String> lines) {
    }

    /** The tables, the name strings (as lists of 16-bit words) and the data. */
    record Directory(List<Table> tables, List<String> strings, List<Data> data) {
    }

    /** The resource directory, or null when the module has no resources. */
    static Directory of(ResourceTable table) {
        if (table.isEmpty()) {
            return null;
        }
        ResourceDirectory dir = ResourceDirectory.of(table);
        List<Table> tables = new ArrayList<>();
        for (ResourceDirectory.Table t : dir.tables()) {
            List<String> entries = new ArrayList<>();
            for (ResourceDirectory.Entry e : t.entries()) {
                entries.add(hex(e.nameField()) + "," + hex(e.offsetField()));
            }
            tables.add(new Table(t.namedEntries(), t.idEntries(), entries));
        }
        List<String> strings = new ArrayList<>();
        for (String s : dir.strings()) {
            StringBuilder b = new StringBuilder().append(hex4(s.length()));
            for (char c : s.toCharArray()) {
                b.append(',').append(hex4(c));
            }
            strings.add(b.toString());
        }
        List<Data> data = new ArrayList<>();
        for (Resource r : dir.resources()) {
            data.add(new Data(r.size(), words(r)));
        }
        return new Directory(tables, strings, data);
    }

    /** The data padded with zeros to 4 bytes, as little-endian words, 16 to a line. */
    private static List<String> words(Resource r) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int count = 0;
        for (int i = 0; i < r.size(); i += 4) {
            long word = 0;
            for (int k = 0; k < 4; k++) {
                int b = i + k < r.size() ? r.byteAt(i + k) : 0;
                word |= (long) b << (8 * k);
            }
            if (count > 0) {
                line.append(',');
            }
            line.append(hex(word));
            if (++count == WORDS_PER_LINE) {
                lines.add(line.toString());
                line.setLength(0);
                count = 0;
            }
        }
        if (count > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** As {@code String.format("0x%08x", value)}, without a Formatter (which starts the regex engine). */
    private static String hex(long value) {
        String digits = Long.toHexString(value);
        return "0x" + "0".repeat(Math.max(0, 8 - digits.length())) + digits;
    }

    private static String hex4(int value) {
        return PeHeaderText.hex4(value);
    }
}
