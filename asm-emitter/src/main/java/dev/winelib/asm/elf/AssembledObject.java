package dev.winelib.asm.elf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A relocatable object the in-process assembler made, before it is written as ELF bytes: its section
 * headers with their contents (relocation sections included, as rows), and its symbol table as
 * symbols with their names. {@link #bytes()} writes the object; {@link RelocatableMerger} takes it
 * as it is ({@link RelocatableMerger.Input#of}), so that merging the module header with the runtime
 * objects does not read back every symbol and relocation just written.
 */
public final class AssembledObject {

    private static final int SHT_SYMTAB = 2;

    /**
     * A section header and its content ({@code null} for the symbol and string tables and the
     * relocation sections, made when written).
     */
    static final class Section {
        String name;
        int type;
        long flags;
        byte[] content;
        /** A relocation section's rows: offset, info and addend of each relocation (null for other sections). */
        long[] relocations;
        long size;
        int link;
        int info;
        long alignment;
        long entrySize;
    }

    /** ELF32 i386 (REL) rather than ELF64 x86-64 (RELA). */
    final boolean elf32;
    /** The section headers in their order, the null header first. */
    final List<Section> sections;
    /** The symbol table, the null symbol first, then the section symbols, the other locals and the globals. */
    final List<RelocatableMerger.Symbol> symbols;
    /** The number of section symbols (after the null symbol): their names are empty and not written. */
    final int sectionSymbols;
    /**
     * Whether every symbol name is ASCII: the merger reads names as UTF-8, and a name of other Latin-1
     * characters (written as such) reads back as another name, so such an object is merged from its bytes.
     */
    final boolean asciiNames;

    AssembledObject(boolean elf32, List<Section> sections, List<RelocatableMerger.Symbol> symbols,
            int sectionSymbols, boolean asciiNames) {
        this.elf32 = elf32;
        this.sections = sections;
        this.symbols = symbols;
        this.sectionSymbols = sectionSymbols;
        this.asciiNames = asciiNames;
    }

    /** The object as a relocatable ELF file (written anew on each call). */
    public byte[] bytes() {
        int symbolSize = elf32 ? 16 : 24;
        int wordSize = elf32 ? 4 : 8;
        int count = sections.size();
        byte[][] contents = new byte[count][];
        ByteArrayOutputStream strtab = new ByteArrayOutputStream();
        strtab.write(0);
        for (int i = 1; i < count; i++) {
            Section s = sections.get(i);
            if (s.type == SHT_SYMTAB) {
                contents[i] = symbolTable(strtab, symbolSize);
                contents[i + 1] = strtab.toByteArray(); // .strtab follows .symtab
                i++;
            } else if (s.relocations != null) {
                contents[i] = relocationTable(s.relocations);
            } else {
                contents[i] = s.content;
            }
        }
        // .shstrtab is last: each name once
        ByteArrayOutputStream shstrtab = new ByteArrayOutputStream();
        shstrtab.write(0);
        Map<String, Integer> nameOffsets = new HashMap<>();
        int[] nameOffset = new int[count];
        for (int i = 1; i < count; i++) {
            // (no lambda: each lambda's call site is linked on its first use, which every short run pays)
            String n = sections.get(i).name;
            Integer known = nameOffsets.get(n);
            if (known == null) {
                known = shstrtab.size();
                shstrtab.writeBytes(n.getBytes(StandardCharsets.ISO_8859_1));
                shstrtab.write(0);
                nameOffsets.put(n, known);
            }
            nameOffset[i] = known;
        }
        contents[count - 1] = shstrtab.toByteArray();

        int headerSize = elf32 ? 52 : 64;
        int sectionHeaderSize = elf32 ? 40 : 64;
        long[] fileOffset = new long[count];
        long offset = headerSize;
        for (int i = 1; i < count; i++) {
            offset = alignUp(offset, Math.max(1, sections.get(i).alignment));
            fileOffset[i] = offset;
            offset += contents[i].length;
        }
        long sectionHeaders = alignUp(offset, wordSize);
        long total = sectionHeaders + (long) sectionHeaderSize * count;
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(total)).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) (elf32 ? 1 : 2), 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        out.putShort((short) 1); // ET_REL
        out.putShort((short) (elf32 ? 3 : 62)); // EM_386, EM_X86_64
        out.putInt(1);
        putWord(out, 0); // e_entry
        putWord(out, 0); // e_phoff
        putWord(out, sectionHeaders);
        out.putInt(0); // e_flags
        out.putShort((short) headerSize);
        out.putShort((short) 0);
        out.putShort((short) 0);
        out.putShort((short) sectionHeaderSize);
        out.putShort((short) count);
        out.putShort((short) (count - 1)); // .shstrtab is last
        for (int i = 1; i < count; i++) {
            out.put((int) fileOffset[i], contents[i]);
        }
        out.position((int) sectionHeaders);
        for (int i = 0; i < count; i++) {
            Section h = sections.get(i);
            boolean known = h.content != null || h.relocations != null || i == 0;
            out.putInt(nameOffset[i]);
            out.putInt(h.type);
            putWord(out, h.flags);
            putWord(out, 0);
            putWord(out, fileOffset[i]);
            putWord(out, known ? h.size : contents[i].length);
            out.putInt(h.link);
            out.putInt(h.info);
            putWord(out, h.alignment);
            putWord(out, h.entrySize);
        }
        return out.array();
    }

    /** The rows of a relocation section: RELA rows in ELF64, REL rows (no addend) in ELF32. */
    private byte[] relocationTable(long[] rows) {
        int count = rows.length / 3;
        ByteBuffer table = ByteBuffer.allocate(count * (elf32 ? 8 : 24)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            if (elf32) {
                table.putInt((int) rows[3 * i]).putInt((int) rows[3 * i + 1]);
            } else {
                table.putLong(rows[3 * i]).putLong(rows[3 * i + 1]).putLong(rows[3 * i + 2]);
            }
        }
        return table.array();
    }

    /** The symbol table's rows; the names (but those of the null and section symbols) go to {@code strtab}. */
    private byte[] symbolTable(ByteArrayOutputStream strtab, int symbolSize) {
        ByteBuffer symtab = ByteBuffer.allocate(symbolSize * symbols.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < symbols.size(); i++) {
            putSymbol(symtab, strtab, i);
        }
        return symtab.array();
    }

    // a loop's body in a method of its own: the JIT compiles it after a few hundred calls (see performance.md)
    private void putSymbol(ByteBuffer b, ByteArrayOutputStream strtab, int index) {
        RelocatableMerger.Symbol s = symbols.get(index);
        int name = 0;
        if (index > sectionSymbols) {
            name = strtab.size();
            strtab.writeBytes(s.name().getBytes(StandardCharsets.ISO_8859_1));
            strtab.write(0);
        }
        b.putInt(name);
        if (elf32) {
            b.putInt((int) s.value());
            b.putInt((int) s.size());
        }
        b.put((byte) s.info());
        b.put((byte) s.other());
        b.putShort((short) s.section());
        if (!elf32) {
            b.putLong(s.value());
            b.putLong(s.size());
        }
    }

    /** An address-sized field: 4 bytes in ELF32, 8 in ELF64. */
    private void putWord(ByteBuffer out, long value) {
        if (elf32) {
            out.putInt(Math.toIntExact(value));
        } else {
            out.putLong(value);
        }
    }

    private static long alignUp(long v, long a) {
        return (v + a - 1) & -a;
    }
}
