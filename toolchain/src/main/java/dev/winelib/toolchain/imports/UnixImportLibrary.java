package dev.winelib.toolchain.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.elf.ElfFormatException;
import dev.winelib.toolchain.elf.ElfSymbol;

/**
 * Reads a Unix import library of Wine ({@code lib<name>.a}): an {@code ar} archive of ELF objects,
 * each a thunk {@code name} that refers to the undefined symbol
 * {@code __wine$func$<dll>$<ordinal>$<name>} (imported by name) or {@code __wine$ord$<dll>$<ordinal>$<name>}
 * (imported by ordinal); {@code <dll>} is the DLL's file name as {@link DllNames#encode} writes it.
 */
final class UnixImportLibrary {

    static final String FUNC_PREFIX = "__wine$func$";
    static final String ORD_PREFIX = "__wine$ord$";

    private UnixImportLibrary() {
    }

    /** The exports the library imports, by DLL file name (a library normally imports from one DLL). */
    static Map<String, List<ImportableExport>> read(Path library) throws ImportException {
        Map<String, List<ImportableExport>> result = new LinkedHashMap<>();
        scan(library, (dll, export) -> {
            result.computeIfAbsent(dll, d -> new ArrayList<>()).add(export);
            return true;
        });
        return result;
    }

    /** The DLL the library's first thunk imports from; empty when it has no thunk (libuuid.a, ...). */
    static Optional<String> firstDll(Path library) throws ImportException {
        String[] found = new String[1];
        scan(library, (dll, export) -> {
            found[0] = dll;
            return false;
        });
        return Optional.ofNullable(found[0]);
    }

    /** Receives the thunks of a library. */
    interface ThunkVisitor {
        /** Returns false to stop reading. */
        boolean thunk(String dll, ImportableExport export);
    }

    static void scan(Path library, ThunkVisitor visitor) throws ImportException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(library), 1 << 16)) {
            scan(library.toString(), in, visitor);
        } catch (IOException e) {
            throw new ImportException("cannot read " + library + ": " + e.getMessage(), e);
        }
    }

    static void scan(String origin, InputStream in, ThunkVisitor visitor) throws ImportException, IOException {
        ArArchive.read(origin, in, (member, content) -> {
            List<ElfSymbol> symbols;
            try {
                symbols = ElfFile.parseEither(origin + "(" + member + ")", content).symbols();
            } catch (ElfFormatException e) {
                throw new ImportException(e.getMessage() + " (a member of the archive " + origin + ")", e);
            }
            for (ElfSymbol s : symbols) {
                if (s.isDefined()) {
                    continue;
                }
                boolean byOrdinal = s.name().startsWith(ORD_PREFIX);
                if (!byOrdinal && !s.name().startsWith(FUNC_PREFIX)) {
                    continue;
                }
                String rest = s.name().substring(byOrdinal ? ORD_PREFIX.length() : FUNC_PREFIX.length());
                Thunk thunk = parseThunk(rest, byOrdinal).orElseThrow(() -> new ImportException(origin + "("
                        + member + "): malformed import symbol " + s.name()
                        + " (expected __wine$func$DLL$ORDINAL$NAME or __wine$ord$DLL$ORDINAL$NAME)"));
                if (!visitor.thunk(thunk.dll(), thunk.export())) {
                    return false;
                }
            }
            return true;
        });
    }

    record Thunk(String dll, ImportableExport export) {
    }

    /** Parses {@code <dll>$<ordinal>$<name>}, the part after the prefix. */
    static Optional<Thunk> parseThunk(String rest, boolean byOrdinal) {
        Optional<DllNames.Decoded> decoded = DllNames.decode(rest);
        if (decoded.isEmpty()) {
            return Optional.empty();
        }
        int i = decoded.get().end();
        if (i >= rest.length() || rest.charAt(i) != '$') {
            return Optional.empty();
        }
        i++;
        int digitsStart = i;
        long ordinal = 0;
        while (i < rest.length() && rest.charAt(i) >= '0' && rest.charAt(i) <= '9' && i - digitsStart < 6) {
            ordinal = ordinal * 10 + rest.charAt(i) - '0';
            i++;
        }
        if (i == digitsStart || ordinal > 0xffff || i >= rest.length() || rest.charAt(i) != '$') {
            return Optional.empty();
        }
        String name = rest.substring(i + 1);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Thunk(decoded.get().dllName(),
                new ImportableExport(Optional.of(name), (int) ordinal, 0, false, byOrdinal)));
    }
}
