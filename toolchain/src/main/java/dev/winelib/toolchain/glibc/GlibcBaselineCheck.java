package dev.winelib.toolchain.glibc;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.winelib.toolchain.elf.ElfFile.Section;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.elf.ElfFormatException;
import dev.winelib.toolchain.elf.ElfSymbol;
import dev.winelib.toolchain.imports.ArArchive;
import dev.winelib.toolchain.imports.ImportException;
import dev.winelib.toolchain.link.LinkInputs;

/**
 * The glibc baseline guard: does a linked module load with a given glibc?
 *
 * <p>A module built on a newer distribution than its users' binds the newest symbol version of each
 * glibc function (Debian 12's gcc binds {@code close_range@GLIBC_2.34}); on an older glibc the
 * dynamic loader refuses the whole module. The check reads the module's version needs
 * ({@code .gnu.version_r}) and the version of each undefined dynamic symbol ({@code .gnu.version}),
 * and reports every glibc version the baseline lacks (see {@link GlibcVersion#provides}), with the
 * input objects that referenced the symbol. A version need no symbol uses (such as
 * {@code GLIBC_ABI_DT_RELR}) is reported too, with symbol {@link VersionedReference#NO_SYMBOL}: the
 * loader checks every version need, used or not. Versions of other libraries (libstdc++'s
 * {@code GLIBCXX_*}, libgcc's {@code GCC_*}) are not checked.
 *
 * <p>It also lists the module's {@code DT_NEEDED} libraries and warns about each one the Steam
 * Runtime 'sniper' does not provide.
 */
public final class GlibcBaselineCheck {

    static final int SHT_GNU_VERNEED = 0x6ffffffe;
    static final int SHT_GNU_VERSYM = 0x6fffffff;
    private static final int DT_NULL = 0;
    private static final int DT_NEEDED = 1;
    private static final int VERSYM_HIDDEN = 0x8000;

    /** One Elf64_Vernaux entry with the library of its Elf64_Verneed. */
    record VersionNeed(String library, String version, int index, int flags) {
    }

    private GlibcBaselineCheck() {
    }

    /**
     * Checks a linked module against a baseline glibc.
     *
     * @param linkedModule the linked shared object
     * @param objects the relocatable objects it was linked from (read only when something is too
     *        new, to name the objects that referenced it; named in the report as given here)
     * @param baseline the oldest glibc the module must load with, e.g. {@link GlibcVersion#STEAM_RUNTIME_SNIPER}
     * @throws ElfFormatException when the module (or an object) is not a well-formed x86_64 ELF file
     */
    public static BaselineReport check(Path linkedModule, List<Path> objects, GlibcVersion baseline)
            throws IOException, ElfFormatException {
        ElfFile module = ElfFile.readEither(linkedModule);
        return check(module, objects, baseline);
    }

    /** {@link #check(Path, List, GlibcVersion)} for a module the caller has read. */
    public static BaselineReport check(ElfFile module, List<Path> objects, GlibcVersion baseline)
            throws IOException, ElfFormatException {
        if (module.type() != ElfFile.ET_DYN) {
            throw new ElfFormatException(module.origin() + " is not a shared object (ELF type " + module.type() + ")");
        }
        Map<Integer, VersionNeed> needs = versionNeeds(module);
        List<ElfSymbol> dynamicSymbols = module.dynamicSymbols();
        int[] versions = symbolVersions(module, dynamicSymbols.size());

        List<VersionedReference> tooNew = new ArrayList<>();
        Set<Integer> used = new HashSet<>();
        for (int i = 1; i < dynamicSymbols.size(); i++) {
            ElfSymbol symbol = dynamicSymbols.get(i);
            int index = versions == null ? 1 : versions[i] & ~VERSYM_HIDDEN;
            if (symbol.isDefined() || index <= 1) {
                continue;
            }
            VersionNeed need = needs.get(index);
            if (need == null) {
                throw new ElfFormatException(module.origin() + ": undefined dynamic symbol " + symbol.name()
                        + " has version index " + index + ", which no version need (.gnu.version_r) defines");
            }
            used.add(index);
            if (tooNew(need, baseline)) {
                tooNew.add(new VersionedReference(symbol.name(), need.library(), need.version(), List.of()));
            }
        }
        for (VersionNeed need : needs.values()) {
            if (!used.contains(need.index()) && tooNew(need, baseline)) {
                tooNew.add(new VersionedReference(VersionedReference.NO_SYMBOL, need.library(), need.version(),
                        List.of()));
            }
        }

        if (!tooNew.isEmpty()) {
            tooNew = withReferences(tooNew, objects);
            tooNew.sort(Comparator.comparing(VersionedReference::withoutSymbol)
                    .thenComparing(VersionedReference::symbol).thenComparing(VersionedReference::version));
        }

        List<String> needed = neededLibraries(module);
        List<String> warnings = new ArrayList<>();
        for (String library : needed) {
            if (!SteamRuntimeSniper.provides(library)) {
                warnings.add(library + " is not part of the " + SteamRuntimeSniper.NAME
                        + " (the container Proton runs in, whose libraries are documented by the Steam Runtime's"
                        + " package list): the DLL fails to load there unless the library is shipped with it or"
                        + " linked statically");
            }
        }
        return new BaselineReport(tooNew, needed, warnings);
    }

    private static boolean tooNew(VersionNeed need, GlibcVersion baseline) {
        return GlibcVersion.isGlibcVersionName(need.version()) && !baseline.provides(need.version());
    }

    private static List<VersionedReference> withReferences(List<VersionedReference> references, List<Path> objects)
            throws IOException, ElfFormatException {
        Set<String> wanted = new HashSet<>();
        for (VersionedReference r : references) {
            wanted.add(r.symbol());
        }
        Map<String, Set<String>> referencedBy = new LinkedHashMap<>();
        for (Path object : objects) {
            if (LinkInputs.isArchive(object)) {
                // a static library: its members that reference the symbol, as archive(member)
                try (InputStream in = new BufferedInputStream(Files.newInputStream(object), 1 << 16)) {
                    ArArchive.read(object.toString(), in, (member, content) -> {
                        try {
                            collectReferences(ElfFile.parseEither(object + "(" + member + ")", content), wanted,
                                    referencedBy);
                        } catch (ElfFormatException e) {
                            // not an object (a Rust crate's metadata, a text file): it references nothing
                        }
                        return true;
                    });
                } catch (ImportException e) {
                    throw new ElfFormatException(e.getMessage());
                }
            } else {
                collectReferences(ElfFile.readEither(object), wanted, referencedBy);
            }
        }
        List<VersionedReference> result = new ArrayList<>(references.size());
        for (VersionedReference r : references) {
            Set<String> by = r.withoutSymbol() ? Set.of() : referencedBy.getOrDefault(r.symbol(), Set.of());
            result.add(new VersionedReference(r.symbol(), r.library(), r.version(), List.copyOf(by)));
        }
        return result;
    }

    private static void collectReferences(ElfFile object, Set<String> wanted, Map<String, Set<String>> referencedBy)
            throws ElfFormatException {
        for (ElfSymbol s : object.symbols()) {
            if (s.isDefined() || !s.isGlobalOrWeak() || s.name().isEmpty()) {
                continue;
            }
            // a reference written with .symver reads "name@VERSION" in the object's symbol table
            int at = s.name().indexOf('@');
            String plain = at < 0 ? s.name() : s.name().substring(0, at);
            if (wanted.contains(plain)) {
                referencedBy.computeIfAbsent(plain, k -> new LinkedHashSet<>()).add(object.origin());
            }
        }
    }

    /** The version needs of {@code .gnu.version_r}, by version index ({@code vna_other}). */
    static Map<Integer, VersionNeed> versionNeeds(ElfFile elf) throws ElfFormatException {
        Optional<Section> found = single(elf, SHT_GNU_VERNEED, ".gnu.version_r");
        Map<Integer, VersionNeed> needs = new LinkedHashMap<>();
        if (found.isEmpty()) {
            return needs;
        }
        Section section = found.get();
        Section strings = elf.linkedSection(section);
        ByteBuffer data = ByteBuffer.wrap(elf.sectionData(section)).order(ByteOrder.LITTLE_ENDIAN);
        String where = elf.origin() + ": version needs (" + section.name() + ")";
        long count = Integer.toUnsignedLong(section.info());
        long entry = 0;
        for (long i = 0; i < count; i++) {
            requireInside(data, entry, 16, where + " entry " + i);
            int e = (int) entry;
            int vnVersion = data.getShort(e) & 0xffff;
            int vnCount = data.getShort(e + 2) & 0xffff;
            long vnFile = Integer.toUnsignedLong(data.getInt(e + 4));
            long vnAux = Integer.toUnsignedLong(data.getInt(e + 8));
            long vnNext = Integer.toUnsignedLong(data.getInt(e + 12));
            if (vnVersion != 1) {
                throw new ElfFormatException(where + " entry " + i + " has version " + vnVersion + ", not 1");
            }
            String library = elf.stringAt(strings, vnFile);
            long aux = entry + vnAux;
            for (int j = 0; j < vnCount; j++) {
                requireInside(data, aux, 16, where + " of " + library + ", auxiliary entry " + j);
                int a = (int) aux;
                int flags = data.getShort(a + 4) & 0xffff;
                int index = data.getShort(a + 6) & 0x7fff;
                long name = Integer.toUnsignedLong(data.getInt(a + 8));
                long next = Integer.toUnsignedLong(data.getInt(a + 12));
                String version = elf.stringAt(strings, name);
                if (index <= 1) {
                    throw new ElfFormatException(where + ": " + version + " of " + library + " has the reserved index "
                            + index);
                }
                VersionNeed previous = needs.putIfAbsent(index, new VersionNeed(library, version, index, flags));
                if (previous != null) {
                    throw new ElfFormatException(where + ": version index " + index + " is used by both "
                            + previous.version() + " of " + previous.library() + " and " + version + " of " + library);
                }
                if (j + 1 < vnCount) {
                    if (next == 0) {
                        throw new ElfFormatException(where + " of " + library + " ends after " + (j + 1) + " of its "
                                + vnCount + " versions");
                    }
                    aux += next;
                }
            }
            if (i + 1 < count) {
                if (vnNext == 0) {
                    throw new ElfFormatException(where + " end after " + (i + 1) + " of " + count + " libraries");
                }
                entry += vnNext;
            }
        }
        return needs;
    }

    /**
     * The raw {@code .gnu.version} entry of each dynamic symbol, or null when the module has no
     * symbol versions.
     */
    static int[] symbolVersions(ElfFile elf, int symbolCount) throws ElfFormatException {
        Optional<Section> found = single(elf, SHT_GNU_VERSYM, ".gnu.version");
        if (found.isEmpty()) {
            return null;
        }
        Section section = found.get();
        Section symbols = elf.linkedSection(section);
        if (symbols.type() != ElfFile.SHT_DYNSYM
                || elf.sections().stream().filter(s -> s.type() == ElfFile.SHT_DYNSYM).findFirst().orElseThrow()
                        .index() != symbols.index()) {
            throw new ElfFormatException(elf.origin() + ": symbol versions (" + section.name()
                    + ") do not belong to the dynamic symbol table");
        }
        if (section.size() != 2L * symbolCount) {
            throw new ElfFormatException(elf.origin() + ": symbol versions (" + section.name() + ") hold "
                    + section.size() + " bytes for " + symbolCount + " dynamic symbols");
        }
        ByteBuffer data = ByteBuffer.wrap(elf.sectionData(section)).order(ByteOrder.LITTLE_ENDIAN);
        int[] versions = new int[symbolCount];
        for (int i = 0; i < symbolCount; i++) {
            versions[i] = data.getShort(2 * i) & 0xffff;
        }
        return versions;
    }

    /** The {@code DT_NEEDED} entries of the dynamic section, in order. */
    static List<String> neededLibraries(ElfFile elf) throws ElfFormatException {
        Optional<Section> found = single(elf, ElfFile.SHT_DYNAMIC, ".dynamic");
        List<String> needed = new ArrayList<>();
        if (found.isEmpty()) {
            return needed;
        }
        Section strings = elf.linkedSection(found.get());
        for (ElfFile.DynamicEntry entry : elf.dynamicEntries()) {
            if (entry.tag() == DT_NEEDED) {
                needed.add(elf.stringAt(strings, entry.value()));
            }
        }
        return needed;
    }

    private static Optional<Section> single(ElfFile elf, int type, String what) throws ElfFormatException {
        Optional<Section> found = Optional.empty();
        for (Section s : elf.sections()) {
            if (s.type() == type) {
                if (found.isPresent()) {
                    throw new ElfFormatException(elf.origin() + " has more than one " + what + " section ("
                            + found.get().name() + ", " + s.name() + ")");
                }
                found = Optional.of(s);
            }
        }
        return found;
    }

    private static void requireInside(ByteBuffer data, long offset, int length, String what) throws ElfFormatException {
        if (offset < 0 || offset > data.capacity() - length) {
            throw new ElfFormatException(what + " lies outside the section");
        }
    }
}
