package dev.winelib.toolchain.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.winelib.spec.InputFiles;

/**
 * A read-only view of a little-endian ELF file (relocatable object or shared object): 64-bit x86_64,
 * or 32-bit i386 ({@link #elf32()}).
 * Every offset read from the file is bounds-checked; a malformed file gives an
 * {@link ElfFormatException}, never an unchecked exception.
 */
public final class ElfFile {

    public static final int ET_REL = 1;
    public static final int ET_DYN = 3;
    public static final int EM_X86_64 = 62;
    public static final int EM_386 = 3;
    public static final int SHT_REL = 9;
    public static final int SHT_SYMTAB = 2;
    public static final int SHT_RELA = 4;
    public static final int SHT_DYNAMIC = 6;
    public static final int SHT_NOBITS = 8;
    public static final int SHT_DYNSYM = 11;
    public static final int PT_LOAD = 1;
    public static final int R_X86_64_64 = 1;
    public static final int R_X86_64_RELATIVE = 8;
    public static final int R_386_32 = 1;
    public static final int R_386_RELATIVE = 8;

    /** A section header. */
    public record Section(int index, String name, int type, long flags, long address, long offset, long size,
            int link, int info, long entrySize) {
    }

    /** A program header. */
    public record Segment(int type, int flags, long offset, long virtualAddress, long fileSize, long memorySize) {
    }

    /**
     * A RELA relocation, or a REL one (i386). A relocatable object's REL addend, in the section
     * bytes, reads as 0; a dynamic REL relocation's ({@link #dynamicRelocations}) is the 32-bit value
     * in place at {@code offset} (zero where the file has none).
     */
    public record Relocation(long offset, int type, int symbolIndex, long addend) {
    }

    private final String origin;
    private final ByteBuffer data;
    /** {@link #data}'s bytes, for the loops over a whole table. */
    private final byte[] bytes;
    private final int type;
    private final List<Section> sections;
    private final List<Segment> segments;
    private final boolean elf32;
    /** The symbol tables, read when first asked (a linked module's {@code .symtab} can hold 100,000 symbols). */
    private List<ElfSymbol> symbols;
    private List<ElfSymbol> dynamicSymbols;
    private DefinedSymbols definedSymbols;

    private ElfFile(String origin, byte[] bytes, boolean allow32) throws ElfFormatException {
        this.origin = origin;
        this.data = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        this.bytes = bytes;
        if (bytes.length < 52 || bytes[0] != 0x7f || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F') {
            throw new ElfFormatException(origin + " is not an ELF file");
        }
        if (!allow32 && (bytes[4] != 2 || bytes[5] != 1)) {
            throw new ElfFormatException(origin + " is not a 64-bit little-endian ELF file");
        }
        if ((bytes[4] != 2 && bytes[4] != 1) || bytes[5] != 1 || (bytes[4] == 2 && bytes.length < 64)) {
            throw new ElfFormatException(origin + " is not a little-endian ELF file");
        }
        this.elf32 = bytes[4] == 1;
        this.type = u16(16);
        int machine = u16(18);
        if (machine != (elf32 ? EM_386 : EM_X86_64)) {
            throw new ElfFormatException(origin + " is not an x86_64 or i386 ELF file (machine " + machine
                    + ", class " + (elf32 ? 32 : 64) + ")");
        }
        this.segments = readSegments();
        this.sections = readSections();
    }

    /** Reads a 64-bit x86_64 ELF file. */
    public static ElfFile read(Path path) throws IOException, ElfFormatException {
        return new ElfFile(path.toString(), InputFiles.readAll(path, InputFiles.BINARY_LIMIT), false);
    }

    /** Parses a 64-bit x86_64 ELF file. */
    public static ElfFile parse(String origin, byte[] bytes) throws ElfFormatException {
        return new ElfFile(origin, bytes, false);
    }

    /** Reads a 64-bit x86_64 or 32-bit i386 ELF file. */
    public static ElfFile readEither(Path path) throws IOException, ElfFormatException {
        return new ElfFile(path.toString(), InputFiles.readAll(path, InputFiles.BINARY_LIMIT), true);
    }

    /** Parses a 64-bit x86_64 or 32-bit i386 ELF file. */
    public static ElfFile parseEither(String origin, byte[] bytes) throws ElfFormatException {
        return new ElfFile(origin, bytes, true);
    }

    /** Whether this is a 32-bit i386 file. */
    public boolean elf32() {
        return elf32;
    }

    /**
     * The relocations of a relocatable object that apply to {@code target} (from its {@code .rel} or
     * {@code .rela} section), in file order.
     */
    public List<Relocation> relocations(Section target) throws ElfFormatException {
        List<Relocation> result = new ArrayList<>();
        for (Section s : sections) {
            if ((s.type() == SHT_RELA || s.type() == SHT_REL) && s.info() == target.index() && (s.flags() & 2) == 0) {
                boolean rela = s.type() == SHT_RELA;
                int size = elf32 ? (rela ? 12 : 8) : 24;
                checkRange(s.offset(), s.size(), "relocation section " + s.name());
                for (long off = s.offset(); off + size <= s.offset() + s.size(); off += size) {
                    int o = (int) off;
                    if (elf32) {
                        int info = data.getInt(o + 4);
                        result.add(new Relocation(Integer.toUnsignedLong(data.getInt(o)), info & 0xff, info >>> 8,
                                rela ? data.getInt(o + 8) : 0));
                    } else {
                        long info = data.getLong(o + 8);
                        result.add(new Relocation(data.getLong(o), (int) (info & 0xffffffffL), (int) (info >>> 32),
                                data.getLong(o + 16)));
                    }
                }
            }
        }
        return result;
    }

    public String origin() {
        return origin;
    }

    public int type() {
        return type;
    }

    /** {@code e_machine}: {@link #EM_X86_64} or {@link #EM_386}. */
    public int machine() {
        return elf32 ? EM_386 : EM_X86_64;
    }

    /** Whether the file is ELF64 (x86_64) rather than ELF32 (i386). */
    public boolean is64Bit() {
        return !elf32;
    }

    /** The size of an address in the image: 8 or 4 bytes. */
    public int addressSize() {
        return !elf32 ? 8 : 4;
    }

    /** The relative relocation's type: {@link #R_X86_64_RELATIVE} or {@link #R_386_RELATIVE}. */
    public int relativeRelocationType() {
        return !elf32 ? R_X86_64_RELATIVE : R_386_RELATIVE;
    }

    /** The absolute address relocation's type: {@link #R_X86_64_64} or {@link #R_386_32}. */
    public int absoluteRelocationType() {
        return !elf32 ? R_X86_64_64 : R_386_32;
    }

    public List<Section> sections() {
        return sections;
    }

    public List<Segment> segments() {
        return segments;
    }

    public Optional<Section> section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * Symbols of {@code .symtab}, or empty when the file has none; read once, so the checks of a linked
     * module share one reading.
     */
    public List<ElfSymbol> symbols() throws ElfFormatException {
        if (symbols == null) {
            symbols = symbolTable(SHT_SYMTAB);
        }
        return symbols;
    }

    /** Symbols of {@code .dynsym}, or empty when the file has none; read once. */
    public List<ElfSymbol> dynamicSymbols() throws ElfFormatException {
        if (dynamicSymbols == null) {
            dynamicSymbols = symbolTable(SHT_DYNSYM);
        }
        return dynamicSymbols;
    }

    /**
     * The defined symbols of {@code .symtab} named one of {@code names}, in table order: only their
     * names are decoded, so looking up a few names in a table of 100,000 symbols makes no object per
     * symbol.
     */
    public List<ElfSymbol> definedSymbolsNamed(java.util.Set<String> names) throws ElfFormatException {
        List<ElfSymbol> found = new ArrayList<>();
        if (symbols != null) {
            for (ElfSymbol s : symbols) {
                if (s.isDefined() && names.contains(s.name())) {
                    found.add(s);
                }
            }
            return found;
        }
        int[] hashes = new int[names.size()];
        // the names' first two bytes (a byte after the end reads as 0): most entries are passed over on them
        // without hashing their names
        java.util.BitSet starts = new java.util.BitSet(1 << 16);
        int n = 0;
        for (String name : names) {
            hashes[n++] = name.hashCode();
            starts.set(startOf(name.isEmpty() ? 0 : name.charAt(0), name.length() < 2 ? 0 : name.charAt(1)));
        }
        java.util.Arrays.sort(hashes);
        DefinedSymbols index = definedSymbols();
        int[] hits = new int[CHUNK];
        for (int from = 0; from < index.size(); from += CHUNK) {
            int count = entriesNamed(index, from, Math.min(index.size(), from + CHUNK), starts, hashes, hits);
            for (int h = 0; h < count; h++) {
                ElfSymbol s = symbolAt(index.offsets()[hits[h]], index.strings());
                if (names.contains(s.name())) {
                    found.add(s);
                }
            }
        }
        return found;
    }

    /**
     * The defined symbols of {@code .symtab} whose value is one of {@code sortedAddresses} (in ascending
     * order), in table order; only their names are decoded.
     */
    public List<ElfSymbol> definedSymbolsAt(long[] sortedAddresses) throws ElfFormatException {
        List<ElfSymbol> found = new ArrayList<>();
        if (sortedAddresses.length == 0) {
            return found;
        }
        if (symbols != null) {
            for (ElfSymbol s : symbols) {
                if (s.isDefined() && java.util.Arrays.binarySearch(sortedAddresses, s.value()) >= 0) {
                    found.add(s);
                }
            }
            return found;
        }
        DefinedSymbols index = definedSymbols();
        int[] hits = new int[CHUNK];
        for (int from = 0; from < index.size(); from += CHUNK) {
            int count = entriesAt(index, from, Math.min(index.size(), from + CHUNK), sortedAddresses, hits);
            for (int h = 0; h < count; h++) {
                found.add(symbolAt(index.offsets()[hits[h]], index.strings()));
            }
        }
        return found;
    }

    /*
     * A linked module's symbol table can hold 100,000 entries, and it is read once per build, in a JVM that has
     * just started: the loops over it work in chunks of CHUNK entries, each chunk a call of a small method,
     * which the JVM compiles after a few hundred calls (a long loop in one method would run interpreted until
     * tens of thousands of its iterations had passed).
     */
    private static final int CHUNK = 64;

    /**
     * The defined entries of {@code .symtab}: where each is in the file, its value and where its name starts
     * in the file. Made by one pass over the table when first asked, so that the look-ups by address and by
     * name of the post-link checks share it.
     */
    private record DefinedSymbols(Section strings, int size, int[] offsets, long[] values, long[] nameStarts) {
    }

    private DefinedSymbols definedSymbols() throws ElfFormatException {
        if (definedSymbols != null) {
            return definedSymbols;
        }
        Section table = null;
        for (Section s : sections) {
            if (s.type() == SHT_SYMTAB) {
                table = s;
                break;
            }
        }
        if (table == null) {
            definedSymbols = new DefinedSymbols(null, 0, new int[0], new long[0], new long[0]);
            return definedSymbols;
        }
        Section strings = checkedSymbolTable(table);
        int entry = elf32 ? 16 : 24;
        int count = (int) (table.size() / entry);
        DefinedSymbols index = new DefinedSymbols(strings, 0, new int[count], new long[count], new long[count]);
        int n = 0;
        for (int from = 0; from < count; from += CHUNK) {
            n = indexEntries(index, (int) table.offset(), entry, from, Math.min(count, from + CHUNK), n);
        }
        definedSymbols = new DefinedSymbols(strings, n, index.offsets(), index.values(), index.nameStarts());
        return definedSymbols;
    }

    /** Adds the defined ones of entries {@code from} to {@code to} to {@code index} from its place {@code n}. */
    private int indexEntries(DefinedSymbols index, int table, int entry, int from, int to, int n) {
        int[] offsets = index.offsets();
        long[] values = index.values();
        long[] nameStarts = index.nameStarts();
        long strings = index.strings().offset();
        int at = n;
        for (int i = from; i < to; i++) {
            int o = table + i * entry;
            int shndxAt = (elf32 ? o + 12 : o + 4) + 2;
            if (((bytes[shndxAt] & 0xff) | (bytes[shndxAt + 1] & 0xff) << 8) == ElfSymbol.SHN_UNDEF) {
                continue;
            }
            offsets[at] = o;
            values[at] = elf32 ? le32(o + 4) : le32(o + 8) | le32(o + 12) << 32;
            nameStarts[at] = strings + le32(o);
            at++;
        }
        return at;
    }

    /** Puts into {@code hits} the places among {@code from} to {@code to} of {@code index} whose value is sought. */
    private static int entriesAt(DefinedSymbols index, int from, int to, long[] sortedAddresses, int[] hits) {
        long[] values = index.values();
        long lowest = sortedAddresses[0];
        long highest = sortedAddresses[sortedAddresses.length - 1];
        int count = 0;
        for (int i = from; i < to; i++) {
            long value = values[i];
            if (value >= lowest && value <= highest && java.util.Arrays.binarySearch(sortedAddresses, value) >= 0) {
                hits[count++] = i;
            }
        }
        return count;
    }

    /**
     * Puts into {@code hits} the places among {@code from} to {@code to} of {@code index} whose name may be
     * sought: its first two bytes among {@code starts}, its hash among {@code sortedHashes}.
     */
    private int entriesNamed(DefinedSymbols index, int from, int to, java.util.BitSet starts, int[] sortedHashes,
            int[] hits) {
        long[] nameStarts = index.nameStarts();
        long limit = index.strings().offset() + index.strings().size();
        int count = 0;
        for (int i = from; i < to; i++) {
            long p = nameStarts[i];
            int first = p < limit ? bytes[(int) p] & 0xff : 0;
            int second = first != 0 && p + 1 < limit ? bytes[(int) p + 1] & 0xff : 0;
            if (starts.get(startOf(first, second))
                    && java.util.Arrays.binarySearch(sortedHashes, nameHash(index.strings(), p)) >= 0) {
                hits[count++] = i;
            }
        }
        return count;
    }

    private static int startOf(int first, int second) {
        return (first & 0xff) << 8 | (second & 0xff);
    }

    private long le32(int p) {
        return (bytes[p] & 0xff) | (bytes[p + 1] & 0xff) << 8 | (bytes[p + 2] & 0xff) << 16
                | (long) (bytes[p + 3] & 0xff) << 24;
    }

    /**
     * The {@link String#hashCode} of the name starting at file offset {@code start} in a string table, as
     * {@link #string} decodes it (0 for an offset outside the table: decoding it fails).
     */
    private int nameHash(Section strings, long start) {
        long limit = strings.offset() + strings.size();
        if (start >= limit) {
            return 0;
        }
        int h = 0;
        for (int p = (int) start; p < limit; p++) {
            byte b = bytes[p];
            if (b == 0) {
                break;
            }
            h = 31 * h + (b & 0xff);
        }
        return h;
    }

    private List<ElfSymbol> symbolTable(int type) throws ElfFormatException {
        for (Section s : sections) {
            if (s.type() == type) {
                return java.util.Collections.unmodifiableList(readSymbols(s));
            }
        }
        return List.of();
    }

    /** All RELA relocations in sections that apply to the loaded image (dynamic relocations). */
    public List<Relocation> dynamicRelocations() throws ElfFormatException {
        if (elf32) {
            return dynamicRelocations32();
        }
        List<Relocation> result = new ArrayList<>();
        for (Section s : sections) {
            if (!elf32 && s.type() == SHT_RELA && (s.flags() & 2) != 0) { // SHF_ALLOC: .rela.dyn, .rela.plt
                checkRange(s.offset(), s.size(), "relocation section " + s.name());
                if (s.entrySize() != 24 && s.size() != 0) {
                    throw new ElfFormatException(origin + ": relocation section " + s.name() + " has entry size "
                            + s.entrySize());
                }
                for (long off = s.offset(); off + 24 <= s.offset() + s.size(); off += 24) {
                    long info = data.getLong((int) off + 8);
                    result.add(new Relocation(data.getLong((int) off), (int) (info & 0xffffffffL), (int) (info >>> 32),
                            data.getLong((int) off + 16)));
                }
            }
        }
        return result;
    }

    /**
     * An entry of the dynamic section.
     *
     * @param tag {@code d_tag}
     * @param value {@code d_val}/{@code d_ptr}
     * @param fileOffset where the entry's tag is in the file
     */
    public record DynamicEntry(long tag, long value, long fileOffset) {
    }

    /** The size of a dynamic section entry: 16 (ELF64) or 8 (ELF32) bytes; the tag is the first half. */
    public int dynamicEntrySize() {
        return !elf32 ? 16 : 8;
    }

    /**
     * The entries of the {@code SHT_DYNAMIC} section up to {@code DT_NULL}, or empty when the file
     * has none.
     */
    public List<DynamicEntry> dynamicEntries() throws ElfFormatException {
        Optional<Section> found = sections.stream().filter(s -> s.type() == SHT_DYNAMIC).findFirst();
        if (found.isEmpty()) {
            return List.of();
        }
        Section section = found.get();
        int size = dynamicEntrySize();
        if (section.entrySize() != size || section.size() % size != 0) {
            throw new ElfFormatException(origin + ": dynamic section " + section.name() + " has entry size "
                    + section.entrySize() + " and size " + section.size());
        }
        checkRange(section.offset(), section.size(), "dynamic section " + section.name());
        List<DynamicEntry> entries = new ArrayList<>();
        for (long at = section.offset(); at + size <= section.offset() + section.size(); at += size) {
            long tag = !elf32 ? data.getLong((int) at) : data.getInt((int) at);
            long value = !elf32 ? data.getLong((int) at + 8) : u32((int) at + 4);
            if (tag == 0) {
                break;
            }
            entries.add(new DynamicEntry(tag, value, at));
        }
        return entries;
    }

    /** ELF32: the REL ({@code .rel.dyn}, {@code .rel.plt}) and RELA relocations of the loaded image. */
    private List<Relocation> dynamicRelocations32() throws ElfFormatException {
        List<Relocation> result = new ArrayList<>();
        for (Section s : sections) {
            if ((s.type() != SHT_REL && s.type() != SHT_RELA) || (s.flags() & 2) == 0) {
                continue;
            }
            boolean rela = s.type() == SHT_RELA;
            int size = rela ? 12 : 8;
            checkRange(s.offset(), s.size(), "relocation section " + s.name());
            if (s.entrySize() != size && s.size() != 0) {
                throw new ElfFormatException(origin + ": relocation section " + s.name() + " has entry size "
                        + s.entrySize());
            }
            for (long off = s.offset(); off + size <= s.offset() + s.size(); off += size) {
                long target = Integer.toUnsignedLong(data.getInt((int) off));
                int info = data.getInt((int) off + 4);
                long addend;
                if (rela) {
                    addend = data.getInt((int) off + 8);
                } else {
                    addend = isMapped(target) && isMapped(target + 3)
                            ? Integer.toUnsignedLong(ByteBuffer.wrap(readAtAddress(target, 4))
                                    .order(ByteOrder.LITTLE_ENDIAN).getInt())
                            : 0;
                }
                result.add(new Relocation(target, info & 0xff, info >>> 8, addend));
            }
        }
        return result;
    }

    /** Reads bytes at a virtual address of a loaded segment; bytes beyond the file size read as zero. */
    public byte[] readAtAddress(long address, int length) throws ElfFormatException {
        for (Segment seg : segments) {
            if (seg.type() != PT_LOAD) {
                continue;
            }
            if (address >= seg.virtualAddress() && address + length <= seg.virtualAddress() + seg.memorySize()
                    && address + length >= address) {
                byte[] out = new byte[length];
                long delta = address - seg.virtualAddress();
                for (int i = 0; i < length; i++) {
                    long inSeg = delta + i;
                    if (inSeg < seg.fileSize()) {
                        long fileOffset = seg.offset() + inSeg;
                        if (fileOffset < 0 || fileOffset >= data.capacity()) {
                            throw new ElfFormatException(origin + ": segment data at 0x" + Long.toHexString(address)
                                    + " lies outside the file");
                        }
                        out[i] = data.get((int) fileOffset);
                    }
                }
                return out;
            }
        }
        throw new ElfFormatException(origin + ": address 0x" + Long.toHexString(address) + " (+" + length
                + ") is not inside a loaded segment");
    }

    /**
     * The bytes a section occupies in the file (a copy; empty for {@code SHT_NOBITS}). A section that
     * reaches outside the file gives an {@link ElfFormatException}.
     */
    public byte[] sectionData(Section section) throws ElfFormatException {
        if (section.type() == SHT_NOBITS) {
            return new byte[0];
        }
        checkRange(section.offset(), section.size(), "section " + section.name());
        byte[] out = new byte[(int) section.size()];
        data.get((int) section.offset(), out);
        return out;
    }

    /** The section a section's {@code sh_link} names, checked to exist. */
    public Section linkedSection(Section section) throws ElfFormatException {
        if (section.link() <= 0 || section.link() >= sections.size()) {
            throw new ElfFormatException(origin + ": section " + section.name() + " links to section "
                    + Integer.toUnsignedString(section.link()) + ", which does not exist");
        }
        return sections.get(section.link());
    }

    /** The NUL-terminated string at an index of a string table section (bounds-checked). */
    public String stringAt(Section stringTable, long index) throws ElfFormatException {
        checkRange(stringTable.offset(), stringTable.size(), "string table " + stringTable.name());
        if (index < 0) {
            throw new ElfFormatException(origin + ": string index " + Long.toUnsignedString(index)
                    + " outside its table");
        }
        return string(stringTable.offset(), stringTable.size(), index);
    }

    /** Whether an address lies inside a loaded segment. */
    public boolean isMapped(long address) {
        for (Segment s : segments) {
            if (s.type() == PT_LOAD && address >= s.virtualAddress() && address < s.virtualAddress() + s.memorySize()) {
                return true;
            }
        }
        return false;
    }

    /**
     * How many bytes from {@code address} up to the first zero byte lie in the file part of the loaded
     * segment that holds {@code address}, at most {@code max}; -1 when no zero byte is found there (the
     * caller then reads on with {@link #readAtAddress}, which also finds adjacent segments and zero fill).
     */
    public int stringLengthAtAddress(long address, int max) {
        for (Segment seg : segments) {
            if (seg.type() != PT_LOAD || address < seg.virtualAddress()
                    || address >= seg.virtualAddress() + seg.memorySize()) {
                continue;
            }
            long delta = address - seg.virtualAddress();
            long end = Math.min(seg.fileSize(), delta + max);
            for (long inSeg = delta; inSeg < end; inSeg++) {
                long fileOffset = seg.offset() + inSeg;
                if (fileOffset < 0 || fileOffset >= bytes.length) {
                    return -1;
                }
                if (bytes[(int) fileOffset] == 0) {
                    return (int) (inSeg - delta);
                }
            }
            return -1;
        }
        return -1;
    }

    private List<Segment> readSegments() throws ElfFormatException {
        long phoff = elf32 ? u32(28) : data.getLong(32);
        int phentsize = u16(elf32 ? 42 : 54);
        int phnum = u16(elf32 ? 44 : 56);
        if (phnum == 0) {
            return List.of();
        }
        if (phentsize != (elf32 ? 32 : 56)) {
            throw new ElfFormatException(origin + ": unexpected program header size " + phentsize);
        }
        checkRange(phoff, (long) phnum * phentsize, "program headers");
        List<Segment> list = new ArrayList<>(phnum);
        for (int i = 0; i < phnum; i++) {
            int o = (int) (phoff + (long) i * phentsize);
            list.add(elf32 ? new Segment(data.getInt(o), data.getInt(o + 24), u32(o + 4), u32(o + 8), u32(o + 16),
                    u32(o + 20)) : new Segment(data.getInt(o), data.getInt(o + 4), data.getLong(o + 8),
                    data.getLong(o + 16), data.getLong(o + 32), data.getLong(o + 40)));
        }
        return List.copyOf(list);
    }

    private List<Section> readSections() throws ElfFormatException {
        long shoff = elf32 ? u32(32) : data.getLong(40);
        int shentsize = u16(elf32 ? 46 : 58);
        int shnum = u16(elf32 ? 48 : 60);
        int shstrndx = u16(elf32 ? 50 : 62);
        if (shnum == 0) {
            return List.of();
        }
        if (shentsize != (elf32 ? 40 : 64)) {
            throw new ElfFormatException(origin + ": unexpected section header size " + shentsize);
        }
        checkRange(shoff, (long) shnum * shentsize, "section headers");
        if (shstrndx >= shnum) {
            throw new ElfFormatException(origin + ": section name table index " + shstrndx + " out of range");
        }
        int strOff = (int) (shoff + (long) shstrndx * shentsize);
        long namesOffset = elf32 ? u32(strOff + 16) : data.getLong(strOff + 24);
        long namesSize = elf32 ? u32(strOff + 20) : data.getLong(strOff + 32);
        checkRange(namesOffset, namesSize, "section name table");
        List<Section> list = new ArrayList<>(shnum);
        for (int i = 0; i < shnum; i++) {
            int o = (int) (shoff + (long) i * shentsize);
            int nameIndex = data.getInt(o);
            String name = string(namesOffset, namesSize, Integer.toUnsignedLong(nameIndex));
            list.add(elf32 ? new Section(i, name, data.getInt(o + 4), u32(o + 8), u32(o + 12), u32(o + 16),
                    u32(o + 20), data.getInt(o + 24), data.getInt(o + 28), u32(o + 36))
                    : new Section(i, name, data.getInt(o + 4), data.getLong(o + 8), data.getLong(o + 16),
                    data.getLong(o + 24), data.getLong(o + 32), data.getInt(o + 40), data.getInt(o + 44),
                    data.getLong(o + 56)));
        }
        return List.copyOf(list);
    }

    private List<ElfSymbol> readSymbols(Section table) throws ElfFormatException {
        Section strings = checkedSymbolTable(table);
        int entry = elf32 ? 16 : 24;
        int count = (int) (table.size() / entry);
        List<ElfSymbol> list = new ArrayList<>(count);
        Map<Long, String> nameCache = new HashMap<>();
        for (int i = 0; i < count; i++) {
            int o = (int) (table.offset() + (long) i * entry);
            long nameIndex = Integer.toUnsignedLong(data.getInt(o));
            String name = nameCache.get(nameIndex);
            if (name == null) {
                name = string(strings.offset(), strings.size(), nameIndex);
                nameCache.put(nameIndex, name);
            }
            list.add(symbol(o, name));
        }
        return list;
    }

    /** Checks a symbol table's entry size and extent and those of its string table; returns the string table. */
    private Section checkedSymbolTable(Section table) throws ElfFormatException {
        int entry = elf32 ? 16 : 24;
        if (table.entrySize() != entry) {
            throw new ElfFormatException(origin + ": symbol table " + table.name() + " has entry size "
                    + table.entrySize());
        }
        checkRange(table.offset(), table.size(), "symbol table " + table.name());
        if (table.link() < 0 || table.link() >= sections.size()) {
            throw new ElfFormatException(origin + ": symbol table " + table.name() + " links to section "
                    + table.link());
        }
        Section strings = sections.get(table.link());
        checkRange(strings.offset(), strings.size(), "string table " + strings.name());
        return strings;
    }

    /** The symbol table entry at file offset {@code o}, its name read from {@code strings}. */
    private ElfSymbol symbolAt(int o, Section strings) throws ElfFormatException {
        return symbol(o, string(strings.offset(), strings.size(), Integer.toUnsignedLong(data.getInt(o))));
    }

    private ElfSymbol symbol(int o, String name) {
        int at = elf32 ? o + 12 : o + 4;
        int info = data.get(at) & 0xff;
        int other = data.get(at + 1) & 0xff;
        int shndx = data.getShort(at + 2) & 0xffff;
        return new ElfSymbol(name, elf32 ? u32(o + 4) : data.getLong(o + 8), elf32 ? u32(o + 8)
                : data.getLong(o + 16), info >>> 4, info & 0xf, other & 0x3, shndx);
    }

    private String string(long tableOffset, long tableSize, long index) throws ElfFormatException {
        if (index >= tableSize && !(index == 0 && tableSize == 0)) {
            throw new ElfFormatException(origin + ": string index " + index + " outside its table");
        }
        int start = (int) (tableOffset + index);
        int end = start;
        int limit = (int) (tableOffset + tableSize);
        while (end < limit && data.get(end) != 0) {
            end++;
        }
        byte[] b = new byte[end - start];
        data.get(start, b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private void checkRange(long offset, long size, String what) throws ElfFormatException {
        if (offset < 0 || size < 0 || offset > data.capacity() || size > data.capacity() - offset) {
            throw new ElfFormatException(origin + ": " + what + " lie outside the file");
        }
    }

    private long u32(int offset) {
        return Integer.toUnsignedLong(data.getInt(offset));
    }

    private int u16(int offset) {
        return data.getShort(offset) & 0xffff;
    }
}
