package dev.winelib.unixlib;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import dev.winelib.spec.ExportEntry;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.toolchain.imports.DllExports;
import dev.winelib.toolchain.imports.ExportLists;
import dev.winelib.toolchain.imports.ImportException;
import dev.winelib.toolchain.imports.ImportableExport;

/** What a PE half must be after linking and marking: a builtin DLL of its architecture with the spec's exports. */
final class PeDllChecks {

    private PeDllChecks() {
    }

    /**
     * The problems of a linked, marked DLL.
     *
     * @param dll the DLL, under its final file name (its directory is read as a DLL directory)
     */
    static List<String> problems(PeArchitecture architecture, Path dll, byte[] bytes, ModuleSpec spec)
            throws ImportException {
        List<String> problems = new ArrayList<>();
        String origin = dll.toString();
        int machine = BuiltinMarker.machine(origin, bytes);
        if (machine != architecture.machine()) {
            problems.add("its machine is 0x" + Integer.toHexString(machine) + ", not " + architecture.keyword() + " (0x"
                    + Integer.toHexString(architecture.machine()) + "): build it with " + architecture.defaultCompiler());
        }
        if (!BuiltinMarker.isMarked(bytes)) {
            problems.add("it does not carry the Wine builtin mark at 0x40");
        }
        int peOffset = BuiltinMarker.peOffset(origin, bytes);
        int checksumOffset = BuiltinMarker.checksumOffset(origin, bytes, peOffset);
        if (BuiltinMarker.storedChecksum(origin, bytes) != BuiltinMarker.checksum(bytes, checksumOffset)) {
            problems.add("its PE checksum is wrong");
        }
        Optional<DllExports> read = ExportLists.of(List.of(), List.of(dll.getParent()), List.of())
                .find(dll.getFileName().toString());
        if (read.isEmpty()) {
            problems.add("its export directory cannot be read");
            return problems;
        }
        Map<String, Integer> actual = new HashMap<>();
        TreeSet<Integer> ordinals = new TreeSet<>();
        for (ImportableExport e : read.get().exports()) {
            e.name().ifPresent(n -> actual.put(n, e.ordinal()));
            ordinals.add(e.ordinal());
        }
        TreeSet<String> unexpected = new TreeSet<>(actual.keySet());
        for (ExportEntry e : spec.entries()) {
            Optional<String> name = e.exportedName();
            if (name.isPresent()) {
                Integer ordinal = actual.get(name.get());
                unexpected.remove(name.get());
                if (ordinal == null) {
                    problems.add("it does not export " + name.get() + " (" + e.location() + ")");
                } else if (ordinal != e.ordinal()) {
                    problems.add("it exports " + name.get() + " with ordinal " + ordinal + ", not " + e.ordinal());
                }
            } else if (!ordinals.contains(e.ordinal())) {
                problems.add("it has no export with ordinal " + e.ordinal() + " (" + e.location() + ")");
            }
        }
        if (!unexpected.isEmpty()) {
            problems.add("it exports names the spec does not declare: " + String.join(", ", unexpected));
        }
        return problems;
    }
}
