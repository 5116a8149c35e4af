package dev.winelib.toolchain.module;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.winelib.spec.InputFiles;
import dev.winelib.toolchain.build.AtomicFiles;
import dev.winelib.toolchain.build.ContentHashes;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.elf.ElfFormatException;
import dev.winelib.toolchain.elf.ElfSymbol;

/**
 * The global and weak symbols of relocatable objects, each object parsed once per content: the
 * calling-convention check, the probe link's hidden symbols and its up-to-date record all read the
 * symbols of every object, and after one source changed only its object is parsed again.
 *
 * <p>A table is found by the SHA-256 of the object's content, which {@link ContentHashes} knows without
 * reading a file whose status (device, inode, size, modification and status-change time) is unchanged;
 * the table is filed under the hash of the very bytes it was parsed from, so an object rewritten while
 * it is read is never described by another content's table. {@link #keep} and {@link #recall} carry the
 * tables of one build's objects to the next.
 */
public final class ObjectSymbolTables {

    /** One global or weak symbol of an object: its name, whether it is defined, and its ELF attributes. */
    public record Symbol(String name, boolean defined, int binding, int type, int visibility) {
        static Symbol of(ElfSymbol s) {
            return new Symbol(s.name(), s.isDefined(), s.binding(), s.type(), s.visibility());
        }
    }

    /** What the build reads of one object: whether it is relocatable, and its global and weak symbols. */
    public record Table(boolean relocatable, List<Symbol> symbols) {
        public Table {
            symbols = List.copyOf(symbols);
        }
    }

    private static final String HEADER = "winebuild-j object symbols 1";
    /** Beyond this many tables (a long-running JVM), the memo starts afresh. */
    private static final int LIMIT = 100_000;
    private static final Map<String, Table> MEMO = new ConcurrentHashMap<>();
    /** The contents asked about in this JVM: only their tables are kept ({@link #keep}). */
    private static final Set<String> USED = ConcurrentHashMap.newKeySet();

    private ObjectSymbolTables() {
    }

    /** The symbol table of {@code object}, parsed only when no table of its content is known. */
    public static Table of(Path object) throws IOException, ElfFormatException {
        return of(object, ContentHashes.sha256IfRegularFile(object));
    }

    /**
     * {@link #of(Path)} for an object whose hash the caller has just taken from {@link ContentHashes}
     * (empty: none could be taken).
     */
    public static Table of(Path object, Optional<String> sha) throws IOException, ElfFormatException {
        if (sha.isPresent()) {
            Table known = MEMO.get(sha.get());
            if (known != null) {
                USED.add(sha.get());
                return known;
            }
        }
        byte[] bytes = InputFiles.readAll(object, InputFiles.BINARY_LIMIT);
        ElfFile elf = ElfFile.parseEither(object.toString(), bytes);
        List<Symbol> symbols = new ArrayList<>();
        for (ElfSymbol s : elf.symbols()) {
            if (s.isGlobalOrWeak()) {
                symbols.add(Symbol.of(s));
            }
        }
        Table table = new Table(elf.type() == ElfFile.ET_REL, symbols);
        String parsed = sha256(bytes);
        if (MEMO.size() >= LIMIT) {
            MEMO.clear();
            USED.clear();
        }
        MEMO.put(parsed, table);
        USED.add(parsed);
        return table;
    }

    /** Remembers the tables kept in {@code file} by {@link #keep}; a file that cannot be read is ignored. */
    public static void recall(Path file) {
        List<String> lines = AtomicFiles.keptLines(file, HEADER);
        // "object SHA256 RELOCATABLE", then "symbol DEFINED BINDING TYPE VISIBILITY NAME" lines
        String sha = null;
        boolean relocatable = false;
        List<Symbol> symbols = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(" ", 6);
            try {
                if (f[0].equals("object") && f.length == 3 && f[1].length() == 64) {
                    if (sha != null) {
                        MEMO.putIfAbsent(sha, new Table(relocatable, symbols));
                    }
                    sha = f[1];
                    relocatable = f[2].equals("1");
                    symbols = new ArrayList<>();
                } else if (f[0].equals("symbol") && f.length == 6 && sha != null) {
                    symbols.add(new Symbol(f[5], f[1].equals("1"), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                            Integer.parseInt(f[4])));
                } else {
                    return; // a damaged file: what follows is parsed again
                }
            } catch (NumberFormatException e) {
                return;
            }
        }
        if (sha != null) {
            MEMO.putIfAbsent(sha, new Table(relocatable, symbols));
        }
    }

    /** Keeps the tables of the objects asked about in {@code file} for {@link #recall} (atomically). */
    public static void keep(Path file) throws IOException {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (Map.Entry<String, Table> e : new java.util.TreeMap<>(MEMO).entrySet()) {
            if (!USED.contains(e.getKey()) || e.getValue().symbols().stream()
                    .anyMatch(s -> s.name().indexOf('\n') >= 0 || s.name().indexOf('\r') >= 0)) {
                continue;
            }
            b.append("object ").append(e.getKey()).append(e.getValue().relocatable() ? " 1" : " 0").append('\n');
            for (Symbol s : e.getValue().symbols()) {
                b.append("symbol ").append(s.defined() ? '1' : '0').append(' ').append(s.binding()).append(' ')
                        .append(s.type()).append(' ').append(s.visibility()).append(' ').append(s.name()).append('\n');
            }
        }
        AtomicFiles.writeIfChanged(file, b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Forgets every table, as a new JVM would start (for tests). */
    static void forgetAll() {
        MEMO.clear();
        USED.clear();
    }

    /** How many tables are known (for tests). */
    static int known() {
        return MEMO.size();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
