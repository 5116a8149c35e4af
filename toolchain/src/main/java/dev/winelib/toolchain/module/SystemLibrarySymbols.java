package dev.winelib.toolchain.module;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
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
 * again. A cache file holds one name a line, sorted by their UTF-8 bytes, and ends with a marker line;
 * one without it (cut short) is ignored. The names are looked up in the file's text as it was read.
 */
final class SystemLibrarySymbols {

    static final List<String> LIBRARIES = List.of("libc.so.6", "libm.so.6", "libgcc_s.so.1", "libdl.so.2",
            "libpthread.so.0");

    private static final String HEADER = "winebuild-j system library symbols 2";
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
                    BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
                    libraries.add(real);
                    key.append(real).append(' ').append(attributes.size()).append(' ')
                            .append(attributes.lastModifiedTime().toMillis()).append('\n');
                    break;
                }
            }
        }
        String id = key.toString();
        Set<String> known = READ.get(id);
        if (known != null) {
            return known;
        }
        // no lambdas on this path: each call site is linked on first use, in every run of the command line
        Optional<Path> file = cache.isPresent()
                ? Optional.of(cache.get().resolve("system-symbols").resolve(RuntimeCache.name(id) + ".txt"))
                : Optional.empty();
        Set<String> symbols = file.isPresent() ? readCached(file.get()).orElse(null) : null;
        if (symbols == null) {
            SortedNames read = SortedNames.of(read(libraries));
            if (file.isPresent()) {
                writeCached(file.get(), read);
            }
            symbols = read;
        }
        READ.put(id, symbols);
        return symbols;
    }

    private static Set<String> read(List<Path> libraries) throws IOException, BuildFailure {
        Set<String> symbols = new HashSet<>();
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

    /** The names of a cache file, searched where they lie in it. */
    private static Optional<Set<String>> readCached(Path file) {
        try {
            byte[] text = Files.readAllBytes(file);
            byte[] head = (HEADER + "\n").getBytes(StandardCharsets.UTF_8);
            byte[] tail = (END + "\n").getBytes(StandardCharsets.UTF_8);
            int end = text.length - tail.length;
            if (end < head.length || !Arrays.equals(text, 0, head.length, head, 0, head.length)
                    || !Arrays.equals(text, end, text.length, tail, 0, tail.length)
                    || (end > head.length && text[end - 1] != '\n')) {
                return Optional.empty();
            }
            return Optional.of(new SortedNames(text, head.length, end));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Keeps the names for the next run; a cache that cannot be written is only a slower next run. */
    private static void writeCached(Path file, SortedNames symbols) {
        if (symbols.stream().anyMatch(s -> s.indexOf('\n') >= 0 || s.equals(END) || s.equals(HEADER))) {
            return; // not representable one per line
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        text.writeBytes((HEADER + "\n").getBytes(StandardCharsets.UTF_8));
        text.write(symbols.text, symbols.start, symbols.end - symbols.start);
        text.writeBytes((END + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, text.toByteArray());
        } catch (IOException | RuntimeException e) {
            // read again next time
        }
    }

    /**
     * A set of names kept as the lines of UTF-8 text, sorted by their bytes: looking a name up is a
     * binary search in the text, so reading the cache file makes no string per name (some 4,000
     * strings, a sorted and a hashed set of them cost a short run 10-20 ms; a build looks up a few dozen).
     */
    static final class SortedNames extends AbstractSet<String> {
        private final byte[] text;
        private final int start;
        private final int end;
        private int size = -1;

        /** The lines of {@code text} from {@code start} to {@code end}, each ending in a newline, sorted. */
        SortedNames(byte[] text, int start, int end) {
            this.text = text;
            this.start = start;
            this.end = end;
        }

        static SortedNames of(Set<String> names) {
            List<byte[]> lines = new ArrayList<>();
            for (String name : names) {
                lines.add(name.getBytes(StandardCharsets.UTF_8));
            }
            lines.sort(Arrays::compareUnsigned);
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            for (byte[] line : lines) {
                text.writeBytes(line);
                text.write('\n');
            }
            byte[] bytes = text.toByteArray();
            return new SortedNames(bytes, 0, bytes.length);
        }

        @Override
        public boolean contains(Object o) {
            if (!(o instanceof String name)) {
                return false;
            }
            byte[] key = name.getBytes(StandardCharsets.UTF_8);
            int lo = start;
            int hi = end;
            while (lo < hi) {
                int line = (lo + hi) >>> 1;
                while (line > lo && text[line - 1] != '\n') {
                    line--;
                }
                int lineEnd = line;
                while (text[lineEnd] != '\n') {
                    lineEnd++;
                }
                int c = Arrays.compareUnsigned(key, 0, key.length, text, line, lineEnd);
                if (c == 0) {
                    return true;
                }
                if (c < 0) {
                    hi = line;
                } else {
                    lo = lineEnd + 1;
                }
            }
            return false;
        }

        @Override
        public Iterator<String> iterator() {
            return new Iterator<>() {
                private int next = start;

                @Override
                public boolean hasNext() {
                    return next < end;
                }

                @Override
                public String next() {
                    if (next >= end) {
                        throw new NoSuchElementException();
                    }
                    int lineEnd = next;
                    while (text[lineEnd] != '\n') {
                        lineEnd++;
                    }
                    String name = new String(text, next, lineEnd - next, StandardCharsets.UTF_8);
                    next = lineEnd + 1;
                    return name;
                }
            };
        }

        @Override
        public int size() {
            if (size < 0) {
                int n = 0;
                for (int i = start; i < end; i++) {
                    if (text[i] == '\n') {
                        n++;
                    }
                }
                size = n;
            }
            return size;
        }
    }
}
