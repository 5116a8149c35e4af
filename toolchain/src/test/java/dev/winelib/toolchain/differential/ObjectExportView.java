package dev.winelib.toolchain.differential;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.elf.ElfFormatException;
import dev.winelib.toolchain.elf.ElfSymbol;

/**
 * The {@link ExportView} of a module header object before any link, read from the object itself (ELF64
 * x86-64 with RELA or ELF32 i386 with REL relocations): the export directory that
 * {@code __wine_spec_nt_header}'s first data directory points at, its name table, and each slot's target
 * from the relocation at the slot: a symbol by name, a forward string (a slot pointing into the section
 * of the header), or the named label a section-relative slot points at.
 */
final class ObjectExportView {

    private static final int STT_SECTION = 3;

    private final ElfFile elf;
    private final List<ElfSymbol> symbols;
    private final ElfFile.Section section;
    private final ByteBuffer data;
    private final Map<Long, ElfFile.Relocation> relocations = new HashMap<>();

    private ObjectExportView(ElfFile elf) throws ElfFormatException {
        this.elf = elf;
        this.symbols = elf.symbols();
        ElfSymbol header = symbols.stream().filter(s -> s.name().equals("__wine_spec_nt_header") && s.isDefined())
                .findFirst().orElseThrow(() -> new ElfFormatException(elf.origin() + " defines no"
                        + " __wine_spec_nt_header"));
        this.section = elf.sections().get(header.sectionIndex());
        this.data = ByteBuffer.wrap(elf.sectionData(section)).order(ByteOrder.LITTLE_ENDIAN);
        for (ElfFile.Relocation r : elf.relocations(section)) {
            relocations.put(r.offset(), r);
        }
        this.ntHeader = (int) header.value();
    }

    private final int ntHeader;

    static ExportView of(ElfFile elf) throws ElfFormatException {
        return new ObjectExportView(elf).view();
    }

    private ExportView view() throws ElfFormatException {
        boolean elf32 = elf.elf32();
        int directory = ntHeader + 24 + (elf32 ? 96 : 112);
        long exportRva = u32(directory);
        if (exportRva == 0) {
            return new ExportView(Optional.empty(), 0, 0, List.of(), Map.of());
        }
        int exp = ntHeader + (int) exportRva;
        String dllName = string(u32(exp + 12));
        int base = (int) u32(exp + 16);
        int functions = (int) u32(exp + 20);
        int names = (int) u32(exp + 24);
        int functionTable = ntHeader + (int) u32(exp + 28);
        List<String> nameTable = new ArrayList<>();
        Map<Integer, String> nameOfSlot = new HashMap<>();
        if (names > 0) {
            int namePointers = ntHeader + (int) u32(exp + 32);
            int ordinals = ntHeader + (int) u32(exp + 36);
            for (int i = 0; i < names; i++) {
                String name = string(u32(namePointers + 4 * i));
                nameTable.add(name);
                nameOfSlot.put(Short.toUnsignedInt(data.getShort(ordinals + 2 * i)), name);
            }
        }
        int pointer = elf32 ? 4 : 8;
        Map<Integer, ExportView.Slot> slots = new TreeMap<>();
        for (int i = 0; i < functions; i++) {
            int at = functionTable + i * pointer;
            long inPlace = elf32 ? u32(at) : data.getLong(at);
            ElfFile.Relocation r = relocations.get((long) at);
            String target;
            if (r == null) {
                if (inPlace == 0) {
                    continue;
                }
                target = "no symbol at 0x" + Long.toHexString(inPlace);
            } else {
                target = target(r, elf32 ? inPlace : r.addend());
            }
            slots.put(base + i, new ExportView.Slot(Optional.ofNullable(nameOfSlot.get(i)), target));
        }
        return new ExportView(Optional.of(dllName), base, functions, nameTable, slots);
    }

    private String target(ElfFile.Relocation r, long addend) throws ElfFormatException {
        ElfSymbol s = symbols.get(r.symbolIndex());
        if (s.type() != STT_SECTION) {
            return "symbol " + s.name() + (addend == 0 ? "" : "+0x" + Long.toHexString(addend));
        }
        if (s.sectionIndex() == section.index()) {
            return "forward " + string(addend - ntHeader);
        }
        for (ElfSymbol named : symbols) {
            if (named.sectionIndex() == s.sectionIndex() && named.value() == addend && !named.name().isEmpty()
                    && named.type() != STT_SECTION) {
                return "symbol " + named.name();
            }
        }
        return "no symbol at " + elf.sections().get(s.sectionIndex()).name() + "+0x" + Long.toHexString(addend);
    }

    private long u32(int at) {
        return Integer.toUnsignedLong(data.getInt(at));
    }

    /** The NUL-terminated string at an RVA (an offset from the NT header). */
    private String string(long rva) throws ElfFormatException {
        int start = ntHeader + (int) rva;
        if (start < 0 || start >= data.capacity()) {
            throw new ElfFormatException(elf.origin() + ": string at RVA 0x" + Long.toHexString(rva)
                    + " is outside " + section.name());
        }
        int end = start;
        while (end < data.capacity() && data.get(end) != 0) {
            end++;
        }
        byte[] b = new byte[end - start];
        data.get(start, b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
