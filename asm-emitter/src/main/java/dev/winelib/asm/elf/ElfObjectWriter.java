package dev.winelib.asm.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.winelib.spec.TargetCpu;

/**
 * Turns the assembled sections, symbols and relocations into a relocatable ELF64 x86-64 object
 * (each section followed by its {@code .rela} section) or ELF32 i386 object (each section followed
 * by its {@code .rel} section; the addends are written into the section bytes), then
 * {@code .symtab}, {@code .strtab} and {@code .shstrtab}, as GNU as orders them
 * ({@link AssembledObject}, which writes the bytes).
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
    /** Whether every symbol name is ASCII, so that its Latin-1 bytes read back as UTF-8 give the same name. */
    private boolean asciiNames = true;

    /** The object of {@code sections} and {@code symbols}, the symbols in the order they were made. */
    ElfObjectWriter(List<AsmSection> sections, List<AsmSymbol> symbols, TargetCpu cpu) {
        this.sections = sections;
        this.symbols = symbols;
        this.elf32 = cpu == TargetCpu.I386;
        this.symbolSize = elf32 ? 16 : 24;
        this.relocationSize = elf32 ? 8 : 24;
        this.wordSize = elf32 ? 4 : 8;
    }

    /** The object: its sections, relocation rows and symbols, ready to be written or merged. */
    AssembledObject object() {
        List<AssembledObject.Section> headers = new ArrayList<>();
        headers.add(new AssembledObject.Section()); // SHN_UNDEF
        Map<AsmSection, Integer> sectionIndex = new HashMap<>();
        Map<AsmSection, AssembledObject.Section> relaHeaders = new LinkedHashMap<>();
        for (AsmSection s : sections) {
            AssembledObject.Section h = new AssembledObject.Section();
            h.name = s.name();
            if (!ascii(h.name)) {
                asciiNames = false;
            }
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
                AssembledObject.Section r = new AssembledObject.Section();
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

        // symbol table: null, section symbols (of the sections relocations refer to), other locals, then globals
        List<AsmSection> sectionSymbols = new ArrayList<>();
        for (AsmSection s : sections) {
            if (s.isRelocatedAgainst()) {
                sectionSymbols.add(s);
            }
        }
        List<AsmSymbol> locals = new ArrayList<>();
        List<AsmSymbol> globals = new ArrayList<>();
        for (AsmSymbol s : symbols) {
            listed(s, locals, globals);
        }

        List<RelocatableMerger.Symbol> table = new ArrayList<>(1 + sectionSymbols.size() + locals.size()
                + globals.size());
        Map<AsmSection, Integer> sectionSymbolIndex = new HashMap<>();
        table.add(symbol("", 0, 0, 0, 0, 0));
        for (AsmSection s : sectionSymbols) {
            sectionSymbolIndex.put(s, table.size());
            table.add(symbol("", STT_SECTION, 0, sectionIndex.get(s), 0, 0));
        }
        for (AsmSymbol s : locals) {
            s.tableIndex(table.size());
            table.add(local(s, sectionIndex));
        }
        int firstGlobal = table.size();
        for (AsmSymbol s : globals) {
            s.tableIndex(table.size());
            table.add(global(s, sectionIndex));
        }

        // GNU as leaves the symbol table out of an object that has no symbols at all
        boolean withSymbols = table.size() > 1 || !relaHeaders.isEmpty();
        int symtabIndex = headers.size();
        if (withSymbols) {
            AssembledObject.Section symtabHeader = new AssembledObject.Section();
            symtabHeader.name = ".symtab";
            symtabHeader.type = SHT_SYMTAB;
            symtabHeader.size = (long) symbolSize * table.size();
            symtabHeader.link = symtabIndex + 1;
            symtabHeader.info = firstGlobal;
            symtabHeader.alignment = wordSize;
            symtabHeader.entrySize = symbolSize;
            headers.add(symtabHeader);
            AssembledObject.Section strtabHeader = new AssembledObject.Section();
            strtabHeader.name = ".strtab";
            strtabHeader.type = SHT_STRTAB;
            strtabHeader.alignment = 1;
            headers.add(strtabHeader);
        }
        AssembledObject.Section shstrtabHeader = new AssembledObject.Section();
        shstrtabHeader.name = ".shstrtab";
        shstrtabHeader.type = SHT_STRTAB;
        shstrtabHeader.alignment = 1;
        headers.add(shstrtabHeader);

        for (Map.Entry<AsmSection, AssembledObject.Section> e : relaHeaders.entrySet()) {
            List<Relocation> relocations = e.getKey().relocations();
            long[] rows = new long[3 * relocations.size()];
            for (int i = 0; i < relocations.size(); i++) {
                row(rows, i, relocations.get(i), sectionSymbolIndex);
            }
            AssembledObject.Section h = e.getValue();
            h.relocations = rows;
            h.size = (long) relocationSize * relocations.size();
            h.link = symtabIndex;
        }
        return new AssembledObject(elf32, headers, table, sectionSymbols.size(), asciiNames);
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

    private RelocatableMerger.Symbol local(AsmSymbol s, Map<AsmSection, Integer> sectionIndex) {
        return symbol(s.name(), s.type().ordinal(), s.visibility().ordinal(), sectionIndex.get(s.section()),
                s.offset(), size(s));
    }

    private RelocatableMerger.Symbol global(AsmSymbol s, Map<AsmSection, Integer> sectionIndex) {
        int bind = s.binding() == AsmSymbol.Binding.WEAK ? 2 : 1;
        return symbol(s.name(), bind << 4 | s.type().ordinal(), s.visibility().ordinal(),
                s.defined() ? sectionIndex.get(s.section()) : 0, s.defined() ? s.offset() : 0, size(s));
    }

    /**
     * Relocation {@code i}'s row in {@code rows} (offset, info, addend) as it reads back from the
     * table: in ELF32 the offset and info are 32-bit fields and the addend is in the section bytes.
     */
    private void row(long[] rows, int i, Relocation r, Map<AsmSection, Integer> sectionSymbolIndex) {
        long symbol = r.symbol() != null ? r.symbol().tableIndex() : sectionSymbolIndex.get(r.section());
        if (elf32) {
            rows[3 * i] = Math.toIntExact(r.offset()) & 0xffffffffL;
            rows[3 * i + 1] = (symbol << 8 | r.type()) & 0xffffffffL;
        } else {
            rows[3 * i] = r.offset();
            rows[3 * i + 1] = symbol << 32 | r.type();
            rows[3 * i + 2] = r.addend();
        }
    }

    private static long size(AsmSymbol s) {
        if (s.size() == null) {
            return 0;
        }
        Value v = Value.of(s.size(), s.definitionLine()).folded();
        return v.requireConstant(s.definitionLine(), "the size of '" + s.name() + "'");
    }

    /** A symbol table row as it reads back from the written object: each field cut to its width in the table. */
    private RelocatableMerger.Symbol symbol(String name, int info, int other, int shndx, long value, long size) {
        if (!ascii(name)) {
            asciiNames = false;
        }
        return new RelocatableMerger.Symbol(name, elf32 ? value & 0xffffffffL : value,
                elf32 ? size & 0xffffffffL : size, info & 0xff, other & 0xff, shndx & 0xffff);
    }

    private static boolean ascii(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
