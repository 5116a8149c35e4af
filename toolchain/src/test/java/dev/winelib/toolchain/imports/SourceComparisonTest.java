package dev.winelib.toolchain.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.winelib.spec.ExportDefinitions;
import dev.winelib.spec.ExportEntry;
import dev.winelib.spec.ExportFlag;
import dev.winelib.spec.ModuleSpec;

/**
 * The three sources agree: Wine's PE DLLs, its Unix import libraries and the .spec files of the Wine
 * source they were built from. Where they differ, they differ as winebuild makes them: the PE export
 * table also has -private entries; the import libraries have neither stubs nor data nor C++ names.
 */
class SourceComparisonTest {

    private static DllExports pe(String dll) throws ImportException {
        InstalledWine.require();
        return ExportLists.of(List.of(), List.of(InstalledWine.PE_DIRECTORY), List.of()).find(dll).orElseThrow();
    }

    private static DllExports unix(String dll) throws ImportException {
        InstalledWine.require();
        return ExportLists.of(List.of(), List.of(), List.of(InstalledWine.UNIX_DIRECTORY)).find(dll).orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kernel32", "user32", "ntdll", "comctl32", "msvcrt"})
    void peDllAndImportLibraryAgree(String dll) throws Exception {
        DllExports pe = pe(dll);
        DllExports unix = unix(dll);
        assertThat(unix.dllName()).isEqualTo(pe.dllName()).isEqualTo(dll + ".dll");
        assertThat(unix.exports()).hasSizeGreaterThan(100);
        for (ImportableExport u : unix.exports()) {
            String name = u.name().orElseThrow();
            if (u.byOrdinal()) { // -noname (no name in the PE) or -ordinal (named in the PE)
                ImportableExport p = pe.byOrdinal(u.ordinal()).orElseThrow(() -> new AssertionError(u.toString()));
                assertThat(p.name()).as(name).isIn(Optional.empty(), Optional.of(name));
            } else {
                assertThat(pe.byName(name)).as(name).get().extracting(ImportableExport::ordinal)
                        .isEqualTo(u.ordinal());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kernel32", "user32", "ntdll", "comctl32"})
    void wineSpecPeDllAndImportLibraryAgree(String dll) throws Exception {
        Path specFile = InstalledWine.wineSpec("dlls/" + dll + "/" + dll + ".spec");
        ModuleSpec spec = ExportDefinitions.parse(specFile, Optional.empty());
        DllExports pe = pe(dll);
        DllExports unix = unix(dll);
        DllExports fromSpec = ExportLists.of(List.of(specFile), List.of(), List.of()).find(dll).orElseThrow();

        // the PE export table: every named entry, -private ones too, with the same ordinal, hint and kind
        Map<String, String> peNamed = describe(pe, e -> e.name().isPresent() && !e.byOrdinal(), true);
        Map<String, String> specNamed = new TreeMap<>();
        List<ExportEntry> nameTable = spec.namedEntries();
        for (int i = 0; i < nameTable.size(); i++) {
            ExportEntry e = nameTable.get(i);
            specNamed.put(e.exportedName().orElseThrow(), e.ordinal() + " hint " + i
                    + (e.type() == dev.winelib.spec.EntryType.EXTERN ? " data" : ""));
        }
        assertThat(peNamed).isEqualTo(specNamed);
        assertThat(pe.exports().stream().filter(e -> e.name().isEmpty()).map(ImportableExport::ordinal).toList())
                .isEqualTo(spec.entries().stream().filter(e -> e.exportedName().isEmpty())
                        .map(ExportEntry::ordinal).sorted().toList());

        // the import library: the functions, without -private ones and C++ names
        Map<String, String> unixAll = describe(unix, e -> true, false);
        Map<String, String> specFunctions = new TreeMap<>();
        for (ExportEntry e : spec.entries()) {
            String name = e.declaredName().orElse("");
            if (e.type().isFunction() && !e.hasFlag(ExportFlag.PRIVATE) && !name.isEmpty()
                    && name.chars().noneMatch(c -> c == '?' || c == '@')) {
                specFunctions.put(name, e.ordinal() + (e.exportedName().isEmpty()
                        || e.hasFlag(ExportFlag.ORDINAL) ? " by ordinal" : ""));
            }
        }
        assertThat(unixAll).isEqualTo(specFunctions);

        // the exports read from the .spec: everything but -private entries, a superset of the library's
        assertThat(fromSpec.exports()).hasSize((int) spec.entries().stream()
                .filter(e -> !e.hasFlag(ExportFlag.PRIVATE)).count());
        for (ImportableExport u : unix.exports()) {
            ImportableExport s = fromSpec.byName(u.name().orElseThrow()).orElseThrow();
            assertThat(s.ordinal()).isEqualTo(u.ordinal());
            assertThat(s.byOrdinal()).isEqualTo(u.byOrdinal());
        }
    }

    private static Map<String, String> describe(DllExports dll, Predicate<ImportableExport> which, boolean hints) {
        return dll.exports().stream().filter(which).collect(Collectors.toMap(e -> e.name().orElseThrow(),
                e -> e.ordinal() + (hints ? " hint " + e.hint() : "") + (e.data() ? " data" : "")
                        + (!hints && e.byOrdinal() ? " by ordinal" : ""), (a, b) -> a + " / " + b, TreeMap::new));
    }
}
