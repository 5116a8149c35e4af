package dev.winelib.toolchain.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the export list of a DLL a winelib module imports from, in order of preference:
 * <ol>
 * <li>definition files ({@code .spec}, {@code .def}) given by the user; each defines the DLL named by
 * its module file name ({@code kernel32.spec} defines {@code kernel32.dll}, a {@code .def} its
 * {@code LIBRARY});</li>
 * <li>PE DLLs of an installed Wine ({@code <dir>/kernel32.dll}), read from their export directory;</li>
 * <li>Wine's Unix import libraries ({@code <dir>/libkernel32.a}), read from their import thunks.</li>
 * </ol>
 * Within each kind, directories are searched in the order given. Results are cached: each file is
 * read at most once per instance. Thread-safe.
 */
public final class ExportLists {

    /** Where Debian's and a default source build's Wine keep the PE DLLs, most preferred first. */
    static final List<String> STANDARD_PE_DIRECTORIES = List.of("usr/lib/x86_64-linux-gnu/wine/x86_64-windows",
            "usr/lib/wine/x86_64-windows", "usr/local/lib/wine/x86_64-windows");
    /** Where Debian's {@code wine32:i386} and a source build keep the 32-bit PE DLLs, for i386 modules. */
    static final List<String> STANDARD_I386_PE_DIRECTORIES = List.of("usr/lib/i386-linux-gnu/wine/i386-windows",
            "usr/lib/x86_64-linux-gnu/wine/i386-windows", "usr/lib/wine/i386-windows",
            "usr/local/lib/wine/i386-windows");
    /** Where they keep the Unix import libraries. */
    static final List<String> STANDARD_UNIX_DIRECTORIES = List.of("usr/lib/x86_64-linux-gnu/wine/x86_64-unix",
            "usr/lib/wine/x86_64-unix", "usr/local/lib/wine/x86_64-unix");

    private final List<Path> definitionFiles;
    private final List<Path> importLibraries;
    private final List<Path> peDirectories;
    private final List<Path> unixDirectories;
    private final List<String> notes;

    private Map<String, DllExports> definitions;
    private final Map<String, Optional<DllExports>> found = new HashMap<>();
    private final Map<Path, Optional<DllExports>> peFiles = new HashMap<>();
    private final Map<Path, Map<String, List<ImportableExport>>> libraries = new HashMap<>();
    private final Map<Path, List<Path>> listings = new HashMap<>();
    private final Map<Path, Map<String, Path>> libraryIndexes = new HashMap<>();

    private ExportLists(List<Path> definitionFiles, List<Path> importLibraries, List<Path> peDirectories,
            List<Path> unixDirectories, List<String> notes) {
        this.definitionFiles = List.copyOf(definitionFiles);
        this.importLibraries = List.copyOf(importLibraries);
        this.peDirectories = List.copyOf(peDirectories);
        this.unixDirectories = List.copyOf(unixDirectories);
        this.notes = List.copyOf(notes);
    }

    /**
     * @param definitionFiles {@code .spec} or {@code .def} files, most preferred first
     * @param peDllDirectories directories of PE DLLs ({@code kernel32.dll}, {@code winspool.drv}, ...)
     * @param unixImportLibDirectories directories of Wine's Unix import libraries ({@code libkernel32.a})
     */
    public static ExportLists of(List<Path> definitionFiles, List<Path> peDllDirectories,
            List<Path> unixImportLibDirectories) {
        return new ExportLists(definitionFiles, List.of(), peDllDirectories, unixImportLibDirectories, List.of());
    }

    /**
     * The definition files, then the directories of the installed Wine that exist among
     * {@code /usr/lib/x86_64-linux-gnu/wine} (Debian), {@code /usr/lib/wine} and {@code /usr/local/lib/wine}
     * ({@code x86_64-windows} for PE DLLs, {@code x86_64-unix} for import libraries).
     */
    public static ExportLists standard(List<Path> definitionFiles) {
        return standard(definitionFiles, Path.of("/"));
    }

    /**
     * Like {@link #standard(List)}, with Unix import libraries ({@code libNAME.a}, as winebuild
     * {@code --implib} writes them) searched after the definition files and before the installed
     * Wine: a project's own import libraries.
     */
    public static ExportLists standard(List<Path> definitionFiles, List<Path> importLibraries) {
        ExportLists base = standard(definitionFiles, Path.of("/"));
        return new ExportLists(definitionFiles, importLibraries, base.peDirectories, base.unixDirectories, base.notes);
    }

    /**
     * {@link #standard(List, List)} for a module of {@code cpu}: an i386 module's DLLs are the 32-bit
     * PE DLLs ({@link #standard(List, dev.winelib.spec.TargetCpu)}), its import libraries ELF32 ones.
     */
    public static ExportLists standard(List<Path> definitionFiles, List<Path> importLibraries,
            dev.winelib.spec.TargetCpu cpu) {
        ExportLists base = standard(definitionFiles, cpu);
        return new ExportLists(definitionFiles, importLibraries, base.peDirectories, base.unixDirectories, base.notes);
    }

    /**
     * The DLLs a Unix import library imports from (normally one); empty when the archive holds no
     * import thunk (a static library such as {@code libwinecrt0.a}).
     */
    public static List<String> importedDlls(Path library) throws ImportException {
        return List.copyOf(UnixImportLibrary.read(library).keySet());
    }

    /**
     * {@link #standard(List)} for a module of {@code cpu}: an i386 module imports from the 32-bit PE
     * DLLs ({@code i386-windows}: {@code wine32:i386}, or the WoW64 copies of {@code wine64}).
     */
    public static ExportLists standard(List<Path> definitionFiles, dev.winelib.spec.TargetCpu cpu) {
        if (cpu != dev.winelib.spec.TargetCpu.I386) {
            return standard(definitionFiles);
        }
        List<String> notes = new ArrayList<>();
        List<Path> pe = existing(Path.of("/"), STANDARD_I386_PE_DIRECTORIES, "32-bit PE DLLs of Wine", "wine32:i386",
                notes);
        return new ExportLists(definitionFiles, List.of(), pe, List.of(), notes);
    }

    /** {@link #standard(List)} with the Wine directories looked up under {@code root} instead of {@code /}. */
    static ExportLists standard(List<Path> definitionFiles, Path root) {
        List<String> notes = new ArrayList<>();
        List<Path> pe = existing(root, STANDARD_PE_DIRECTORIES, "PE DLLs of Wine", "wine64", notes);
        List<Path> unix = existing(root, STANDARD_UNIX_DIRECTORIES, "Unix import libraries of Wine", "libwine-dev",
                notes);
        return new ExportLists(definitionFiles, List.of(), pe, unix, notes);
    }

    private static List<Path> existing(Path root, List<String> candidates, String what, String debianPackage,
            List<String> notes) {
        // loops rather than streams: every run of the command line looks these up, and each lambda's call site
        // is linked on its first use (Java 17)
        List<String> all = new ArrayList<>();
        List<Path> present = new ArrayList<>();
        for (String candidate : candidates) {
            Path dir = root.resolve(candidate);
            all.add(dir.toString());
            if (Files.isDirectory(dir)) {
                present.add(dir);
            }
        }
        if (present.isEmpty()) {
            notes.add("no " + what + ": none of " + String.join(", ", all) + " exists (Debian package "
                    + debianPackage + ")");
        }
        return present;
    }

    /**
     * The exports of a DLL. {@code kernel32}, {@code kernel32.dll} and {@code KERNEL32.DLL} all name
     * {@code kernel32.dll}; a name without extension that no source has as {@code .dll} also finds another
     * extension ({@code winspool} finds {@code winspool.drv}).
     *
     * @return the exports, with {@link DllExports#dllName()} the module's file name as Wine names it (lower
     *     case, e.g. {@code kernel32.dll}, {@code winspool.drv}); empty when no source has the DLL
     * @throws ImportException when a file that had to be read is malformed or unreadable
     * @throws IllegalArgumentException when {@code dll} cannot be a file name (empty, or with a
     *     {@code /})
     */
    public synchronized Optional<DllExports> find(String dll) throws ImportException {
        String name = DllNames.normalize(dll);
        Optional<DllExports> cached = found.get(name);
        if (cached != null) {
            return cached;
        }
        Optional<DllExports> result = lookUp(name);
        found.put(name, result);
        return result;
    }

    /** The DLLs the definition files define, in the order the files were given. */
    public synchronized List<String> definedDlls() throws ImportException {
        Map<String, DllExports> defined = definitions();
        List<String> names = new ArrayList<>();
        for (Path file : definitionFiles) {
            for (DllExports d : defined.values()) {
                if (d.source().equals(file.toString()) && !names.contains(d.dllName())) {
                    names.add(d.dllName());
                }
            }
        }
        return names;
    }

    /** What {@link #find} searches, in order, for messages. */
    public List<String> searched() {
        List<String> list = new ArrayList<>();
        for (Path file : definitionFiles) {
            list.add(file + " (definition file)");
        }
        for (Path file : importLibraries) {
            list.add(file + " (import library)");
        }
        for (Path dir : peDirectories) {
            list.add(dir + " (PE DLLs of Wine" + (Files.isDirectory(dir) ? ")" : "; not a directory)"));
        }
        for (Path dir : unixDirectories) {
            list.add(dir + " (Unix import libraries of Wine" + (Files.isDirectory(dir) ? ")" : "; not a directory)"));
        }
        list.addAll(notes);
        return List.copyOf(list);
    }

    @Override
    public String toString() {
        return "ExportLists" + searched();
    }

    private Optional<DllExports> lookUp(String name) throws ImportException {
        List<String> exact = DllNames.exactCandidates(name);
        boolean anyExtension = !DllNames.hasExtension(name);

        Map<String, DllExports> defined = definitions();
        for (String candidate : exact) {
            if (defined.containsKey(candidate)) {
                return Optional.of(defined.get(candidate));
            }
        }
        if (anyExtension) {
            for (DllExports d : defined.values()) {
                if (DllNames.stem(d.dllName()).equals(name)) {
                    return Optional.of(d);
                }
            }
        }

        for (Path library : importLibraries) {
            Optional<DllExports> match = matching(library, exact, anyExtension ? name : null);
            if (match.isPresent()) {
                return match;
            }
        }

        for (Path dir : peDirectories) {
            for (String candidate : exact) {
                Path file = dir.resolve(candidate);
                if (Files.isRegularFile(file)) {
                    return readPe(file, candidate);
                }
            }
            if (anyExtension) {
                for (Path file : listing(dir)) {
                    String fileName = file.getFileName().toString().toLowerCase(Locale.ROOT);
                    if (DllNames.stem(fileName).equals(name) && !fileName.endsWith(".a")
                            && Files.isRegularFile(file)) {
                        return readPe(file, fileName);
                    }
                }
            }
        }

        for (Path dir : unixDirectories) {
            Optional<DllExports> fromLibrary = findInLibraries(dir, name, exact, anyExtension);
            if (fromLibrary.isPresent()) {
                return fromLibrary;
            }
        }
        return Optional.empty();
    }

    private Optional<DllExports> findInLibraries(Path dir, String name, List<String> exact, boolean anyExtension)
            throws ImportException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        // the usual case: libkernel32.a imports from kernel32.dll, libwinspool.a from winspool.drv
        for (String candidate : exact) {
            Path usual = dir.resolve("lib" + DllNames.stem(candidate) + ".a");
            Optional<DllExports> match = matching(usual, exact, anyExtension ? name : null);
            if (match.isPresent()) {
                return match;
            }
        }
        // others (libhtmlhelp.a imports from hhctrl.ocx, libd3dx9.a from d3dx9_36.dll): by the DLL in them
        for (Map.Entry<String, Path> e : libraryIndex(dir).entrySet()) {
            String dll = e.getKey();
            if (sameDllAsAny(dll, exact) || anyExtension && DllNames.stem(dll).equals(name)) {
                Optional<DllExports> match = matching(e.getValue(), exact, anyExtension ? name : null);
                if (match.isPresent()) {
                    return match;
                }
            }
        }
        return Optional.empty();
    }

    /** The exports of the DLL of {@code exact} (or with the stem {@code stem}) that a library imports. */
    private Optional<DllExports> matching(Path library, List<String> exact, String stem) throws ImportException {
        if (!Files.isRegularFile(library)) {
            return Optional.empty();
        }
        Map<String, List<ImportableExport>> byDll = libraries.get(library);
        if (byDll == null) {
            byDll = UnixImportLibrary.read(library);
            libraries.put(library, byDll);
        }
        for (String candidate : exact) {
            for (Map.Entry<String, List<ImportableExport>> e : byDll.entrySet()) {
                if (sameDll(e.getKey(), candidate)) {
                    return Optional.of(new DllExports(candidate, e.getValue(), library.toString()));
                }
            }
        }
        if (stem != null) {
            for (Map.Entry<String, List<ImportableExport>> e : byDll.entrySet()) {
                if (DllNames.stem(e.getKey()).equals(stem)) {
                    return Optional.of(new DllExports(e.getKey(), e.getValue(), library.toString()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the DLL name decoded from an import library's symbols is {@code candidate}. winebuild drops
     * {@code .dll} when it encodes a name and adds it back only to names without a dot, so
     * {@code windows.media.dll} comes back as {@code windows.media}.
     */
    private static boolean sameDll(String decoded, String candidate) {
        return decoded.equals(candidate) || (decoded + ".dll").equals(candidate);
    }

    private static boolean sameDllAsAny(String decoded, List<String> candidates) {
        for (String candidate : candidates) {
            if (sameDll(decoded, candidate)) {
                return true;
            }
        }
        return false;
    }

    /** The DLL each import library of a directory imports from, read from its first thunk. */
    private Map<String, Path> libraryIndex(Path dir) throws ImportException {
        Map<String, Path> index = libraryIndexes.get(dir);
        if (index != null) {
            return index;
        }
        index = new LinkedHashMap<>();
        for (Path file : listing(dir)) {
            String fileName = file.getFileName().toString();
            if (fileName.startsWith("lib") && fileName.endsWith(".a") && Files.isRegularFile(file)) {
                Optional<String> dll = UnixImportLibrary.firstDll(file);
                if (dll.isPresent()) {
                    index.putIfAbsent(dll.get(), file);
                }
            }
        }
        libraryIndexes.put(dir, index);
        return index;
    }

    private Optional<DllExports> readPe(Path file, String dllName) throws ImportException {
        Optional<DllExports> cached = peFiles.get(file);
        if (cached != null) {
            return cached;
        }
        Optional<DllExports> result = Optional.of(new DllExports(dllName.toLowerCase(Locale.ROOT),
                PeExportReader.read(file), file.toString()));
        peFiles.put(file, result);
        return result;
    }

    /** The files of a directory, sorted by name; empty when it is not a directory. */
    private List<Path> listing(Path dir) throws ImportException {
        List<Path> files = listings.get(dir);
        if (files != null) {
            return files;
        }
        if (!Files.isDirectory(dir)) {
            files = List.of();
        } else {
            try (Stream<Path> s = Files.list(dir)) {
                files = s.sorted().collect(Collectors.toUnmodifiableList());
            } catch (IOException e) {
                throw new ImportException("cannot list " + dir + ": " + e.getMessage(), e);
            }
        }
        listings.put(dir, files);
        return files;
    }

    /** The DLLs the definition files define, each read once. */
    private Map<String, DllExports> definitions() throws ImportException {
        if (definitions != null) {
            return definitions;
        }
        Map<String, DllExports> map = new TreeMap<>();
        Map<String, Path> from = new HashMap<>();
        for (Path file : definitionFiles) {
            DllExports exports = DefinitionFileExports.read(file);
            Path earlier = from.putIfAbsent(exports.dllName(), file);
            if (earlier != null) {
                throw new ImportException(file + " defines " + exports.dllName() + ", which " + earlier
                        + " defines already");
            }
            map.put(exports.dllName(), exports);
        }
        definitions = map;
        return definitions;
    }
}
