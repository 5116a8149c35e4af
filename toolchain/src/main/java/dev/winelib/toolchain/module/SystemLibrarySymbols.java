package dev.winelib.toolchain.module;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import dev.winelib.sysroot.SysrootLayout;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.build.AtomicFiles;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.elf.ElfFormatException;
import dev.winelib.toolchain.elf.ElfSymbol;

/**
 * The symbols a sysroot's system libraries (C library, libm, libgcc_s, libdl, libpthread) define.
 * A module never imports these from a DLL: the C library always wins, as with winebuild, which
 * never imports the standard C functions.
 *
 * <p>The libraries are read once per process (a batch builds many modules against the same ones)
 * and, when a cache directory is given, once per set of library files: the names are kept in a file
 * named after the libraries' real paths, sizes and modification times, so a changed library is read
 * again. A cache file ends with a marker line; one without it (cut short) is ignored.
 */
final class SystemLibrarySymbols {

    static final List<String> LIBRARIES = List.of("libc.so.6", "libm.so.6", "libgcc_s.so.1", "libdl.so.2",
            "libpthread.so.0");

    private static final String HEADER = "winebuild-j system library symbols 1";
    private static final String END = "# end";
    private static final Map<String, Set<String>> READ = new ConcurrentHashMap<>();

    private SystemLibrarySymbols() {
    }

    /** The dynamic symbols the first copy of each library in the sysroot's library directories defines. */
    static Set<String> of(SysrootLayout sysroot) throws IOException, BuildFailure {
        return of(sysroot, Optional.empty());
    }

    /** As {@link #of(SysrootLayout)}, kept in {@code cache} (a directory) between runs when given. */
    static Set<String> of(SysrootLayout sysroot, Optional<Path> cache) throws IOException, BuildFailure {
        List<Path> libraries = new ArrayList<>();
        StringBuilder key = new StringBuilder(HEADER).append('\n');
        for (String library : LIBRARIES) {
            for (Path dir : sysroot.libraryDirectories()) {
                Path lib = dir.resolve(library);
                if (Files.isRegularFile(lib)) {
                    Path real = lib.toRealPath();
                    libraries.add(real);
                    key.append(real).append(' ').append(Files.size(real)).append(' ')
                            .append(Files.getLastModifiedTime(real).toMillis()).append('\n');
                    break;
                }
            }
        }
        String id = key.toString();
        Set<String> known = READ.get(id);
        if (known != null) {
            return known;
        }
        Optional<Path> file = cache.map(c -> c.resolve("system-symbols").resolve(RuntimeCache.name(id) + ".txt"));
        Set<String> symbols = file.flatMap(SystemLibrarySymbols::readCached).orElse(null);
        if (symbols == null) {
            symbols = read(libraries);
            if (file.isPresent()) {
                writeCached(file.get(), symbols);
            }
        }
        symbols = Set.copyOf(symbols);
        READ.put(id, symbols);
        return symbols;
    }

    private static Set<String> read(List<Path> libraries) throws IOException, BuildFailure {
        Set<String> symbols = new TreeSet<>();
        for (Path lib : libraries) {
            try {
                for (ElfSymbol s : ElfFile.readEither(lib).dynamicSymbols()) {
                    if (s.isDefined()) {
                        symbols.add(s.name());
                    }
                }
            } catch (ElfFormatException e) {
                throw new BuildFailure(e.getMessage(), e);
            }
        }
        return symbols;
    }

    private static Optional<Set<String>> readCached(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() < 2 || !lines.get(0).equals(HEADER) || !lines.get(lines.size() - 1).equals(END)) {
                return Optional.empty();
            }
            return Optional.of(new TreeSet<>(lines.subList(1, lines.size() - 1)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Keeps the names for the next run; a cache that cannot be written is only a slower next run. */
    private static void writeCached(Path file, Set<String> symbols) {
        if (symbols.stream().anyMatch(s -> s.indexOf('\n') >= 0 || s.equals(END) || s.equals(HEADER))) {
            return; // not representable one per line
        }
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        symbols.forEach(s -> text.append(s).append('\n'));
        text.append(END).append('\n');
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            // read again next time
        }
    }
}
