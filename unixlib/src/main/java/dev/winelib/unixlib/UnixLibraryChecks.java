package dev.winelib.unixlib;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.elf.ElfFormatException;
import dev.winelib.toolchain.elf.ElfSymbol;

/** What the Unix half must hold before and after linking. */
final class UnixLibraryChecks {

    private static final int STT_OBJECT = 1;
    private static final int POINTER_SIZE_64 = 8;
    private static final int POINTER_SIZE_32 = 4;

    private UnixLibraryChecks() {
    }

    /**
     * The functions the call table names that none of the Unix objects defines, each with the
     * prototype to write; empty when all are there.
     *
     * @param userObjects the objects compiled from the Unix sources (not the generated table)
     */
    static List<String> missingImplementations(UnixCallsDeclaration declaration, List<Path> userObjects)
            throws IOException, ElfFormatException {
        Set<String> defined = new HashSet<>();
        Set<String> local = new HashSet<>();
        for (Path object : userObjects) {
            for (ElfSymbol s : ElfFile.readEither(object).symbols()) {
                if (!s.isDefined()) {
                    continue;
                }
                if (s.isGlobalOrWeak()) {
                    defined.add(s.name());
                } else {
                    local.add(s.name());
                }
            }
        }
        String file = Path.of(declaration.source()).getFileName().toString();
        List<String> missing = new ArrayList<>();
        for (UnixCall c : declaration.calls()) {
            String where = file + ":" + c.location().line() + ": call '" + c.name() + "' needs ";
            if (!defined.contains(c.unixFunction())) {
                missing.add(where + "NTSTATUS " + c.unixFunction() + "(" + (c.hasParameters() ? "struct "
                        + c.paramsStruct() + " *params" : "void") + ")" + staticHint(local, c.unixFunction()));
            }
            if (c.wow64Function().isPresent() && !defined.contains(c.wow64Function().get())) {
                missing.add(where + "NTSTATUS " + c.wow64Function().get() + "(" + (c.hasParameters() ? "struct "
                        + c.params32Struct() + " *params" : "void") + ") for 32-bit callers (WOW64)"
                        + staticHint(local, c.wow64Function().get()));
            }
        }
        return missing;
    }

    private static String staticHint(Set<String> local, String name) {
        return local.contains(name) ? " (it is defined static: remove 'static')" : "";
    }

    /**
     * The problems of a linked Unix library: it must export the call tables, as data of one pointer
     * per call, and nothing else.
     */
    static List<String> problems(ElfFile library, UnixCallsDeclaration declaration) throws ElfFormatException {
        List<String> problems = new ArrayList<>();
        Map<String, ElfSymbol> exported = new LinkedHashMap<>();
        for (ElfSymbol s : library.dynamicSymbols()) {
            if (s.isDefined() && s.isGlobalOrWeak() && !s.name().isEmpty()) {
                exported.put(s.name(), s);
            }
        }
        long expectedSize = (long) declaration.calls().size()
                * (library.is64Bit() ? POINTER_SIZE_64 : POINTER_SIZE_32);
        for (String name : declaration.exportedSymbols()) {
            ElfSymbol s = exported.get(name);
            if (s == null) {
                problems.add(name + " is not exported");
            } else if (s.type() != STT_OBJECT || s.size() != expectedSize) {
                problems.add(name + " is not a table of " + declaration.calls().size() + " function pointers (type "
                        + s.type() + ", " + s.size() + " bytes)");
            }
        }
        Set<String> extra = new TreeSet<>(exported.keySet());
        extra.removeAll(declaration.exportedSymbols());
        if (!extra.isEmpty()) {
            problems.add("it exports more than its call tables: " + String.join(", ", extra));
        }
        return problems;
    }
}
