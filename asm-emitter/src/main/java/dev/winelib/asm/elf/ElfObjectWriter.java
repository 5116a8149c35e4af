package dev.winelib.asm.elf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.winelib.spec.TargetCpu;

/**
 * Writes the assembled sections, symbols and relocations as a relocatable ELF64 x86-64 object
 * (each section followed by its {@code .rela} section) or ELF32 i386 object (each section followed
 * by its {@code .rel} section; the addends are written into the section bytes), then
 * {@code .symtab}, {@code .strtab} and {@code .shstrtab}, as GNU as orders them.
 */
final class ElfObjectWriter {

    private static final int SHT_SYMTAB = 2;
    private static final int SHT_STRTAB = 3;
    private static final int SHT_RELA = 4;
    private static final int SHT_REL = 9;
    private static final long SHF_INFO_LINK = 0x40;
    private static final int STT_SECTION = 3;

    private final List<AsmSection> sections;
    private final List<AsmSymbol> symbols;
    /** ELF32 i386 (REL) rather than ELF64 x86-64 (RELA). */
    private final boolean elf32;
    private final int symbolSize;
    private final int relocationSize;
    private final int wordSize;

    ElfObjectWriter(List<AsmSection> sections, List<AsmSymbol> symbols, TargetCpu cpu) {
        this.sections = sections;
        this.symbols = symbols;
        this.elf32 = cpu == TargetCpu.I386;
        this.symbolSize = elf32 ? 16 : 24;
        this.relocationSize = elf32 ? 8 : 24;
        this.wordSize = elf32 ? 4 : 8;
    }

    /** A section header and where its content comes from. */
    private static final class Header {
        String name;
        int type;
        long flags;
        byte[] content;
        long size;
        int link;
        int info;
        long alignment;
        long entrySize;
        long offset;
        int nameOffset;
    }

    byte[] write() {
        List<Header> headers = new ArrayList<>();
        headers.add(new Header()); // SHN_UNDEF
        Map<AsmSection, Integer> sectionIndex = new HashMap<>();
        Map<AsmSection, Header> relaHeaders = new LinkedHashMap<>();
        for (AsmSection s : sections) {
            Header h = new Header();
            h.name = s.name();
            h.type = s.type();
            h.flags = s.flags();
            h.content = s.nobits() ? new byte[0] : s.content();
            if (elf32 && !s.nobits()) {
                h.content = withAddendsInPlace(h.content, s.relocations());
            }
            h.size = s.size();
            h.alignment = s.alignment();
            sectionIndex.put(s, headers.size());
            headers.add(h);
            if (!s.relocations().isEmpty()) {
                Header r = new Header();
                r.name = (elf32 ? ".rel" : ".rela") + s.name();
                r.type = elf32 ? SHT_REL : SHT_RELA;
                r.flags = SHF_INFO_LINK;
                r.info = sectionIndex.get(s);
                r.alignment = wordSize;
                r.entrySize = relocationSize;
                relaHeaders.put(s, r);
                headers.add(r);
            }
        }

        // symbol table: null, section symbols, other locals, then globals
        // (the sections relocations refer to, found in one pass over the relocations)
        java.util.Set<AsmSection> referencedSections = new java.util.HashSet<>();
        for (AsmSection x : sections) {
            for (Relocation r : x.relocations()) {
                if (r.section() != null) {
                    referencedSections.add(r.section());
                }
            }
        }
        List<AsmSection> sectionSymbols = new ArrayList<>();
        for (AsmSection s : sections) {
            if (referencedSections.contains(s)) {
                sectionSymbols.add(s);
            }
        }
        List<AsmSymbol> locals = new ArrayList<>();
        List<AsmSymbol> globals = new ArrayList<>();
        for (AsmSymbol s : symbols) {
            listed(s, locals, globals);
        }
        locals.sort((a, b) -> Integer.compare(a.order(), b.order()));
        globals.sort((a, b) -> Integer.compare(a.order(), b.order()));

        ByteArrayOutputStream strtab = new ByteArrayOutputStream();
        strtab.write(0);
        Map<AsmSection, Integer> sectionSymbolIndex = new HashMap<>();
        ByteBuffer symtab = ByteBuffer.allocate(symbolSize * (1 + sectionSymbols.size() + locals.size()
                + globals.size())).order(ByteOrder.LITTLE_ENDIAN);
        symtab.put(new byte[symbolSize]);
        int index = 1;
        for (AsmSection s : sectionSymbols) {
            sectionSymbolIndex.put(s, index++);
            putSymbol(symtab, 0, STT_SECTION, 0, sectionIndex.get(s), 0, 0);
        }
        for (AsmSymbol s : locals) {
            s.tableIndex(index++);
            putLocal(symtab, strtab, s, sectionIndex);
        }
        int firstGlobal = index;
        for (AsmSymbol s : globals) {
            s.tableIndex(index++);
            putGlobal(symtab, strtab, s, sectionIndex);
        }

        // GNU as leaves the symbol table out of an object that has no symbols at all
        boolean withSymbols = index > 1 || !relaHeaders.isEmpty();
        int symtabIndex = headers.size();
        Header symtabHeader = new Header();
        symtabHeader.name = ".symtab";
        symtabHeader.type = SHT_SYMTAB;
        symtabHeader.content = symtab.array();
        symtabHeader.size = symtabHeader.content.length;
        symtabHeader.link = symtabIndex + 1;
        symtabHeader.info = firstGlobal;
        symtabHeader.alignment = wordSize;
        symtabHeader.entrySize = symbolSize;
        if (withSymbols) {
            headers.add(symtabHeader);
        }
        Header strtabHeader = new Header();
        strtabHeader.name = ".strtab";
        strtabHeader.type = SHT_STRTAB;
        strtabHeader.content = strtab.toByteArray();
        strtabHeader.size = strtabHeader.content.length;
        strtabHeader.alignment = 1;
        if (withSymbols) {
            headers.add(strtabHeader);
        }
        Header shstrtabHeader = new Header();
        shstrtabHeader.name = ".shstrtab";
        shstrtabHeader.type = SHT_STRTAB;
        shstrtabHeader.alignment = 1;
        headers.add(shstrtabHeader);

        for (Map.Entry<AsmSection, Header> e : relaHeaders.entrySet()) {
            List<Relocation> relocations = e.getKey().relocations();
            ByteBuffer rela = ByteBuffer.allocate(relocationSize * relocations.size()).order(ByteOrder.LITTLE_ENDIAN);
            for (Relocation r : relocations) {
                putRelocation(rela, r, sectionSymbolIndex);
            }
            Header h = e.getValue();
            h.content = rela.array();
            h.size = h.content.length;
            h.link = symtabIndex;
        }

        ByteArrayOutputStream shstrtab = new ByteArrayOutputStream();
        shstrtab.write(0);
        Map<String, Integer> nameOffsets = new HashMap<>();
        for (Header h : headers.subList(1, headers.size())) {
            h.nameOffset = nameOffsets.computeIfAbsent(h.name, n -> {
                int at = shstrtab.size();
                shstrtab.writeBytes(n.getBytes(StandardCharsets.ISO_8859_1));
                shstrtab.write(0);
                return at;
            });
        }
        shstrtabHeader.content = shstrtab.toByteArray();
        shstrtabHeader.size = shstrtabHeader.content.length;

        int headerSize = elf32 ? 52 : 64;
        int sectionHeaderSize = elf32 ? 40 : 64;
        long offset = headerSize;
        for (Header h : headers.subList(1, headers.size())) {
            offset = alignUp(offset, Math.max(1, h.alignment));
            h.offset = offset;
            offset += h.content.length;
        }
        long sectionHeaders = alignUp(offset, wordSize);
        long total = sectionHeaders + (long) sectionHeaderSize * headers.size();
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
        out.putShort((short) headers.size());
        out.putShort((short) (headers.size() - 1)); // .shstrtab is last
        for (Header h : headers.subList(1, headers.size())) {
            out.put((int) h.offset, h.content);
        }
        out.position((int) sectionHeaders);
        for (Header h : headers) {
            out.putInt(h.nameOffset);
            out.putInt(h.type);
            putWord(out, h.flags);
            putWord(out, 0);
            putWord(out, h.offset);
            putWord(out, h.size);
            out.putInt(h.link);
            out.putInt(h.info);
            putWord(out, h.alignment);
            putWord(out, h.entrySize);
        }
        return out.array();
    }

    /** An address-sized field: 4 bytes in ELF32, 8 in ELF64. */
    private void putWord(ByteBuffer out, long value) {
        if (elf32) {
            out.putInt(Math.toIntExact(value));
        } else {
            out.putLong(value);
        }
    }

    /** A copy of {@code content} with each relocation's addend added into the field it patches (REL). */
    private static byte[] withAddendsInPlace(byte[] content, List<Relocation> relocations) {
        byte[] patched = content.clone();
        for (Relocation r : relocations) {
            int at = Math.toIntExact(r.offset());
            int size = r.i386FieldSize();
            long field = 0;
            for (int i = 0; i < size; i++) {
                field |= (patched[at + i] & 0xffL) << (8 * i);
            }
            long value = field + r.addend();
            long min = -(1L << (8 * size - 1));
            long max = (1L << (8 * size)) - 1;
            if (value < min || value > max) {
                throw new IllegalStateException("addend " + r.addend() + " does not fit its " + size + "-byte field");
            }
            for (int i = 0; i < size; i++) {
                patched[at + i] = (byte) (value >>> (8 * i));
            }
        }
        return patched;
    }

    // Loop bodies are methods of their own: the JIT compiles a method after a few hundred calls, but a loop
    // of a few ten thousand rounds in one call runs interpreted to its end (see docs/performance.md).

    /** Adds {@code s} to the locals or the globals if the symbol table lists it. */
    private static void listed(AsmSymbol s, List<AsmSymbol> locals, List<AsmSymbol> globals) {
        if (s.temporary()) {
            return;
        }
        // as GNU as: every symbol named anywhere is listed, except weak ones never defined nor used
        if (!s.external()) {
            locals.add(s);
        } else if (s.defined() || s.binding() != AsmSymbol.Binding.WEAK || s.firstUseLine() > 0) {
            globals.add(s);
        }
    }

    private void putLocal(ByteBuffer symtab, ByteArrayOutputStream strtab, AsmSymbol s,
            Map<AsmSection, Integer> sectionIndex) {
        putSymbol(symtab, name(strtab, s), s.type().ordinal(), s.visibility().ordinal(), sectionIndex.get(s.section()),
                s.offset(), size(s));
    }

    private void putGlobal(ByteBuffer symtab, ByteArrayOutputStream strtab, AsmSymbol s,
            Map<AsmSection, Integer> sectionIndex) {
        int bind = s.binding() == AsmSymbol.Binding.WEAK ? 2 : 1;
        putSymbol(symtab, name(strtab, s), bind << 4 | s.type().ordinal(), s.visibility().ordinal(),
                s.defined() ? sectionIndex.get(s.section()) : 0, s.defined() ? s.offset() : 0, size(s));
    }

    private void putRelocation(ByteBuffer rela, Relocation r, Map<AsmSection, Integer> sectionSymbolIndex) {
        long symbol = r.symbol() != null ? r.symbol().tableIndex() : sectionSymbolIndex.get(r.section());
        if (elf32) {
            rela.putInt(Math.toIntExact(r.offset()));
            rela.putInt((int) (symbol << 8 | r.type()));
        } else {
            rela.putLong(r.offset());
            rela.putLong(symbol << 32 | r.type());
            rela.putLong(r.addend());
        }
    }

    private static long size(AsmSymbol s) {
        if (s.size() == null) {
            return 0;
        }
        Value v = Value.of(s.size(), s.definitionLine()).folded();
        return v.requireConstant(s.definitionLine(), "the size of '" + s.name() + "'");
    }

    private static int name(ByteArrayOutputStream strtab, AsmSymbol s) {
        int at = strtab.size();
        strtab.writeBytes(s.name().getBytes(StandardCharsets.ISO_8859_1));
        strtab.write(0);
        return at;
    }

    private void putSymbol(ByteBuffer b, int name, int info, int other, int shndx, long value, long size) {
        b.putInt(name);
        if (elf32) {
            b.putInt((int) value);
            b.putInt((int) size);
        }
        b.put((byte) info);
        b.put((byte) other);
        b.putShort((short) shndx);
        if (!elf32) {
            b.putLong(value);
            b.putLong(size);
        }
    }

    private static long alignUp(long v, long a) {
        return (v + a - 1) & -a;
    }
}
