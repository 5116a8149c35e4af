package dev.winelib.toolchain.imports;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds small PE files with an export directory, for tests. Layout: headers, {@code .text}
 * (executable) at RVA 0x1000, {@code .edata} (the export directory) at RVA 0x2000, file offset
 * 0x600, and {@code .data} at RVA 0x3000.
 */
final class TestPe {

    static final int EDATA_FILE_OFFSET = 0x600;
    static final int EDATA_RVA = 0x2000;
    static final int PE_HEADER = 0x80;

    /** What an export slot points at. */
    enum Slot { CODE, DATA, FORWARD, EMPTY }

    private boolean pe32Plus = true;
    private boolean withExports = true;
    private int base = 1;
    private final List<Slot> slots = new ArrayList<>();
    private final Map<String, Integer> names = new TreeMap<>();

    TestPe pe32() {
        pe32Plus = false;
        return this;
    }

    TestPe withoutExports() {
        withExports = false;
        return this;
    }

    TestPe base(int newBase) {
        base = newBase;
        return this;
    }

    /** Adds a slot; returns its index. */
    int slot(Slot slot) {
        slots.add(slot);
        return slots.size() - 1;
    }

    TestPe named(String name, Slot slot) {
        names.put(name, slot(slot));
        return this;
    }

    TestPe name(String name, int slotIndex) {
        names.put(name, slotIndex);
        return this;
    }

    byte[] build() {
        ByteBuffer b = ByteBuffer.allocate(0x1800).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) 'M').put(1, (byte) 'Z').putInt(0x3c, PE_HEADER);
        b.putInt(PE_HEADER, 0x4550);
        int coff = PE_HEADER + 4;
        int optionalSize = pe32Plus ? 240 : 224;
        b.putShort(coff, (short) (pe32Plus ? 0x8664 : 0x14c)).putShort(coff + 2, (short) 3)
                .putShort(coff + 16, (short) optionalSize).putShort(coff + 18, (short) 0x2022);
        int optional = coff + 20;
        b.putShort(optional, (short) (pe32Plus ? 0x20b : 0x10b));
        int directories = optional + (pe32Plus ? 112 : 96);
        b.putInt(directories - 4, 16);
        int sections = optional + optionalSize;
        section(b, sections, ".text", 0x1000, 0x1000, 0x200, 0x400, 0x60000020);
        section(b, sections + 40, ".edata", EDATA_RVA, 0x1000, 0x1000, EDATA_FILE_OFFSET, 0x40000040);
        section(b, sections + 80, ".data", 0x3000, 0x100, 0x200, 0x1600, 0xc0000040);
        if (!withExports) {
            return b.array();
        }
        // export directory, then the three tables, then strings
        int dir = EDATA_FILE_OFFSET;
        int functions = dir + 40;
        int nameTable = functions + 4 * slots.size();
        int ordinals = nameTable + 4 * names.size();
        int strings = ordinals + 2 * names.size();
        strings = (strings + 3) & ~3;
        int next = strings;
        next = string(b, next, "test.dll");
        b.putInt(dir + 12, rva(strings)).putInt(dir + 16, base).putInt(dir + 20, slots.size())
                .putInt(dir + 24, names.size()).putInt(dir + 28, rva(functions)).putInt(dir + 32, rva(nameTable))
                .putInt(dir + 36, rva(ordinals));
        int i = 0;
        for (Map.Entry<String, Integer> e : names.entrySet()) {
            b.putInt(nameTable + 4 * i, rva(next));
            b.putShort(ordinals + 2 * i, (short) (int) e.getValue());
            next = string(b, next, e.getKey());
            i++;
        }
        List<Integer> forwards = new ArrayList<>();
        for (int s = 0; s < slots.size(); s++) {
            switch (slots.get(s)) {
                case CODE -> b.putInt(functions + 4 * s, 0x1000 + 16 * s);
                case DATA -> b.putInt(functions + 4 * s, 0x3000 + 8 * s);
                case EMPTY -> b.putInt(functions + 4 * s, 0);
                case FORWARD -> forwards.add(s);
            }
        }
        for (int s : forwards) {
            b.putInt(functions + 4 * s, rva(next));
            next = string(b, next, "ntdll.RtlForwarded" + s);
        }
        b.putInt(directories, EDATA_RVA).putInt(directories + 4, next - dir);
        return b.array();
    }

    private static int rva(int fileOffset) {
        return fileOffset - EDATA_FILE_OFFSET + EDATA_RVA;
    }

    private static int string(ByteBuffer b, int at, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.put(at, bytes);
        b.put(at + bytes.length, (byte) 0);
        return at + bytes.length + 1;
    }

    private static void section(ByteBuffer b, int at, String name, int rva, int virtualSize, int rawSize,
            int rawOffset, int characteristics) {
        b.put(at, name.getBytes(StandardCharsets.US_ASCII));
        b.putInt(at + 8, virtualSize).putInt(at + 12, rva).putInt(at + 16, rawSize).putInt(at + 20, rawOffset)
                .putInt(at + 36, characteristics);
    }
}
