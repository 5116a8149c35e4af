package dev.winelib.toolchain.pe;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.elf.ElfFormatException;
import dev.winelib.toolchain.elf.ElfSymbol;

/**
 * Decodes the PE view of a winelib ELF module: finds {@code __wine_spec_nt_header} among the
 * dynamic symbols, applies the dynamic relocations (ld.lld leaves their targets zero in the file),
 * and reads the header and export directory.
 */
public final class WinelibImageReader {

    public static final String NT_HEADER_SYMBOL = "__wine_spec_nt_header";
    private static final int MAX_EXPORTS = 65536;
    private static final int MAX_STRING = 4096;

    private final ElfFile elf;
    /** Bytes of an address: 8 (x86_64, PE32+) or 4 (i386, PE32). */
    private final int ptr;
    /** Where the data directories begin, from the start of the optional header: 112 (PE32+) or 96 (PE32). */
    private final int directoriesOffset;
    private final Map<Long, Long> relocated = new HashMap<>();

    private WinelibImageReader(ElfFile elf) throws ElfFormatException {
        this.elf = elf;
        this.ptr = elf.addressSize();
        this.directoriesOffset = elf.is64Bit() ? 112 : 96;
        List<ElfSymbol> dynsyms = elf.dynamicSymbols();
        for (ElfFile.Relocation r : elf.dynamicRelocations()) {
            if (r.type() == elf.relativeRelocationType()) {
                relocated.put(r.offset(), r.addend());
            } else if (r.type() == elf.absoluteRelocationType() && r.symbolIndex() > 0
                    && r.symbolIndex() < dynsyms.size()) {
                ElfSymbol s = dynsyms.get(r.symbolIndex());
                relocated.put(r.offset(), s.isDefined() ? s.value() + r.addend() : 0);
            }
        }
    }

    /**
     * The name of the symbol at each of {@code addresses} (sorted), where one is defined there: the
     * symbol table is read once and only those addresses are kept.
     */
    private Map<Long, String> symbolsAt(long[] addresses) throws ElfFormatException {
        Map<Long, String> symbolAt = new HashMap<>();
        if (addresses.length == 0) {
            return symbolAt;
        }
        for (ElfSymbol s : elf.definedSymbolsAt(addresses)) {
            if (!s.name().isEmpty() && s.type() != 4 && s.type() != 3) { // not FILE/SECTION
                symbolAt.merge(s.value(), s.name(), (old, candidate) -> preferred(old, candidate));
            }
        }
        return symbolAt;
    }

    private static String preferred(String a, String b) {
        boolean aLocal = a.startsWith(".L") || a.startsWith("__wine_spec_relay");
        boolean bLocal = b.startsWith(".L") || b.startsWith("__wine_spec_relay");
        if (aLocal != bLocal) {
            return aLocal ? b : a;
        }
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Reads the PE view of a linked module. */
    public static WinelibImage read(ElfFile elf) throws ElfFormatException {
        return new WinelibImageReader(elf).decode();
    }

    private WinelibImage decode() throws ElfFormatException {
        ElfSymbol nt = elf.dynamicSymbols().stream()
                .filter(s -> s.name().equals(NT_HEADER_SYMBOL) && s.isDefined())
                .findFirst()
                .orElseThrow(() -> new ElfFormatException(elf.origin() + " does not export " + NT_HEADER_SYMBOL
                        + ": Wine will not see it as a winelib module"));
        long base = nt.value();
        if (u32(base) != 0x4550) {
            throw new ElfFormatException(elf.origin() + ": " + NT_HEADER_SYMBOL + " does not start with the PE"
                    + " signature");
        }
        int machine = u16(base + 4);
        int characteristics = u16(base + 22);
        int magic = u16(base + 24);
        int expected = elf.is64Bit() ? 0x20b : 0x10b;
        if (magic != expected) {
            throw new ElfFormatException(elf.origin() + ": optional header magic is 0x" + Integer.toHexString(magic)
                    + ", not " + (elf.is64Bit() ? "PE32+ (0x20b) in an x86_64" : "PE32 (0x10b) in an i386")
                    + " module");
        }
        long optional = base + 24;
        // winelib: AddressOfEntryPoint is an absolute address of the image's width (x86_64: it takes
        // BaseOfCode's room too); ImageBase follows BaseOfCode (PE32+) or BaseOfData (PE32)
        long entry = address(optional + 16);
        long imageBase = address(optional + 28 - (elf.is64Bit() ? 4 : 0));
        long sizeOfImage = u32(optional + 56);
        int subsystem = u16(optional + 68);
        long exportRva = u32(optional + directoriesOffset);
        long exportSize = u32(optional + directoriesOffset + 4);
        long moduleBase = (imageBase + 0xffff) & ~0xffffL;
        List<PeImport> imports = new ArrayList<>(readImports(base, u32(optional + directoriesOffset + 8), false));
        imports.addAll(readImports(base, u32(optional + directoriesOffset + 13 * 8), true));
        PeHeader header = header(base);
        List<PeResource> resources;
        try {
            PeHeader.Directory dir = header.directories().get(2);
            resources = ResourceTreeReader.read((rva, length) -> {
                try {
                    return elf.readAtAddress(base + rva, length);
                } catch (ElfFormatException e) {
                    throw new PeFormatException(e.getMessage());
                }
            }, dir.rva(), dir.size(), elf.origin());
        } catch (PeFormatException e) {
            throw new ElfFormatException(e.getMessage());
        }
        if (exportRva == 0) {
            return new WinelibImage(base, imageBase, moduleBase, entry, machine, characteristics, subsystem,
                    sizeOfImage, 0, 0, Optional.empty(), 0, List.of(), 0, List.of(), imports, header, resources);
        }
        long dir = base + exportRva;
        String dllName = string(base + u32(dir + 12));
        int ordinalBase = (int) u32(dir + 16);
        long functionCount = u32(dir + 20);
        long nameCount = u32(dir + 24);
        if (functionCount > MAX_EXPORTS || nameCount > functionCount) {
            throw new ElfFormatException(elf.origin() + ": export directory claims " + functionCount + " functions and "
                    + nameCount + " names");
        }
        long functions = base + u32(dir + 28);
        long names = base + u32(dir + 32);
        long ordinals = base + u32(dir + 36);
        Map<Integer, String> nameOfIndex = new HashMap<>();
        List<String> nameTable = new ArrayList<>();
        for (int i = 0; i < nameCount; i++) {
            String name = string(base + u32(names + 4L * i));
            nameTable.add(name);
            int index = u16(ordinals + 2L * i);
            if (index >= functionCount) {
                throw new ElfFormatException(elf.origin() + ": export name '" + name + "' points at slot " + index
                        + " of " + functionCount);
            }
            if (nameOfIndex.putIfAbsent(index, name) != null) {
                throw new ElfFormatException(elf.origin() + ": export slot " + index + " has two names");
            }
        }
        long[] slots = new long[(int) functionCount];
        int symbolSlots = 0;
        for (int i = 0; i < functionCount; i++) {
            long address = address(functions + (long) ptr * i);
            slots[i] = address;
            if (address != 0 && !(address >= dir && address < dir + exportSize)) {
                symbolSlots++;
            }
        }
        long[] symbolAddresses = new long[symbolSlots];
        int n = 0;
        for (long address : slots) {
            if (address != 0 && !(address >= dir && address < dir + exportSize)) {
                symbolAddresses[n++] = address;
            }
        }
        java.util.Arrays.sort(symbolAddresses);
        Map<Long, String> symbolAt = symbolsAt(symbolAddresses);
        List<PeExport> exports = new ArrayList<>();
        for (int i = 0; i < functionCount; i++) {
            long address = slots[i];
            if (address == 0) {
                continue;
            }
            Optional<String> name = Optional.ofNullable(nameOfIndex.get(i));
            if (address >= dir && address < dir + exportSize) {
                exports.add(new PeExport(ordinalBase + i, name, address, Optional.of(string(address)), Optional.empty()));
            } else {
                exports.add(new PeExport(ordinalBase + i, name, address, Optional.empty(),
                        Optional.ofNullable(symbolAt.get(address))));
            }
        }
        return new WinelibImage(base, imageBase, moduleBase, entry, machine, characteristics, subsystem, sizeOfImage,
                dir, exportSize, Optional.of(dllName), ordinalBase, exports, (int) functionCount, nameTable, imports,
                header, resources);
    }

    /** The header fields at the NT header {@code base} (PE32+ or PE32 layout). */
    private PeHeader header(long base) throws ElfFormatException {
        long optional = base + 24;
        List<PeHeader.Directory> directories = new ArrayList<>();
        long count = Math.min(16, u32(optional + directoriesOffset - 4));
        for (int i = 0; i < 16; i++) {
            directories.add(i < count ? new PeHeader.Directory(u32(optional + directoriesOffset + 8L * i),
                    u32(optional + directoriesOffset + 4 + 8L * i)) : new PeHeader.Directory(0, 0));
        }
        return new PeHeader(u32(base + 8), u16(optional + 48), u16(optional + 50), u16(optional + 70),
                address(optional + 72), address(optional + 72 + ptr), address(optional + 72 + 2L * ptr),
                address(optional + 72 + 3L * ptr), u32(optional + 60), directories);
    }

    /**
     * Reads an import (or delay-import) directory; descriptors are 20 (or 32) bytes and end with a
     * zero one; name-table entries are RVAs of hint/name pairs, or ordinals with the top bit set.
     */
    private List<PeImport> readImports(long base, long directoryRva, boolean delayed) throws ElfFormatException {
        List<PeImport> result = new ArrayList<>();
        if (directoryRva == 0) {
            return result;
        }
        int size = delayed ? 32 : 20;
        for (long d = base + directoryRva; result.size() < MAX_EXPORTS; d += size) {
            long nameRva = u32(d + (delayed ? 4 : 12));
            if (nameRva == 0) {
                break;
            }
            long nameTable = base + u32(d + (delayed ? 16 : 0));
            List<String> functions = new ArrayList<>();
            long ordinalFlag = ptr == 8 ? Long.MIN_VALUE : 0x80000000L;
            for (long t = nameTable; functions.size() < MAX_EXPORTS; t += ptr) {
                long entry = address(t);
                if (entry == 0) {
                    break;
                }
                functions.add((entry & ordinalFlag) != 0 ? "#" + (entry & 0xffff) : string(base + entry + 2));
            }
            result.add(new PeImport(string(base + nameRva), functions, delayed));
        }
        return result;
    }

    /** A value of the image's address width (8 or 4 bytes), relocated. */
    private long address(long address) throws ElfFormatException {
        Long r = relocated.get(address);
        if (r != null) {
            return r;
        }
        return ptr == 8 ? ByteBuffer.wrap(elf.readAtAddress(address, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong()
                : u32(address);
    }

    private long u32(long address) throws ElfFormatException {
        return Integer.toUnsignedLong(ByteBuffer.wrap(elf.readAtAddress(address, 4)).order(ByteOrder.LITTLE_ENDIAN)
                .getInt());
    }

    private int u16(long address) throws ElfFormatException {
        return ByteBuffer.wrap(elf.readAtAddress(address, 2)).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
    }

    private String string(long address) throws ElfFormatException {
        int length = elf.stringLengthAtAddress(address, MAX_STRING);
        if (length >= 0) {
            return ascii(elf.readAtAddress(address, length));
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < MAX_STRING; i++) {
            byte c = elf.readAtAddress(address + i, 1)[0];
            if (c == 0) {
                return b.toString();
            }
            b.append((char) (c & 0xff));
        }
        throw new ElfFormatException(elf.origin() + ": string at 0x" + Long.toHexString(address) + " is not terminated");
    }

    static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
