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

/** Just enough of an ELF64 little-endian relocatable object reader to check what the assembler made. */
final class ElfObject {

    static final int SHT_SYMTAB = 2;
    static final int SHT_RELA = 4;
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

    private ElfObject(byte[] bytes) {
        data = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 64 || data.getInt(0) != 0x464c457f || bytes[4] != 2 || bytes[5] != 1) {
            throw new IllegalArgumentException("not an ELF64 little-endian file");
        }
        if (data.getShort(16) != 1 || data.getShort(18) != 0x3e) {
            throw new IllegalArgumentException("not an x86-64 relocatable object");
        }
        long shoff = data.getLong(40);
        int shentsize = Short.toUnsignedInt(data.getShort(58));
        int shnum = Short.toUnsignedInt(data.getShort(60));
        int shstrndx = Short.toUnsignedInt(data.getShort(62));
        List<long[]> raw = new ArrayList<>();
        for (int i = 0; i < shnum; i++) {
            int at = (int) (shoff + (long) i * shentsize);
            raw.add(new long[] {Integer.toUnsignedLong(data.getInt(at)), data.getInt(at + 4), data.getLong(at + 8),
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
                for (long at = s.offset(); at < s.offset() + s.size(); at += 24) {
                    int info = Byte.toUnsignedInt(data.get((int) at + 4));
                    symbols.add(new Symbol(cString(names + Integer.toUnsignedLong(data.getInt((int) at))), info >> 4,
                            info & 0xf, data.get((int) at + 5) & 0x3, Short.toUnsignedInt(data.getShort((int) at + 6)),
                            data.getLong((int) at + 8), data.getLong((int) at + 16)));
                }
            }
        }
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
