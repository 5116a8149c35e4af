package dev.winelib.toolchain.imports;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the export directory of a PE file (PE32+ or PE32). Every offset read from the file is
 * bounds-checked: a malformed or truncated file gives an {@link ImportException} naming it, never
 * another exception.
 */
final class PeExportReader {

    static final int PE32_MAGIC = 0x10b;
    static final int PE32_PLUS_MAGIC = 0x20b;
    static final int IMAGE_SCN_MEM_EXECUTE = 0x20000000;
    private static final int MAX_NAME_LENGTH = 4096;
    private static final int SECTION_HEADER_SIZE = 40;

    /** A section header, with the part of the section that the file holds. */
    private record Section(String name, long virtualAddress, long virtualSize, long rawSize, long rawOffset,
            int characteristics) {

        /** The bytes of the section the file holds: no more than its virtual size. */
        long fileBackedSize() {
            return virtualSize == 0 ? rawSize : Math.min(virtualSize, rawSize);
        }

        /** The extent of the section in memory. */
        long memorySize() {
            return virtualSize == 0 ? rawSize : virtualSize;
        }

        boolean containsRva(long rva) {
            return rva >= virtualAddress && rva - virtualAddress < memorySize();
        }
    }

    private final String origin;
    private final ByteBuffer data;
    private final List<Section> sections = new ArrayList<>();

    private PeExportReader(String origin, ByteBuffer data) {
        this.origin = origin;
        this.data = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * The exports of a PE file: one per name of the name table (hint = its index there), and one
     * without a name for each other used ordinal.
     *
     * @param origin the file, for messages
     */
    static List<ImportableExport> read(String origin, byte[] bytes) throws ImportException {
        return read(origin, ByteBuffer.wrap(bytes));
    }

    /**
     * The exports of a PE file given as a buffer of the whole file (from position 0 to its capacity),
     * typically mapped: only the headers and the export data are read.
     */
    static List<ImportableExport> read(String origin, ByteBuffer file) throws ImportException {
        return new PeExportReader(origin, file).read();
    }

    /** The exports of a PE file, of which only the headers and the export data are read. */
    static List<ImportableExport> read(Path file) throws ImportException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new ImportException(file + " is too large for a PE file (" + size + " bytes)");
            }
            return read(file.toString(), channel.map(FileChannel.MapMode.READ_ONLY, 0, size));
        } catch (IOException e) {
            throw new ImportException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private List<ImportableExport> read() throws ImportException {
        long size = data.capacity();
        if (size < 64 || data.get(0) != 'M' || data.get(1) != 'Z') {
            throw error("is not a PE file (no MZ header)");
        }
        long peOffset = u32(0x3c);
        if (peOffset + 24 > size) {
            throw error("is truncated or malformed: the PE header offset 0x" + Long.toHexString(peOffset)
                    + " lies outside the file");
        }
        if (u32(peOffset) != 0x4550) {
            throw error("is not a PE file (no PE signature at 0x" + Long.toHexString(peOffset) + ")");
        }
        long coff = peOffset + 4;
        int sectionCount = u16(coff + 2);
        int optionalSize = u16(coff + 16);
        long optional = coff + 20;
        if (optional + optionalSize > size || optionalSize < 2) {
            throw error("is truncated or malformed: the optional header (" + optionalSize
                    + " bytes) does not fit in the file");
        }
        int magic = u16(optional);
        int countOffset;
        if (magic == PE32_PLUS_MAGIC) {
            countOffset = 108;
        } else if (magic == PE32_MAGIC) {
            countOffset = 92;
        } else {
            throw error("has an unknown optional header magic 0x" + Integer.toHexString(magic)
                    + " (neither PE32 0x10b nor PE32+ 0x20b)");
        }
        long directoryCount = optionalSize >= countOffset + 4 ? u32(optional + countOffset) : 0;
        readSections(optional + optionalSize, sectionCount);
        if (directoryCount == 0 || optionalSize < countOffset + 12) {
            return List.of(); // no data directories: no export directory
        }
        long exportRva = u32(optional + countOffset + 4);
        long exportSize = u32(optional + countOffset + 8);
        if (exportRva == 0) {
            return List.of();
        }
        return readExports(exportRva, exportSize);
    }

    private void readSections(long table, int count) throws ImportException {
        long size = data.capacity();
        if (table + (long) count * SECTION_HEADER_SIZE > size) {
            throw error("is truncated or malformed: its " + count + " section headers do not fit in the file");
        }
        for (int i = 0; i < count; i++) {
            long h = table + (long) i * SECTION_HEADER_SIZE;
            byte[] rawName = new byte[8];
            data.get((int) h, rawName);
            int length = 0;
            while (length < 8 && rawName[length] != 0) {
                length++;
            }
            String name = new String(rawName, 0, length, StandardCharsets.ISO_8859_1);
            Section s = new Section(name, u32(h + 12), u32(h + 8), u32(h + 16), u32(h + 20), (int) u32(h + 36));
            if (s.rawSize() > 0 && (s.rawOffset() > size || s.rawSize() > size - s.rawOffset())) {
                throw error("is truncated or malformed: the data of section " + i + " (" + name + ", 0x"
                        + Long.toHexString(s.rawSize()) + " bytes at 0x" + Long.toHexString(s.rawOffset())
                        + ") extends beyond the end of the file (0x" + Long.toHexString(size) + " bytes)");
            }
            sections.add(s);
        }
    }

    private List<ImportableExport> readExports(long directoryRva, long directorySize) throws ImportException {
        long directory = offset(directoryRva, 40, "the export directory");
        long base = u32(directory + 16);
        long functionCount = u32(directory + 20);
        long nameCount = u32(directory + 24);
        long functionsRva = u32(directory + 28);
        long namesRva = u32(directory + 32);
        long ordinalsRva = u32(directory + 36);
        if (functionCount > 0 && base + functionCount - 1 > 0xffff) {
            throw error("has a malformed export directory: ordinals " + base + " to " + (base + functionCount - 1)
                    + " exceed 65535");
        }
        if (nameCount > 0xffff + 1L) {
            throw error("has a malformed export directory: " + nameCount + " names");
        }
        long functions = functionCount == 0 ? 0 : offset(functionsRva, functionCount * 4, "the export address table");
        long names = nameCount == 0 ? 0 : offset(namesRva, nameCount * 4, "the export name table");
        long ordinals = nameCount == 0 ? 0 : offset(ordinalsRva, nameCount * 2, "the export ordinal table");
        List<ImportableExport> result = new ArrayList<>();
        boolean[] named = new boolean[(int) functionCount];
        for (int i = 0; i < nameCount; i++) {
            int index = u16(ordinals + 2L * i);
            if (index >= functionCount) {
                throw error("has a malformed export directory: name " + i + " refers to export slot " + index
                        + " of " + functionCount);
            }
            String name = string(u32(names + 4L * i), "export name " + i);
            long functionRva = u32(functions + 4L * index);
            if (functionRva == 0) {
                throw error("has a malformed export directory: " + name + " refers to the empty export slot "
                        + index);
            }
            named[index] = true;
            result.add(new ImportableExport(Optional.of(name), (int) (base + index), i,
                    isData(functionRva, directoryRva, directorySize, name), false));
        }
        for (int index = 0; index < functionCount; index++) {
            long functionRva = u32(functions + 4L * index);
            if (functionRva != 0 && !named[index]) {
                result.add(new ImportableExport(Optional.empty(), (int) (base + index), 0,
                        isData(functionRva, directoryRva, directorySize, "ordinal " + (base + index)), true));
            }
        }
        return result;
    }

    /** Whether an export lies outside executable sections; forwarders (inside the export directory) do not. */
    private boolean isData(long rva, long directoryRva, long directorySize, String what) throws ImportException {
        if (rva >= directoryRva && rva - directoryRva < directorySize) {
            return false; // a forwarder string "dll.function"
        }
        for (Section s : sections) {
            if (s.containsRva(rva)) {
                return (s.characteristics() & IMAGE_SCN_MEM_EXECUTE) == 0;
            }
        }
        throw error("has a malformed export directory: export " + what + " at RVA 0x" + Long.toHexString(rva)
                + " lies outside every section");
    }

    /** The file offset of {@code length} bytes at an RVA, all inside the file data of one section. */
    private long offset(long rva, long length, String what) throws ImportException {
        for (Section s : sections) {
            if (rva >= s.virtualAddress() && rva - s.virtualAddress() < s.memorySize()) {
                long inSection = rva - s.virtualAddress();
                if (length > s.fileBackedSize() - inSection) {
                    throw error("is truncated or malformed: " + what + " (0x" + Long.toHexString(length)
                            + " bytes at RVA 0x" + Long.toHexString(rva) + ") extends beyond the data of section "
                            + s.name());
                }
                return s.rawOffset() + inSection;
            }
        }
        throw error("is malformed: " + what + " at RVA 0x" + Long.toHexString(rva) + " lies outside every section");
    }

    private String string(long rva, String what) throws ImportException {
        long start = offset(rva, 1, what);
        Section s = sectionOf(rva);
        long limit = Math.min(s.rawOffset() + s.fileBackedSize(), start + MAX_NAME_LENGTH + 1);
        long end = start;
        while (end < limit && data.get((int) end) != 0) {
            end++;
        }
        if (end == limit) {
            throw error("is malformed: " + what + " at RVA 0x" + Long.toHexString(rva) + " is not terminated");
        }
        if (end == start) {
            throw error("is malformed: " + what + " at RVA 0x" + Long.toHexString(rva) + " is empty");
        }
        byte[] bytes = new byte[(int) (end - start)];
        data.get((int) start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private Section sectionOf(long rva) {
        for (Section s : sections) {
            if (s.containsRva(rva)) {
                return s;
            }
        }
        throw new IllegalStateException("RVA checked before");
    }

    private long u32(long offset) {
        return Integer.toUnsignedLong(data.getInt((int) offset));
    }

    private int u16(long offset) {
        return data.getShort((int) offset) & 0xffff;
    }

    private ImportException error(String problem) {
        return new ImportException(origin + " " + problem);
    }
}
