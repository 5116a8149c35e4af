package dev.winelib.asm.elf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges relocatable ELF objects into one, in the process, as {@code ld -r} does for the objects a
 * module object is made of (the module header object and the runtime objects): sections of the same
 * name are concatenated in input order, each input section at its own alignment; section groups
 * (COMDAT) are kept as groups, a later group with a signature already seen dropped; local symbols
 * are kept per input, global and weak symbols are merged by name (a definition wins over a
 * reference, a strong definition over a weak one, two strong definitions are an error, the most
 * restrictive visibility wins); relocations are moved with their sections, their offsets and
 * section-symbol addends rebased.
 *
 * <p>Word size, byte order and machine come from each input's ELF header: ELF64 objects with RELA
 * relocations (x86_64) and ELF32 objects with REL relocations (i386; an implicit addend against a
 * section symbol is rebased in the section's bytes) are merged, the inputs must agree. What it does
 * not merge — {@code SHF_LINK_ORDER} sections, extended section indices, {@code .note.gnu.property}
 * on every input (whose features would have to be intersected), a relocation against a dropped
 * section — ends in an {@link UnsupportedInputException}, so that the caller can use {@code ld -r}
 * for such inputs. Malformed input gives a {@link MalformedInputException}. The output depends on
 * the inputs alone (no time, no path): the same inputs give the same bytes.
 */
public final class RelocatableMerger {

    /**
     * One input object: a name for messages and its bytes, or the object as the in-process assembler
     * made it ({@link #of}), which is merged without being written and read back.
     */
    public record Input(String name, byte[] bytes, AssembledObject assembled) {
        public Input {
            if ((bytes == null) == (assembled == null)) {
                throw new IllegalArgumentException("an input is either bytes or an assembled object");
            }
        }

        /** The object file {@code bytes}. */
        public Input(String name, byte[] bytes) {
            this(name, bytes, null);
        }

        /** The object {@code object} made by the in-process assembler. */
        public static Input of(String name, AssembledObject object) {
            // a name outside ASCII reads back from the bytes as another name: such an object goes through them
            return object.asciiNames ? new Input(name, null, object) : new Input(name, object.bytes());
        }
    }

    /** The inputs use something this merger does not handle; {@code ld -r} does. */
    public static final class UnsupportedInputException extends Exception {
        private static final long serialVersionUID = 1L;

        UnsupportedInputException(String message) {
            super(message);
        }
    }

    /** An input is not a well-formed relocatable ELF object, or the inputs conflict (a symbol defined twice). */
    public static final class MalformedInputException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedInputException(String message) {
            super(message);
        }
    }

    private static final int ET_REL = 1;
    private static final int SHT_NULL = 0;
    private static final int SHT_PROGBITS = 1;
    private static final int SHT_SYMTAB = 2;
    private static final int SHT_STRTAB = 3;
    private static final int SHT_RELA = 4;
    private static final int SHT_NOTE = 7;
    private static final int SHT_NOBITS = 8;
    private static final int SHT_REL = 9;
    private static final int SHT_GROUP = 17;
    private static final int SHT_SYMTAB_SHNDX = 18;
    private static final long SHF_EXECINSTR = 0x4;
    private static final long SHF_INFO_LINK = 0x40;
    private static final long SHF_LINK_ORDER = 0x80;
    private static final long SHF_MERGE = 0x10;
    private static final long SHF_STRINGS = 0x20;
    private static final long SHF_GROUP = 0x200;
    private static final int SHN_UNDEF = 0;
    private static final int SHN_LORESERVE = 0xff00;
    private static final int SHN_ABS = 0xfff1;
    private static final int SHN_COMMON = 0xfff2;
    private static final int SHN_XINDEX = 0xffff;
    private static final int STB_LOCAL = 0;
    private static final int STB_GLOBAL = 1;
    private static final int STB_WEAK = 2;
    private static final int STT_NOTYPE = 0;
    private static final int STT_SECTION = 3;
    private static final int EM_386 = 3;
    private static final int EM_X86_64 = 62;
    private static final String GNU_PROPERTY = ".note.gnu.property";

    private RelocatableMerger() {
    }

    // ---- reading -----------------------------------------------------------------------------

    /** The word-size dependent layout of ELF structures, from the header's class byte. */
    private record Layout(boolean elf64) {
        int headerSize() {
            return elf64 ? 64 : 52;
        }

        int sectionHeaderSize() {
            return elf64 ? 64 : 40;
        }

        int symbolSize() {
            return elf64 ? 24 : 16;
        }

        int relocationSize(boolean rela) {
            return elf64 ? (rela ? 24 : 16) : (rela ? 12 : 8);
        }

        int wordAlignment() {
            return elf64 ? 8 : 4;
        }
    }

    private record SectionHeader(int index, String name, int type, long flags, long offset, long size, int link,
            int info, long alignment, long entrySize) {
    }

    /** A symbol table row; {@link ElfObjectWriter} makes them for an {@link AssembledObject}. */
    record Symbol(String name, long value, long size, int info, int other, int section) {
        int binding() {
            return info >>> 4;
        }

        int type() {
            return info & 0xf;
        }
    }

    /**
     * The relocations of one input section moved to their output section, still naming the input
     * object's symbols: {@code rows} holds offset, info and addend of each, the offsets still those of
     * the input section, which starts at {@code base} in the output section.
     */
    private record Moved(int object, long base, long[] rows) {
        int count() {
            return rows.length / 3;
        }
    }

    /** One input object, read. */
    private static final class Parsed {
        final String name;
        /** The file (null for an assembled object). */
        final ByteBuffer data;
        final Layout layout;
        final int machine;
        final int flags;
        final byte osAbi;
        final List<SectionHeader> sections = new ArrayList<>();
        /** By section index, the array holding its content at the section's offset (the file, or its own). */
        final byte[][] contents;
        /** By section index, an assembled object's relocation rows (offset, info, addend); null for a file. */
        final long[][] relocationRows;
        final List<Symbol> symbols;
        int symtab = -1;

        static Parsed of(Input input) throws MalformedInputException, UnsupportedInputException {
            return input.assembled() != null ? new Parsed(input.name(), input.assembled()) : new Parsed(input);
        }

        /** An object as the assembler made it: its sections at offset 0 of their own arrays, its symbols as made. */
        private Parsed(String name, AssembledObject object) {
            this.name = name;
            this.data = null;
            this.layout = new Layout(!object.elf32);
            this.machine = object.elf32 ? EM_386 : EM_X86_64;
            this.flags = 0;
            this.osAbi = 0;
            this.contents = new byte[object.sections.size()][];
            this.relocationRows = new long[object.sections.size()][];
            for (int i = 0; i < object.sections.size(); i++) {
                AssembledObject.Section h = object.sections.get(i);
                sections.add(new SectionHeader(i, i == 0 ? "" : h.name, h.type, h.flags, 0, h.size, h.link, h.info,
                        Math.max(1, h.alignment), h.entrySize));
                contents[i] = h.content;
                relocationRows[i] = h.relocations;
                if (h.type == SHT_SYMTAB) {
                    symtab = i;
                }
            }
            this.symbols = object.symbols;
        }

        private Parsed(Input input) throws MalformedInputException, UnsupportedInputException {
            this.name = input.name();
            this.symbols = new ArrayList<>();
            byte[] b = input.bytes();
            if (b.length < 52 || b[0] != 0x7f || b[1] != 'E' || b[2] != 'L' || b[3] != 'F') {
                throw new MalformedInputException(name + " is not an ELF file");
            }
            if (b[4] != 1 && b[4] != 2) {
                throw new MalformedInputException(name + ": unknown ELF class " + b[4]);
            }
            if (b[5] != 1) {
                throw new UnsupportedInputException(name + " is a big-endian ELF file");
            }
            this.layout = new Layout(b[4] == 2);
            this.osAbi = b[7];
            this.data = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            if (b.length < layout.headerSize()) {
                throw new MalformedInputException(name + ": truncated ELF header");
            }
            if (u16(16) != ET_REL) {
                throw new MalformedInputException(name + " is not a relocatable object");
            }
            this.machine = u16(18);
            this.flags = (int) u32(layout.elf64() ? 48 : 36);
            long shoff = layout.elf64() ? u64(40) : u32(32);
            int shentsize = u16(layout.elf64() ? 58 : 46);
            int shnum = u16(layout.elf64() ? 60 : 48);
            int shstrndx = u16(layout.elf64() ? 62 : 50);
            if (shnum == 0 || shstrndx == SHN_XINDEX) {
                throw new UnsupportedInputException(name + ": extended section numbering");
            }
            if (shentsize != layout.sectionHeaderSize() || shoff < 0 || shoff + (long) shnum * shentsize > b.length) {
                throw new MalformedInputException(name + ": section header table out of bounds");
            }
            this.contents = new byte[shnum][];
            this.relocationRows = null;
            java.util.Arrays.fill(contents, b);
            List<long[]> raw = new ArrayList<>();
            for (int i = 0; i < shnum; i++) {
                int at = (int) (shoff + (long) i * shentsize);
                long[] h = layout.elf64()
                        ? new long[] {u32(at), u32(at + 4), u64(at + 8), u64(at + 24), u64(at + 32), u32(at + 40),
                            u32(at + 44), u64(at + 48), u64(at + 56)}
                        : new long[] {u32(at), u32(at + 4), u32(at + 8), u32(at + 16), u32(at + 20), u32(at + 24),
                            u32(at + 28), u32(at + 32), u32(at + 36)};
                if (h[1] != SHT_NOBITS && h[1] != SHT_NULL && (h[3] < 0 || h[4] < 0 || h[3] + h[4] > b.length)) {
                    throw new MalformedInputException(name + ": section " + i + " out of bounds");
                }
                raw.add(h);
            }
            if (shstrndx >= shnum) {
                throw new MalformedInputException(name + ": bad section name table index");
            }
            long[] names = raw.get(shstrndx);
            for (int i = 0; i < shnum; i++) {
                long[] h = raw.get(i);
                sections.add(new SectionHeader(i, string(names[3], names[4], h[0]), (int) h[1], h[2], h[3], h[4],
                        (int) h[5], (int) h[6], Math.max(1, h[7]), h[8]));
                if (h[1] == SHT_SYMTAB) {
                    if (symtab >= 0) {
                        throw new MalformedInputException(name + ": two symbol tables");
                    }
                    symtab = i;
                } else if (h[1] == SHT_SYMTAB_SHNDX) {
                    throw new UnsupportedInputException(name + ": extended section indices (SHT_SYMTAB_SHNDX)");
                }
            }
            if (symtab >= 0) {
                readSymbols(sections.get(symtab));
            }
        }

        private void readSymbols(SectionHeader table) throws MalformedInputException {
            if (table.link() <= 0 || table.link() >= sections.size()) {
                throw new MalformedInputException(name + ": symbol table without string table");
            }
            SectionHeader strings = sections.get(table.link());
            int size = layout.symbolSize();
            for (long at = table.offset(); at + size <= table.offset() + table.size(); at += size) {
                symbols.add(symbol((int) at, strings));
            }
        }

        // a loop's body in a method of its own: the JIT compiles a method after a few hundred calls, but a
        // loop of a few ten thousand rounds in one call runs interpreted to its end (see performance.md)
        private Symbol symbol(int p, SectionHeader strings) throws MalformedInputException {
            Symbol s = layout.elf64()
                    ? new Symbol(string(strings.offset(), strings.size(), u32(p)), u64(p + 8), u64(p + 16),
                        data.get(p + 4) & 0xff, data.get(p + 5) & 0xff, u16(p + 6))
                    : new Symbol(string(strings.offset(), strings.size(), u32(p)), u32(p + 4), u32(p + 8),
                        data.get(p + 12) & 0xff, data.get(p + 13) & 0xff, u16(p + 14));
            if (s.section() != SHN_UNDEF && s.section() < SHN_LORESERVE && s.section() >= sections.size()) {
                throw new MalformedInputException(name + ": symbol '" + s.name() + "' in a missing section");
            }
            return s;
        }

        /**
         * The rows of relocation section {@code section}: offset, info and addend of each relocation
         * (an assembled object's own, read from a file's section otherwise).
         */
        long[] relocations(SectionHeader section) throws MalformedInputException {
            if (relocationRows != null) {
                return relocationRows[section.index()];
            }
            boolean rela = section.type() == SHT_RELA;
            int size = layout.relocationSize(rela);
            ByteBuffer table = ByteBuffer.wrap(contents[section.index()]).order(ByteOrder.LITTLE_ENDIAN);
            long[] rows = new long[3 * (int) (section.size() / size)];
            for (int i = 0; i < rows.length; i += 3) {
                relocation(table, (int) section.offset() + i / 3 * size, rela, rows, i);
            }
            return rows;
        }

        private void relocation(ByteBuffer table, int p, boolean rela, long[] rows, int i)
                throws MalformedInputException {
            if (layout.elf64()) {
                rows[i] = table.getLong(p);
                rows[i + 1] = table.getLong(p + 8);
                rows[i + 2] = rela ? table.getLong(p + 16) : 0;
            } else {
                rows[i] = table.getInt(p) & 0xffffffffL;
                rows[i + 1] = table.getInt(p + 4) & 0xffffffffL;
                rows[i + 2] = rela ? table.getInt(p + 8) : 0;
            }
            if (symbolIndex(rows[i + 1]) >= symbols.size()) {
                throw new MalformedInputException(name + ": relocation against missing symbol "
                        + symbolIndex(rows[i + 1]));
            }
        }

        int symbolIndex(long info) {
            return (int) (layout.elf64() ? info >>> 32 : info >>> 8);
        }


        private String string(long tableOffset, long tableSize, long at) throws MalformedInputException {
            if (at < 0 || at >= tableSize) {
                if (at == 0 && tableSize == 0) {
                    return "";
                }
                throw new MalformedInputException(name + ": string offset out of bounds");
            }
            byte[] b = data.array();
            int start = (int) (tableOffset + at);
            int end = start;
            int limit = (int) (tableOffset + tableSize);
            while (end < limit && b[end] != 0) {
                end++;
            }
            return new String(b, start, end - start, StandardCharsets.UTF_8);
        }

        private int u16(int at) {
            return data.getShort(at) & 0xffff;
        }

        private long u32(int at) {
            return data.getInt(at) & 0xffffffffL;
        }

        private long u64(int at) {
            return data.getLong(at);
        }
    }

    // ---- the merged object -------------------------------------------------------------------

    /** One output section: the input sections it holds, each at its offset. */
    private static final class OutSection {
        final String name;
        int type;
        long flags;
        long alignment = 1;
        long entrySize;
        long size;
        int link;
        int info;
        final ByteArrayOutputStream content = new ByteArrayOutputStream();
        final List<Moved> relocations = new ArrayList<>();
        int relocationCount;
        boolean rela;
        OutSection relocationSection;
        OutSection target;
        Group group;
        int index;
        int nameOffset;
        long fileOffset;

        OutSection(String name, int type, long flags, long entrySize) {
            this.name = name;
            this.type = type;
            this.flags = flags;
            this.entrySize = entrySize;
        }
    }

    /** A kept section group: its flag word, signature symbol and members. */
    private static final class Group {
        final OutSection section;
        final long flagWord;
        final int inputObject;
        final int inputSignature;
        final List<OutSection> members = new ArrayList<>();

        Group(OutSection section, long flagWord, int inputObject, int inputSignature) {
            this.section = section;
            this.flagWord = flagWord;
            this.inputObject = inputObject;
            this.inputSignature = inputSignature;
        }
    }

    /** A global or weak symbol after merging. */
    private static final class Global {
        final String name;
        Symbol symbol;
        int object;
        boolean defined;
        int binding;
        int visibility;
        int index;

        Global(String name) {
            this.name = name;
        }
    }

    /** Merges {@code inputs}, in this order, into one relocatable object. */
    public static byte[] merge(List<Input> inputs) throws MalformedInputException, UnsupportedInputException {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        List<Parsed> objects = new ArrayList<>();
        for (Input input : inputs) {
            objects.add(Parsed.of(input));
        }
        Parsed first = objects.get(0);
        for (Parsed p : objects) {
            // the component compared, not the records: a record's equals is bootstrapped at run time on first
            // use, which spins method-handle classes on every start of the command line
            if (p.layout.elf64() != first.layout.elf64() || p.machine != first.machine || p.flags != first.flags) {
                throw new MalformedInputException(p.name + " is for another machine or word size than " + first.name);
            }
            if (p.symtab < 0) {
                throw new UnsupportedInputException(p.name + " has no symbol table");
            }
        }
        // loops rather than streams and lambdas on this path: each lambda's call site is linked on its first
        // use, which every short run of the command line pays (Java 17)
        boolean allHaveProperties = true;
        for (Parsed p : objects) {
            boolean hasProperties = false;
            for (SectionHeader s : p.sections) {
                hasProperties |= s.name().equals(GNU_PROPERTY);
            }
            allHaveProperties &= hasProperties;
        }
        if (allHaveProperties) {
            throw new UnsupportedInputException("every input has " + GNU_PROPERTY + " (features to intersect)");
        }

        // sections: output sections in the order of first appearance; placement[object][section]
        List<OutSection> outputs = new ArrayList<>();
        Map<String, OutSection> byName = new HashMap<>();
        Set<String> signatures = new HashSet<>();
        OutSection[][] placedIn = new OutSection[objects.size()][];
        long[][] placedAt = new long[objects.size()][];
        List<Group> groups = new ArrayList<>();
        for (int o = 0; o < objects.size(); o++) {
            Parsed p = objects.get(o);
            placedIn[o] = new OutSection[p.sections.size()];
            placedAt[o] = new long[p.sections.size()];
            // groups first: which sections belong to a kept group, which to a dropped one
            Map<Integer, Group> memberOf = new HashMap<>();
            Set<Integer> dropped = new HashSet<>();
            Map<Integer, Group> groupAt = new HashMap<>();
            for (SectionHeader s : p.sections) {
                if (s.type() != SHT_GROUP) {
                    continue;
                }
                if (s.link() != p.symtab || s.info() <= 0 || s.info() >= p.symbols.size() || s.size() < 4) {
                    throw new MalformedInputException(p.name + ": malformed section group " + s.name());
                }
                int[] words = words(p, s);
                String signature = p.symbols.get(s.info()).name();
                boolean keep = (words[0] & 1) == 0 || signatures.add(signature);
                Group g = keep ? new Group(new OutSection(s.name(), SHT_GROUP, s.flags(), 4), words[0] & 0xffffffffL,
                        o, s.info()) : null;
                for (int i = 1; i < words.length; i++) {
                    if (words[i] <= 0 || words[i] >= p.sections.size()) {
                        throw new MalformedInputException(p.name + ": section group " + s.name() + " names section "
                                + words[i]);
                    }
                    if (keep) {
                        memberOf.put(words[i], g);
                    } else {
                        dropped.add(words[i]);
                    }
                }
                if (keep) {
                    groupAt.put(s.index(), g);
                }
            }
            for (SectionHeader s : p.sections) {
                Group group = groupAt.get(s.index());
                if (group != null) {
                    group.section.alignment = 4;
                    outputs.add(group.section);
                    groups.add(group);
                    continue;
                }
                if (s.type() == SHT_NULL || s.type() == SHT_SYMTAB || s.type() == SHT_GROUP || s.type() == SHT_REL
                        || s.type() == SHT_RELA || dropped.contains(s.index())
                        || (s.type() == SHT_STRTAB && (s.flags() & 0x2) == 0)
                        || (s.type() == SHT_NOTE && s.name().equals(GNU_PROPERTY))) {
                    continue;
                }
                if ((s.flags() & SHF_LINK_ORDER) != 0 || s.link() != 0) {
                    throw new UnsupportedInputException(p.name + ": section " + s.name() + " is linked to another");
                }
                Group g = memberOf.get(s.index());
                OutSection out;
                if (g != null) {
                    out = new OutSection(s.name(), s.type(), s.flags(), s.entrySize());
                    out.group = g;
                    g.members.add(out);
                    outputs.add(out);
                } else {
                    out = byName.get(s.name());
                    if (out == null) {
                        out = new OutSection(s.name(), s.type(), s.flags() & ~SHF_GROUP, s.entrySize());
                        byName.put(s.name(), out);
                        outputs.add(out);
                    } else if (out.type != s.type()) {
                        throw new UnsupportedInputException(p.name + ": section " + s.name()
                                + " has another type than in an earlier input");
                    }
                }
                place(out, p, s, o, placedIn, placedAt);
            }
            // relocations, in input order, to the output section of their target
            for (SectionHeader s : p.sections) {
                if (s.type() != SHT_REL && s.type() != SHT_RELA) {
                    continue;
                }
                if (s.info() <= 0 || s.info() >= p.sections.size() || s.link() != p.symtab) {
                    throw new MalformedInputException(p.name + ": relocation section " + s.name() + " is malformed");
                }
                if (dropped.contains(s.index()) || dropped.contains(s.info())) {
                    continue;
                }
                OutSection target = placedIn[o][s.info()];
                if (target == null) {
                    throw new UnsupportedInputException(p.name + ": relocations for dropped section "
                            + p.sections.get(s.info()).name());
                }
                boolean rela = s.type() == SHT_RELA;
                if (target.relocationSection == null) {
                    OutSection r = new OutSection((rela ? ".rela" : ".rel") + target.name, s.type(),
                            SHF_INFO_LINK | (target.group != null ? SHF_GROUP : 0),
                            p.layout.relocationSize(rela));
                    r.rela = rela;
                    r.alignment = p.layout.wordAlignment();
                    r.target = target;
                    target.relocationSection = r;
                    if (target.group != null) {
                        target.group.members.add(r);
                    }
                } else if (target.relocationSection.rela != rela) {
                    throw new UnsupportedInputException(p.name + ": REL and RELA relocations for " + target.name);
                }
                Moved moved = new Moved(o, placedAt[o][s.info()], p.relocations(s));
                target.relocationSection.relocations.add(moved);
                target.relocationSection.relocationCount += moved.count();
            }
        }
        return new Writer(objects, outputs, groups, placedIn, placedAt).write();
    }

    /** Appends input section {@code s} of object {@code o} to {@code out} at its alignment. */
    private static void place(OutSection out, Parsed p, SectionHeader s, int o, OutSection[][] placedIn,
            long[][] placedAt) throws UnsupportedInputException {
        long alignment = s.alignment();
        if (Long.bitCount(alignment) != 1) {
            throw new UnsupportedInputException(p.name + ": section " + s.name() + " has alignment " + alignment);
        }
        long offset = (out.size + alignment - 1) & -alignment;
        if (out.type != SHT_NOBITS) {
            // between code, x86 linkers pad with int3 (0xcc), elsewhere with zeros
            int fill = (s.flags() & SHF_EXECINSTR) != 0 && (p.machine == EM_386 || p.machine == EM_X86_64) ? 0xcc : 0;
            for (long i = out.size; i < offset; i++) {
                out.content.write(fill);
            }
            if (s.type() != SHT_NOBITS) {
                out.content.write(p.contents[s.index()], (int) s.offset(), (int) s.size());
            } else {
                out.content.writeBytes(new byte[(int) s.size()]);
            }
        }
        out.size = offset + s.size();
        out.alignment = Math.max(out.alignment, alignment);
        out.flags |= s.flags() & ~(out.group == null ? SHF_GROUP : 0);
        if (out.entrySize != s.entrySize()) {
            out.entrySize = 0;
            out.flags &= ~(SHF_MERGE | SHF_STRINGS);
        }
        placedIn[o][s.index()] = out;
        placedAt[o][s.index()] = offset;
    }

    private static int[] words(Parsed p, SectionHeader s) {
        int[] words = new int[(int) (s.size() / 4)];
        ByteBuffer content = ByteBuffer.wrap(p.contents[s.index()]).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < words.length; i++) {
            words[i] = content.getInt((int) s.offset() + 4 * i);
        }
        return words;
    }

    /** Symbols resolved, indices given, relocations rewritten, the object laid out and written. */
    private static final class Writer {
        private final List<Parsed> objects;
        private final List<OutSection> outputs;
        private final List<Group> groups;
        private final OutSection[][] placedIn;
        private final long[][] placedAt;
        private final Layout layout;
        private final Parsed first;
        private final List<OutSection> headers = new ArrayList<>();
        private final Map<OutSection, Integer> sectionSymbol = new HashMap<>();
        /** The output's symbol table, written row by row (at most a row per input symbol and section). */
        private ByteBuffer symtab;
        private int symbolRows;
        private final Strings strings;
        private int[][] symbolMap;

        Writer(List<Parsed> objects, List<OutSection> outputs, List<Group> groups, OutSection[][] placedIn,
                long[][] placedAt) {
            this.objects = objects;
            this.outputs = outputs;
            this.groups = groups;
            this.placedIn = placedIn;
            this.placedAt = placedAt;
            this.first = objects.get(0);
            this.layout = first.layout;
            this.strings = new Strings(symbolCount());
        }

        byte[] write() throws MalformedInputException, UnsupportedInputException {
            headers.add(null);
            for (OutSection s : outputs) {
                s.index = headers.size();
                headers.add(s);
                if (s.relocationSection != null) {
                    s.relocationSection.index = headers.size();
                    headers.add(s.relocationSection);
                }
            }
            int symtabIndex = headers.size();
            symbols();
            relocations(symtabIndex);
            for (Group g : groups) {
                OutSection s = g.section;
                s.link = symtabIndex;
                int signature = symbolMap[g.inputObject][g.inputSignature];
                if (signature < 0) {
                    throw new UnsupportedInputException(objects.get(g.inputObject).name + ": group signature in a dropped"
                            + " section");
                }
                s.info = signature;
                ByteBuffer words = ByteBuffer.allocate(4 * (1 + g.members.size())).order(ByteOrder.LITTLE_ENDIAN);
                words.putInt((int) g.flagWord);
                for (OutSection m : g.members) {
                    words.putInt(m.index);
                }
                s.content.writeBytes(words.array());
                s.size = words.capacity();
            }
            return layOut(symtabIndex);
        }

        /** Section symbols, then each input's locals, then the merged globals. */
        private void symbols() throws MalformedInputException {
            symtab = ByteBuffer.allocate((1 + outputs.size() + symbolCount()) * layout.symbolSize())
                    .order(ByteOrder.LITTLE_ENDIAN);
            symbolRow(0, 0, 0, 0, 0, 0);
            for (OutSection s : outputs) {
                if (s.type != SHT_GROUP) {
                    sectionSymbol.put(s, symbolRows);
                    symbolRow(0, 0, 0, STT_SECTION, 0, s.index);
                }
            }
            symbolMap = new int[objects.size()][];
            // each input global's merged symbol, its index filled in when the globals are listed
            Global[][] globalOf = new Global[objects.size()][];
            Map<String, Global> globals = new LinkedHashMap<>(capacity(symbolCount()));
            for (int o = 0; o < objects.size(); o++) {
                Parsed p = objects.get(o);
                symbolMap[o] = new int[p.symbols.size()];
                globalOf[o] = new Global[p.symbols.size()];
                for (int i = 1; i < p.symbols.size(); i++) {
                    Symbol sym = p.symbols.get(i);
                    if (sym.binding() != STB_LOCAL) {
                        globalOf[o][i] = resolve(globals, o, sym);
                    } else {
                        symbolMap[o][i] = local(o, sym);
                    }
                }
            }
            int firstGlobal = symbolRows;
            for (Global g : globals.values()) {
                g.index = symbolRows;
                globalRow(g);
            }
            for (int o = 0; o < objects.size(); o++) {
                for (int i = 1; i < globalOf[o].length; i++) {
                    if (globalOf[o][i] != null) {
                        symbolMap[o][i] = globalOf[o][i].index;
                    }
                }
            }
            this.firstGlobal = firstGlobal;
        }

        private int firstGlobal;

        /** The number of symbols of all inputs: what the tables are sized for. */
        private int symbolCount() {
            int count = 0;
            for (Parsed p : objects) {
                count += p.symbols.size();
            }
            return count;
        }

        /** The output index of local symbol {@code sym} of object {@code o}, -1 when it is dropped. */
        private int local(int o, Symbol sym) {
            int section = sym.section();
            boolean inSection = section != SHN_UNDEF && section < SHN_LORESERVE;
            OutSection out = inSection ? placedIn[o][section] : null;
            if (sym.type() == STT_SECTION) {
                return out == null ? -1 : sectionSymbol.getOrDefault(out, -1);
            }
            if (inSection && out == null) {
                return -1; // in a dropped section
            }
            return row(sym, o, sym.info(), sym.other());
        }

        /** A merged global's row: its binding and visibility as merged. */
        private void globalRow(Global g) {
            Symbol sym = g.symbol;
            row(sym, g.object, (g.binding << 4) | sym.type(), (sym.other() & ~3) | g.visibility);
        }

        /** A symbol's table row with its section and value moved to the output; its index. */
        private int row(Symbol sym, int object, int info, int other) {
            int section = sym.section();
            long value = sym.value();
            int index = section;
            if (section != SHN_UNDEF && section < SHN_LORESERVE) {
                OutSection out = placedIn[object][section];
                index = out.index;
                value += placedAt[object][section];
            }
            symbolRow(sym.name().isEmpty() ? 0 : strings.add(sym.name()), value, sym.size(), info, other, index);
            return symbolRows - 1;
        }

        private void symbolRow(int name, long value, long size, int info, int other, int section) {
            if (layout.elf64()) {
                symtab.putInt(name).put((byte) info).put((byte) other).putShort((short) section).putLong(value)
                        .putLong(size);
            } else {
                symtab.putInt(name).putInt((int) value).putInt((int) size).put((byte) info).put((byte) other)
                        .putShort((short) section);
            }
            symbolRows++;
        }

        /** Merges global or weak symbol {@code sym} of object {@code o} into {@code globals}; its merged symbol. */
        private Global resolve(Map<String, Global> globals, int o, Symbol sym) throws MalformedInputException {
            Parsed p = objects.get(o);
            int section = sym.section();
            boolean inSection = section != SHN_UNDEF && section < SHN_LORESERVE;
            if (inSection && placedIn[o][section] == null) {
                // defined in a dropped group: the kept group defines it; this is a reference
                sym = new Symbol(sym.name(), 0, 0, (sym.binding() << 4) | sym.type(), sym.other(), SHN_UNDEF);
                section = SHN_UNDEF;
            }
            boolean defined = section != SHN_UNDEF;
            Global g = globals.get(sym.name());
            if (g == null) {
                g = new Global(sym.name());
                g.symbol = sym;
                g.object = o;
                g.defined = defined;
                g.binding = sym.binding();
                g.visibility = sym.other() & 3;
                globals.put(sym.name(), g);
                return g;
            }
            g.visibility = moreRestrictive(g.visibility, sym.other() & 3);
            if (!defined) {
                if (!g.defined && sym.binding() == STB_GLOBAL) {
                    g.binding = STB_GLOBAL; // a strong reference wins over weak ones
                }
                if (!g.defined && g.symbol.type() == STT_NOTYPE && sym.type() != STT_NOTYPE) {
                    g.symbol = sym;
                    g.object = o;
                }
                return g;
            }
            if (!g.defined) {
                g.symbol = sym;
                g.object = o;
                g.defined = true;
                g.binding = sym.binding();
                return g;
            }
            boolean oldCommon = g.symbol.section() == SHN_COMMON;
            boolean newCommon = section == SHN_COMMON;
            if (oldCommon && newCommon) {
                if (sym.size() > g.symbol.size() || sym.value() > g.symbol.value()) {
                    g.symbol = new Symbol(sym.name(), Math.max(sym.value(), g.symbol.value()),
                            Math.max(sym.size(), g.symbol.size()), sym.info(), sym.other(), SHN_COMMON);
                }
            } else if (oldCommon || newCommon) {
                if (oldCommon) {
                    g.symbol = sym;
                    g.object = o;
                    g.binding = sym.binding();
                }
            } else if (g.binding == STB_WEAK && sym.binding() == STB_GLOBAL) {
                g.symbol = sym;
                g.object = o;
                g.binding = STB_GLOBAL;
            } else if (g.binding == STB_GLOBAL && sym.binding() == STB_GLOBAL) {
                throw new MalformedInputException("symbol '" + sym.name() + "' is defined in both "
                        + objects.get(g.object).name + " and " + p.name);
            }
            return g;
        }

        private static int moreRestrictive(int a, int b) {
            // STV_INTERNAL (1) < STV_HIDDEN (2) < STV_PROTECTED (3) < STV_DEFAULT (0)
            int ra = a == 0 ? 4 : a;
            int rb = b == 0 ? 4 : b;
            return Math.min(ra, rb) == 4 ? 0 : Math.min(ra, rb);
        }

        /** Symbol indices remapped; section-symbol addends rebased (in the bytes for REL). */
        private void relocations(int symtabIndex) throws UnsupportedInputException {
            Map<OutSection, byte[]> patched = new HashMap<>();
            for (OutSection out : outputs) {
                OutSection r = out.relocationSection;
                if (r == null) {
                    continue;
                }
                r.link = symtabIndex;
                r.info = out.index;
                ByteBuffer rows = ByteBuffer.allocate(r.relocationCount * (int) r.entrySize)
                        .order(ByteOrder.LITTLE_ENDIAN);
                for (Moved moved : r.relocations) {
                    for (int i = 0; i < moved.rows().length; i += 3) {
                        relocationRow(rows, out, r.rela, moved, i, patched);
                    }
                }
                r.content.writeBytes(rows.array());
                r.size = rows.capacity();
            }
            for (Map.Entry<OutSection, byte[]> e : patched.entrySet()) {
                e.getKey().content.reset();
                e.getKey().content.writeBytes(e.getValue());
            }
        }

        /**
         * The relocation at {@code i} of {@code moved}'s rows as a row in {@code rows}: its offset moved,
         * its symbol index remapped and a section symbol's addend rebased.
         */
        private void relocationRow(ByteBuffer rows, OutSection out, boolean rela, Moved moved, int i,
                Map<OutSection, byte[]> patched) throws UnsupportedInputException {
            int object = moved.object();
            long offset = moved.rows()[i] + moved.base();
            long info = moved.rows()[i + 1];
            Parsed p = objects.get(object);
            int symbolIndex = p.symbolIndex(info);
            int type = (int) (layout.elf64() ? info & 0xffffffffL : info & 0xff);
            int mapped = symbolIndex == 0 ? 0 : symbolMap[object][symbolIndex];
            if (mapped < 0) {
                throw new UnsupportedInputException(p.name + ": relocation in " + out.name
                        + " against a symbol of a dropped section");
            }
            long addend = rela ? moved.rows()[i + 2] : 0;
            Symbol sym = p.symbols.get(symbolIndex);
            if (symbolIndex != 0 && sym.type() == STT_SECTION && sym.binding() == STB_LOCAL) {
                long base = placedAt[object][sym.section()];
                if (rela) {
                    addend += base;
                } else if (base != 0) {
                    byte[] bytes = patched.get(out);
                    if (bytes == null) {
                        bytes = out.content.toByteArray();
                        patched.put(out, bytes);
                    }
                    addImplicit(p, bytes, offset, type, base);
                }
            }
            if (layout.elf64()) {
                rows.putLong(offset).putLong(((long) mapped << 32) | type);
                if (rela) {
                    rows.putLong(addend);
                }
            } else {
                rows.putInt((int) offset).putInt((mapped << 8) | type);
                if (rela) {
                    rows.putInt((int) addend);
                }
            }
        }

        /** Adds {@code base} to the implicit 32-bit addend of an i386 REL relocation. */
        private static void addImplicit(Parsed p, byte[] bytes, long offset, int type, long base)
                throws UnsupportedInputException {
            // R_386_16, R_386_PC16, R_386_8, R_386_PC8 have narrower fields
            if (p.machine != EM_386 || (type >= 20 && type <= 23) || offset < 0 || offset + 4 > bytes.length) {
                throw new UnsupportedInputException(p.name + ": REL relocation type " + type + " against a section");
            }
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt((int) offset, b.getInt((int) offset) + (int) base);
        }

        private byte[] layOut(int symtabIndex) throws UnsupportedInputException {
            Strings sectionNames = new Strings(outputs.size() * 2 + 3);
            for (OutSection s : outputs) {
                s.nameOffset = sectionNames.add(s.name);
                if (s.relocationSection != null) {
                    s.relocationSection.nameOffset = sectionNames.add(s.relocationSection.name);
                }
            }
            int symtabName = sectionNames.add(".symtab");
            int strtabName = sectionNames.add(".strtab");
            int shstrtabName = sectionNames.add(".shstrtab");

            int symtabSize = symbolRows * layout.symbolSize();
            byte[] strtab = strings.bytes();
            byte[] shstrtab = sectionNames.bytes();

            // the layout first, then one array of the file's size: no copy of the whole grows
            long at = layout.headerSize();
            for (int i = 1; i < headers.size(); i++) {
                OutSection s = headers.get(i);
                at = align(at, s.alignment);
                s.fileOffset = at;
                if (s.type != SHT_NOBITS) {
                    at += s.content.size();
                }
            }
            at = align(at, layout.wordAlignment());
            long symtabOffset = at;
            long strtabOffset = symtabOffset + symtabSize;
            long shstrtabOffset = strtabOffset + strtab.length;
            long shoff = align(shstrtabOffset + shstrtab.length, layout.wordAlignment());
            int count = headers.size() + 3;
            long total = shoff + (long) count * layout.sectionHeaderSize();
            if (total > Integer.MAX_VALUE - 16) {
                throw new UnsupportedInputException("the merged object would be larger than 2 GiB");
            }
            byte[] file = new byte[(int) total];
            for (int i = 1; i < headers.size(); i++) {
                OutSection s = headers.get(i);
                if (s.type != SHT_NOBITS) {
                    copy(s.content, file, (int) s.fileOffset);
                }
            }
            System.arraycopy(symtab.array(), 0, file, (int) symtabOffset, symtabSize);
            System.arraycopy(strtab, 0, file, (int) strtabOffset, strtab.length);
            System.arraycopy(shstrtab, 0, file, (int) shstrtabOffset, shstrtab.length);
            ByteBuffer table = ByteBuffer.wrap(file, (int) shoff, count * layout.sectionHeaderSize()).slice()
                    .order(ByteOrder.LITTLE_ENDIAN);
            sectionHeader(table, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            for (int i = 1; i < headers.size(); i++) {
                OutSection s = headers.get(i);
                sectionHeader(table, s.nameOffset, s.type, s.flags, s.fileOffset, s.size, s.link, s.info,
                        s.alignment, s.entrySize);
            }
            sectionHeader(table, symtabName, SHT_SYMTAB, 0, symtabOffset, symtabSize, symtabIndex + 1,
                    firstGlobal, layout.wordAlignment(), layout.symbolSize());
            sectionHeader(table, strtabName, SHT_STRTAB, 0, strtabOffset, strtab.length, 0, 0, 1, 0);
            sectionHeader(table, shstrtabName, SHT_STRTAB, 0, shstrtabOffset, shstrtab.length, 0, 0, 1, 0);

            ByteBuffer out = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
            out.put(0, (byte) 0x7f).put(1, (byte) 'E').put(2, (byte) 'L').put(3, (byte) 'F');
            out.put(4, (byte) (layout.elf64() ? 2 : 1)).put(5, (byte) 1).put(6, (byte) 1).put(7, first.osAbi);
            out.putShort(16, (short) ET_REL).putShort(18, (short) first.machine).putInt(20, 1);
            if (layout.elf64()) {
                out.putLong(40, shoff).putInt(48, first.flags).putShort(52, (short) 64).putShort(58, (short) 64)
                        .putShort(60, (short) count).putShort(62, (short) (count - 1));
            } else {
                out.putInt(32, (int) shoff).putInt(36, first.flags).putShort(40, (short) 52).putShort(46, (short) 40)
                        .putShort(48, (short) count).putShort(50, (short) (count - 1));
            }
            return out.array();
        }

        private void sectionHeader(ByteBuffer table, int name, int type, long flags, long offset, long size, int link,
                int info, long alignment, long entrySize) {
            if (layout.elf64()) {
                table.putInt(name).putInt(type).putLong(flags).putLong(0).putLong(offset).putLong(size).putInt(link)
                        .putInt(info).putLong(alignment).putLong(entrySize);
            } else {
                table.putInt(name).putInt(type).putInt((int) flags).putInt(0).putInt((int) offset).putInt((int) size)
                        .putInt(link).putInt(info).putInt((int) alignment).putInt((int) entrySize);
            }
        }

        /** Copies {@code content} into {@code file} at {@code offset}, without an intermediate array. */
        private static void copy(ByteArrayOutputStream content, byte[] file, int offset) {
            try {
                content.writeTo(new java.io.OutputStream() {
                    private int position = offset;

                    @Override
                    public void write(int b) {
                        file[position++] = (byte) b;
                    }

                    @Override
                    public void write(byte[] b, int from, int length) {
                        System.arraycopy(b, from, file, position, length);
                        position += length;
                    }
                });
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e); // an array never fails
            }
        }

        private static long align(long value, long alignment) {
            return (value + alignment - 1) / alignment * alignment;
        }
    }

    /** The capacity of a hash map that holds {@code count} entries without growing. */
    private static int capacity(int count) {
        return (int) Math.min(1 << 30, count * 4L / 3 + 1);
    }

    /** A string table: each name once, after the leading NUL. */
    private static final class Strings {
        private final ByteArrayOutputStream bytes;
        private final Map<String, Integer> offsets;

        /** A table for about {@code count} names. */
        Strings(int count) {
            bytes = new ByteArrayOutputStream(Math.max(64, Math.min(1 << 24, count * 24)));
            offsets = new HashMap<>(capacity(count));
            bytes.write(0);
        }

        int add(String name) {
            int at = bytes.size();
            Integer known = offsets.putIfAbsent(name, at);
            if (known != null) {
                return known;
            }
            bytes.writeBytes(name.getBytes(StandardCharsets.UTF_8));
            bytes.write(0);
            return at;
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
