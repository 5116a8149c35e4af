package dev.winelib.toolchain.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.winelib.asm.ImportedDll;
import dev.winelib.asm.ModuleAssemblyEmitter;
import dev.winelib.asm.ModuleImports;
import dev.winelib.spec.ExportEntry;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.elf.ElfFormatException;
import dev.winelib.toolchain.elf.ElfSymbol;
import dev.winelib.toolchain.pe.PeExport;
import dev.winelib.toolchain.pe.PeImport;
import dev.winelib.toolchain.pe.WinelibImage;
import dev.winelib.toolchain.pe.WinelibImageReader;

/**
 * Reads a linked module the way Wine's loader will and compares it with the spec: the NT header is
 * the only exported dynamic symbol, the entry point and every export lie above the module base
 * (where Wine writes its headers), and the export table decodes back to the spec's entries.
 */
public final class PostLinkChecks {

    private PostLinkChecks() {
    }

    /**
     * Checks a linked module; returns its PE view, or fails listing every problem found.
     *
     * @param entrySymbol the symbol expected as entry point, or empty for none
     */
    public static WinelibImage verify(ElfFile elf, ModuleSpec spec, Optional<String> entrySymbol) throws BuildFailure {
        return verify(elf, spec, entrySymbol, Optional.empty());
    }

    /**
     * Like {@link #verify(ElfFile, ModuleSpec, Optional)}, and when {@code imports} is given, the
     * import and delay-import directories must decode back to it.
     */
    public static WinelibImage verify(ElfFile elf, ModuleSpec spec, Optional<String> entrySymbol,
            Optional<ModuleImports> imports) throws BuildFailure {
        List<String> problems = new ArrayList<>();
        WinelibImage image;
        Map<String, Long> symbols = new HashMap<>();
        try {
            for (ElfSymbol s : elf.dynamicSymbols()) {
                if (s.isDefined() && s.isGlobalOrWeak() && (s.visibility() == 0 || s.visibility() == 3)
                        && !s.name().isEmpty() && !s.name().equals(WinelibImageReader.NT_HEADER_SYMBOL)) {
                    problems.add("dynamic symbol '" + s.name() + "' is exported; only "
                            + WinelibImageReader.NT_HEADER_SYMBOL + " may be (check the version script)");
                }
            }
            // only the symbols the checks look up: a linked module has tens of thousands
            java.util.Set<String> wanted = new java.util.HashSet<>();
            entrySymbol.ifPresent(wanted::add);
            for (ExportEntry e : spec.entries()) {
                if (!e.forward()) {
                    wanted.add(ModuleAssemblyEmitter.slotSymbol(e, spec));
                }
            }
            wanted.remove("");
            for (ElfSymbol s : elf.definedSymbolsNamed(wanted)) {
                symbols.merge(s.name(), s.value(), (a, b) -> s.isGlobalOrWeak() ? b : a);
            }
            image = WinelibImageReader.read(elf);
        } catch (ElfFormatException e) {
            throw new BuildFailure("post-link check of " + elf.origin() + ": " + e.getMessage(), e);
        }

        long floor = image.firstUsableAddress();
        int machine = elf.is64Bit() ? 0x8664 : 0x14c;
        if (image.machine() != machine) {
            problems.add("machine is 0x" + Integer.toHexString(image.machine()) + ", not "
                    + (elf.is64Bit() ? "AMD64 in an x86_64" : "i386 (0x14c) in an i386") + " module");
        }
        if (entrySymbol.isPresent()) {
            Long expected = symbols.get(entrySymbol.get());
            if (image.entryPoint() == 0) {
                problems.add("the entry point is 0, expected " + entrySymbol.get());
            } else if (expected != null && expected != image.entryPoint()) {
                problems.add("the entry point is 0x" + Long.toHexString(image.entryPoint()) + ", but "
                        + entrySymbol.get() + " is at 0x" + Long.toHexString(expected));
            }
        } else if (image.entryPoint() != 0) {
            problems.add("the module has an entry point at 0x" + Long.toHexString(image.entryPoint())
                    + " but none was expected");
        }
        if (image.entryPoint() != 0) {
            checkAddress("the entry point", image.entryPoint(), floor, image, elf, problems);
        }

        if (!image.dllName().orElse("").equals(spec.fileName())) {
            problems.add("export directory names the module '" + image.dllName().orElse("") + "', expected '"
                    + spec.fileName() + "'");
        }
        if (image.ordinalBase() != spec.base()) {
            problems.add("ordinal base is " + image.ordinalBase() + ", expected " + spec.base());
        }
        if (image.slotCount() != spec.exportSlotCount()) {
            problems.add("export table has " + image.slotCount() + " slots, expected " + spec.exportSlotCount());
        }
        List<String> expectedNames = spec.namedEntries().stream().map(e -> e.exportedName().orElseThrow()).toList();
        if (!image.nameTable().equals(expectedNames)) {
            problems.add("export name table is " + image.nameTable() + ", expected " + expectedNames);
        }
        Map<Integer, PeExport> byOrdinal = new HashMap<>();
        for (PeExport x : image.exports()) {
            byOrdinal.put(x.ordinal(), x);
        }
        for (int ordinal = spec.base(); ordinal <= spec.limit(); ordinal++) {
            Optional<ExportEntry> entry = spec.atOrdinal(ordinal);
            PeExport actual = byOrdinal.remove(ordinal);
            if (entry.isEmpty()) {
                if (actual != null) {
                    problems.add("ordinal " + ordinal + " should be empty but points at 0x"
                            + Long.toHexString(actual.address()));
                }
                continue;
            }
            ExportEntry e = entry.get();
            String label = "export " + e.exportedName().or(e::declaredName).orElse("@") + " (ordinal " + ordinal + ", "
                    + e.location() + ")";
            if (actual == null) {
                problems.add(label + " is missing from the export table (address 0)");
                continue;
            }
            if (!actual.name().equals(e.exportedName())) {
                problems.add(label + " has name " + actual.name().orElse("(none)") + " in the table");
            }
            if (e.forward()) {
                if (!actual.forward().equals(Optional.of(e.target()))) {
                    problems.add(label + " should forward to " + e.target() + " but the table holds "
                            + actual.forward().map(f -> "forward " + f).orElse("address 0x"
                                    + Long.toHexString(actual.address())));
                }
                continue;
            }
            if (actual.forward().isPresent()) {
                problems.add(label + " is read as a forward to '" + actual.forward().get() + "'");
                continue;
            }
            String symbol = ModuleAssemblyEmitter.slotSymbol(e, spec);
            Long expected = symbols.get(symbol);
            if (expected != null && expected != actual.address()) {
                problems.add(label + " points at 0x" + Long.toHexString(actual.address()) + ", but " + symbol
                        + " is at 0x" + Long.toHexString(expected));
            }
            checkAddress(label, actual.address(), floor, image, elf, problems);
        }
        for (PeExport extra : byOrdinal.values()) {
            problems.add("ordinal " + extra.ordinal() + " is in the export table but not in the spec");
        }
        if (imports.isPresent()) {
            List<PeImport> expected = new ArrayList<>();
            for (ImportedDll dll : imports.get().immediate()) {
                expected.add(asPeImport(dll));
            }
            for (ImportedDll dll : imports.get().delayed()) {
                expected.add(asPeImport(dll));
            }
            if (!image.imports().equals(expected)) {
                problems.add("the import directories hold " + image.imports() + ", expected " + expected);
            }
        }
        if (!problems.isEmpty()) {
            throw new BuildFailure(elf.origin() + " would not work under Wine:\n  - " + String.join("\n  - ", problems));
        }
        return image;
    }

    private static PeImport asPeImport(ImportedDll dll) {
        return new PeImport(dll.dllName(), dll.functions().stream()
                .map(f -> f.importName().orElse("#" + f.ordinal())).toList(), dll.delayed());
    }

    private static void checkAddress(String what, long address, long floor, WinelibImage image, ElfFile elf,
            List<String> problems) {
        if (address < floor) {
            problems.add(what + " is at 0x" + Long.toHexString(address) + ", below the end of the PE header page at 0x"
                    + Long.toHexString(floor) + " (module base 0x" + Long.toHexString(image.moduleBase())
                    + "): Wine would compute a wrong RVA; .init must come before all code and data"
                    + " (check the ordering linker script)");
        } else if (!elf.isMapped(address)) {
            problems.add(what + " is at 0x" + Long.toHexString(address) + ", outside every loaded segment");
        }
    }
}
