package dev.winelib.asm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Just enough of an ELF64 x86-64 or ELF32 i386 little-endian relocatable object reader to check what
 * the assembler made. The addend of an i386 (REL) relocation is in the section bytes; it reads as 0.
 */
final class ElfObject {

    static final int SHT_SYMTAB = 2;
    static final int SHT_RELA = 4;
    static final int SHT_REL = 9;
    static final long SHF_WRITE = 0x1;
    static final long SHF_ALLOC = 0x2;
    static final long SHF_EXECINSTR = 0x4;
    static final int STB_LOCAL = 0;
    static final int STB_GLOBAL = 1;
    static final int STB_WEAK = 2;
    static final int STT_FUNC = 2;
    static final int STT_SECTION = 3;
    static final int STV_HIDDEN = 2;
    static final int R_X86_64_64 = 1;

    record Section(int index, String name, int type, long flags, long offset, long size, int link, int info,
            long alignment) {
    }

    record Symbol(String name, int bind, int type, int visibility, int sectionIndex, long value, long size) {
        boolean defined() {
            return sectionIndex != 0;
        }
    }

    record Relocation(long offset, int type, Symbol symbol, long addend) {
    }

    private final ByteBuffer data;
    private final List<Section> sections = new ArrayList<>();
    private final List<Symbol> symbols = new ArrayList<>();
    private final boolean elf32;

    private ElfObject(byte[] bytes) {
        data = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 52 || data.getInt(0) != 0x464c457f || (bytes[4] != 1 && bytes[4] != 2) || bytes[5] != 1) {
            throw new IllegalArgumentException("not an ELF little-endian file");
        }
        elf32 = bytes[4] == 1;
        if (data.getShort(16) != 1 || data.getShort(18) != (elf32 ? 3 : 0x3e)) {
            throw new IllegalArgumentException("not an x86-64 (ELF64) or i386 (ELF32) relocatable object");
        }
        long shoff = elf32 ? Integer.toUnsignedLong(data.getInt(32)) : data.getLong(40);
        int shentsize = Short.toUnsignedInt(data.getShort(elf32 ? 46 : 58));
        int shnum = Short.toUnsignedInt(data.getShort(elf32 ? 48 : 60));
        int shstrndx = Short.toUnsignedInt(data.getShort(elf32 ? 50 : 62));
        List<long[]> raw = new ArrayList<>();
        for (int i = 0; i < shnum; i++) {
            int at = (int) (shoff + (long) i * shentsize);
            raw.add(elf32 ? new long[] {Integer.toUnsignedLong(data.getInt(at)), data.getInt(at + 4), word(at + 8),
                word(at + 16), word(at + 20), data.getInt(at + 24), data.getInt(at + 28), word(at + 32)}
                : new long[] {Integer.toUnsignedLong(data.getInt(at)), data.getInt(at + 4), data.getLong(at + 8),
                data.getLong(at + 24), data.getLong(at + 32), data.getInt(at + 40), data.getInt(at + 44),
                data.getLong(at + 48)});
        }
        long strtabOffset = raw.get(shstrndx)[3];
        for (int i = 0; i < shnum; i++) {
            long[] r = raw.get(i);
            sections.add(new Section(i, cString(strtabOffset + r[0]), (int) r[1], r[2], r[3], r[4], (int) r[5],
                    (int) r[6], r[7]));
        }
        for (Section s : sections) {
            if (s.type() == SHT_SYMTAB) {
                long names = sections.get(s.link()).offset();
                int entry = elf32 ? 16 : 24;
                for (long at = s.offset(); at < s.offset() + s.size(); at += entry) {
                    int a = (int) at;
                    int infoAt = elf32 ? a + 12 : a + 4;
                    int info = Byte.toUnsignedInt(data.get(infoAt));
                    String name = cString(names + Integer.toUnsignedLong(data.getInt(a)));
                    symbols.add(new Symbol(name, info >> 4, info & 0xf, data.get(infoAt + 1) & 0x3,
                            Short.toUnsignedInt(data.getShort(infoAt + 2)), elf32 ? word(a + 4) : data.getLong(a + 8),
                            elf32 ? word(a + 8) : data.getLong(a + 16)));
                }
            }
        }
    }

    private long word(int at) {
        return Integer.toUnsignedLong(data.getInt(at));
    }

    boolean elf32() {
        return elf32;
    }

    static ElfObject read(Path file) throws IOException {
        return new ElfObject(Files.readAllBytes(file));
    }

    static ElfObject of(byte[] bytes) {
        return new ElfObject(bytes.clone());
    }

    List<Section> sections() {
        return sections;
    }

    Optional<Section> section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    Section sectionAt(int index) {
        return sections.get(index);
    }

    List<Symbol> symbols() {
        return symbols;
    }

    Optional<Symbol> symbol(String name) {
        return symbols.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Relocations that apply to the named section, in file order. */
    List<Relocation> relocations(String sectionName) {
        List<Relocation> result = new ArrayList<>();
        for (Section s : sections) {
            if (s.type() == SHT_RELA && sections.get(s.info()).name().equals(sectionName)) {
                for (long at = s.offset(); at < s.offset() + s.size(); at += 24) {
                    long info = data.getLong((int) at + 8);
                    result.add(new Relocation(data.getLong((int) at), (int) info, symbols.get((int) (info >>> 32)),
                            data.getLong((int) at + 16)));
                }
            } else if (s.type() == SHT_REL && sections.get(s.info()).name().equals(sectionName)) {
                for (long at = s.offset(); at < s.offset() + s.size(); at += 8) {
                    int info = data.getInt((int) at + 4);
                    result.add(new Relocation(word((int) at), info & 0xff, symbols.get(info >>> 8), 0));
                }
            }
        }
        return result;
    }

    byte[] contents(Section s) {
        byte[] out = new byte[(int) s.size()];
        data.get((int) s.offset(), out);
        return out;
    }

    private String cString(long offset) {
        int start = (int) offset;
        int end = start;
        while (data.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - start];
        data.get(start, bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
