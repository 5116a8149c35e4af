package dev.winelib.toolchain.imports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.winelib.spec.EntryType;
import dev.winelib.spec.ExportDefinitions;
import dev.winelib.spec.ExportEntry;
import dev.winelib.spec.ExportFlag;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.SpecException;

/** The importable exports a {@code .spec} or {@code .def} file defines. */
final class DefinitionFileExports {

    private DefinitionFileExports() {
    }

    static DllExports read(Path file) throws ImportException {
        ModuleSpec spec;
        try {
            spec = ExportDefinitions.parse(file, Optional.empty());
        } catch (SpecException e) {
            throw new ImportException(e.getMessage(), e);
        } catch (IOException e) {
            throw new ImportException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new DllExports(spec.fileName().toLowerCase(Locale.ROOT), exports(spec), file.toString());
    }

    /**
     * Every entry but the {@code -private} ones, as winebuild's import libraries do. The name is the
     * declared one, also for {@code -noname} entries (imported by ordinal); the hint is the index of the
     * name in the export name table.
     */
    static List<ImportableExport> exports(ModuleSpec spec) {
        Map<ExportEntry, Integer> hints = new HashMap<>();
        List<ExportEntry> named = spec.namedEntries();
        for (int i = 0; i < named.size(); i++) {
            hints.put(named.get(i), i);
        }
        List<ImportableExport> result = new ArrayList<>();
        for (ExportEntry e : spec.entries()) {
            if (e.hasFlag(ExportFlag.PRIVATE)) {
                continue;
            }
            boolean byOrdinal = e.exportedName().isEmpty() || e.hasFlag(ExportFlag.ORDINAL);
            result.add(new ImportableExport(e.declaredName(), e.ordinal(), hints.getOrDefault(e, 0),
                    e.type() == EntryType.EXTERN, byOrdinal));
        }
        return result;
    }
}
