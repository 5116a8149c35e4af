package dev.winelib.toolchain.imports;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.winelib.spec.ModuleSpec;

/**
 * The importable exports of one DLL and where the list came from. Immutable.
 */
public final class DllExports {

    private static final Comparator<ImportableExport> ORDER = Comparator.comparingInt(ImportableExport::ordinal)
            .thenComparing(e -> e.name().orElse(""), ModuleSpec.NAME_ORDER);

    private final String dllName;
    private final List<ImportableExport> exports;
    private final String source;
    private final Map<String, ImportableExport> byName;
    private final Map<Integer, ImportableExport> byOrdinal;

    /**
     * @param dllName the module's file name as Wine names it, e.g. {@code kernel32.dll}
     * @param exports the exports, in any order (kept sorted by ordinal, then name)
     * @param source where the list came from, for messages (a file path)
     */
    public DllExports(String dllName, List<ImportableExport> exports, String source) {
        this.dllName = Objects.requireNonNull(dllName, "dllName");
        this.source = Objects.requireNonNull(source, "source");
        List<ImportableExport> sorted = new ArrayList<>(exports);
        sorted.sort(ORDER);
        this.exports = List.copyOf(sorted);
        Map<String, ImportableExport> names = new HashMap<>();
        Map<Integer, ImportableExport> ordinals = new HashMap<>();
        for (ImportableExport e : this.exports) {
            e.name().ifPresent(n -> names.putIfAbsent(n, e));
            ordinals.putIfAbsent(e.ordinal(), e);
        }
        this.byName = Collections.unmodifiableMap(names);
        this.byOrdinal = Collections.unmodifiableMap(ordinals);
    }

    /** The module's file name as Wine names it, in lower case, e.g. {@code kernel32.dll}. */
    public String dllName() {
        return dllName;
    }

    /** The exports, sorted by ordinal, then name. */
    public List<ImportableExport> exports() {
        return exports;
    }

    /** Where the list came from, e.g. the path of the PE DLL. */
    public String source() {
        return source;
    }

    /** The export C code reaches under this name (exact, case-sensitive). */
    public Optional<ImportableExport> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The export with this ordinal (the first by name when several names share it). */
    public Optional<ImportableExport> byOrdinal(int ordinal) {
        return Optional.ofNullable(byOrdinal.get(ordinal));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DllExports other && dllName.equals(other.dllName) && exports.equals(other.exports)
                && source.equals(other.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dllName, exports, source);
    }

    @Override
    public String toString() {
        return dllName + " (" + exports.size() + " exports, from " + source + ")";
    }
}
