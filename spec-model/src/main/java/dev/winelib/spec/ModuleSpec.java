package dev.winelib.spec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The exports of one module: its file name and its entry points with final ordinals.
 * Immutable; built by {@link SpecParser}.
 */
public final class ModuleSpec {

    /** Byte-wise comparison of names, the order of a PE export name table. */
    public static final Comparator<String> NAME_ORDER = new Comparator<>() {
        // a class rather than a method reference (and below): each lambda's call site is linked on its first
        // use, which every short run of the command line pays (Java 17)
        @Override
        public int compare(String a, String b) {
            return compareNames(a, b);
        }
    };

    /** Named entries by name, in {@link #NAME_ORDER}. */
    private static final Comparator<Named> BY_NAME = new Comparator<>() {
        @Override
        public int compare(Named a, Named b) {
            return compareNames(a.name, b.name);
        }
    };

    /**
     * {@link #NAME_ORDER} without encoding: UTF-8 bytes compare as the code points they encode, and
     * outside surrogates a char is its code point, so chars are compared until the first difference;
     * only names that differ at a surrogate are encoded.
     */
    private static int compareNames(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
                    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
                }
                return Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /**
     * Named entries by name when no name has a char from U+D800 on: there a char is its code point and
     * its UTF-8 bytes keep that order, so {@link String#compareTo} (which compares the bytes of compact
     * Latin-1 strings directly) gives {@link #NAME_ORDER}'s sign without a call per character.
     */
    private static final Comparator<Named> BY_NAME_BELOW_SURROGATES = new Comparator<>() {
        @Override
        public int compare(Named a, Named b) {
            return a.name.compareTo(b.name);
        }
    };

    private record Named(String name, ExportEntry entry) {
    }

    /** Whether {@code name} has a char from U+D800 (a surrogate or above) on. */
    private static boolean hasSurrogateOrAbove(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= '\uD800') {
                return true;
            }
        }
        return false;
    }

    private final String fileName;
    private final String source;
    private final TargetCpu cpu;
    private final List<ExportEntry> entries;
    private final int base;
    private final int limit;
    private final ExportEntry[] byOrdinal;
    /** The named entries sorted by name; null until {@link #namedSort}'s result is taken. */
    private volatile List<ExportEntry> namedEntries;
    /** A large spec's name sort, running on a thread of its own; null when sorted in the constructor. */
    private final Background<List<ExportEntry>> namedSort;

    ModuleSpec(String fileName, String source, TargetCpu cpu, List<ExportEntry> entries, int base, int limit) {
        this.fileName = Objects.requireNonNull(fileName, "fileName");
        this.source = Objects.requireNonNull(source, "source");
        this.cpu = Objects.requireNonNull(cpu, "cpu");
        this.entries = List.copyOf(entries);
        this.base = base;
        this.limit = limit;
        this.byOrdinal = new ExportEntry[limit - base + 1];
        for (ExportEntry e : this.entries) {
            byOrdinal[e.ordinal() - base] = e;
        }
        if (this.entries.size() < PARALLEL_ENTRIES) {
            this.namedEntries = sortedByName(this.entries);
            this.namedSort = null;
        } else {
            // a large spec's names are sorted on a thread of their own while the build goes on (the sort
            // is first needed when the export name table is written)
            List<ExportEntry> all = this.entries;
            this.namedSort = Background.start("spec name sort", () -> sortedByName(all));
        }
    }

    /** Specs with at least this many entries check and sort their names on threads of their own. */
    static final int PARALLEL_ENTRIES = 20_000;

    /** The named entries of {@code entries}, sorted by name. */
    private static List<ExportEntry> sortedByName(List<ExportEntry> entries) {
        // the names taken out once (a large spec sorts with about a million comparisons)
        List<Named> named = new ArrayList<>(entries.size());
        boolean surrogatesOrAbove = false;
        for (ExportEntry e : entries) {
            Optional<String> name = e.exportedName();
            if (name.isPresent()) {
                named.add(new Named(name.get(), e));
                surrogatesOrAbove = surrogatesOrAbove || hasSurrogateOrAbove(name.get());
            }
        }
        named.sort(surrogatesOrAbove ? BY_NAME : BY_NAME_BELOW_SURROGATES);
        ExportEntry[] sorted = new ExportEntry[named.size()];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = named.get(i).entry;
        }
        return List.of(sorted);
    }

    /**
     * A module without exports, as an executable built without a spec file is: it has no export
     * table at all ({@link #exportSlotCount()} is 0).
     *
     * @param fileName the module's file name, e.g. {@code app.exe}
     * @param source what the name came from, for messages (e.g. the command line)
     */
    public static ModuleSpec withoutExports(String fileName, String source) {
        return withoutExports(fileName, source, TargetCpu.X86_64);
    }

    /** A module without exports for {@code cpu}; see {@link #withoutExports(String, String)}. */
    public static ModuleSpec withoutExports(String fileName, String source, TargetCpu cpu) {
        SpecParser.checkModuleFileName(source, fileName);
        return new ModuleSpec(fileName, source, cpu, List.of(), 1, 0);
    }

    /** Whether the module has an export table (every module read from a spec file has one). */
    public boolean hasExportTable() {
        return byOrdinal.length > 0;
    }

    /** The module's file name as Wine sees it, e.g. {@code hello.dll}. */
    public String fileName() {
        return fileName;
    }

    /** The CPU the spec was read for. */
    public TargetCpu cpu() {
        return cpu;
    }

    /** The file the spec was read from, as given. */
    public String source() {
        return source;
    }

    /** Entry points in declaration order. */
    public List<ExportEntry> entries() {
        return entries;
    }

    /** The lowest ordinal of the export table (1 when the spec has no explicit ordinal). */
    public int base() {
        return base;
    }

    /** The highest ordinal of the export table. */
    public int limit() {
        return limit;
    }

    /**
     * Number of slots in the export address table, holes included. Like winebuild, a module
     * without entry points still has one (empty) slot.
     */
    public int exportSlotCount() {
        return byOrdinal.length;
    }

    public Optional<ExportEntry> atOrdinal(int ordinal) {
        if (ordinal < base || ordinal - base >= byOrdinal.length) {
            return Optional.empty();
        }
        return Optional.ofNullable(byOrdinal[ordinal - base]);
    }

    /** Entries that have a name in the export name table, sorted byte-wise by that name. */
    public List<ExportEntry> namedEntries() {
        List<ExportEntry> named = namedEntries;
        if (named == null) {
            named = namedSort.join();
            namedEntries = named;
        }
        return named;
    }

    /** Applies a new file name (winebuild's {@code -F}). */
    public ModuleSpec withFileName(String newFileName) {
        return new ModuleSpec(newFileName, source, cpu, entries, base, limit);
    }
}
