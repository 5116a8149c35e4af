package dev.winelib.toolchain.pe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.winelib.spec.InputFiles;

/**
 * Reads the headers, sections, export names and resources of a PE file. Every offset is checked
 * against the file: a malformed file gives a {@link PeFormatException} naming it.
 */
public final class PeFileReader {

    private static final int MAX_SECTIONS = 96;
    private static final int MAX_NAMES = 65536;

    private final String origin;
    private final ByteBuffer file;
    private final List<PeFile.Section> sections = new ArrayList<>();

    private PeFileReader(String origin, byte[] bytes) {
        this.origin = origin;
        this.file = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Whether a file starts with the {@code MZ} of a DOS/PE header. */
    public static boolean isPe(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try (var in = Files.newInputStream(path)) {
            byte[] magic = in.readNBytes(2);
            return magic.length == 2 && magic[0] == 'M' && magic[1] == 'Z';
        }
    }

    public static PeFile read(Path path) throws IOException, PeFormatException {
        return parse(path.toString(), InputFiles.readAll(path, InputFiles.BINARY_LIMIT));
    }

    public static PeFile parse(String origin, byte[] bytes) throws PeFormatException {
        return new PeFileReader(origin, bytes).read();
    }

    private PeFile read() throws PeFormatException {
        if (file.capacity() < 0x40 || u16(0) != 0x5a4d) {
            throw error("not a PE file (no MZ header)");
        }
        long lfanew = u32(0x3c);
        if (lfanew < 0x40 || lfanew + 24 > file.capacity() || u32(lfanew) != 0x4550) {
            throw error("no PE header at offset 0x" + Long.toHexString(lfanew));
        }
        Optional<String> signature = Optional.empty();
        if (lfanew >= 0x40 + FakeModuleWriter.SIGNATURE_SIZE) {
            for (String s : List.of(FakeModuleWriter.BUILTIN_SIGNATURE, FakeModuleWriter.PLACEHOLDER_SIGNATURE)) {
                if (java.util.Arrays.equals(bytes(0x40, FakeModuleWriter.SIGNATURE_SIZE),
                        FakeModuleWriter.signature(s))) {
                    signature = Optional.of(s);
                }
            }
        }
        int machine = u16(lfanew + 4);
        int sectionCount = u16(lfanew + 6);
        long timeDateStamp = u32(lfanew + 8);
        int optionalSize = u16(lfanew + 20);
        int characteristics = u16(lfanew + 22);
        long optional = lfanew + 24;
        int magic = u16(optional);
        boolean plus = magic == 0x20b;
        if (!plus && magic != 0x10b) {
            throw error("unknown optional header magic 0x" + Integer.toHexString(magic));
        }
        long entry = u32(optional + 16);
        long imageBase = plus ? u64(optional + 24) : u32(optional + 28);
        long sizeOfImage = u32(optional + 56);
        int subsystem = u16(optional + 68);
        int shift = plus ? 0 : -16;
        long stackReserve = plus ? u64(optional + 72) : u32(optional + 72);
        long stackCommit = plus ? u64(optional + 80) : u32(optional + 76);
        long heapReserve = plus ? u64(optional + 88) : u32(optional + 80);
        long heapCommit = plus ? u64(optional + 96) : u32(optional + 84);
        long directoriesAt = optional + 112 + shift;
        long count = Math.min(16, u32(directoriesAt - 4));
        List<PeHeader.Directory> directories = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            directories.add(i < count ? new PeHeader.Directory(u32(directoriesAt + 8L * i),
                    u32(directoriesAt + 8L * i + 4)) : new PeHeader.Directory(0, 0));
        }
        PeHeader header = new PeHeader(timeDateStamp, u16(optional + 48), u16(optional + 50), u16(optional + 70),
                stackReserve, stackCommit, heapReserve, heapCommit, u32(optional + 60), directories);
        if (sectionCount > MAX_SECTIONS) {
            throw error(sectionCount + " sections");
        }
        long sectionTable = optional + optionalSize;
        for (int i = 0; i < sectionCount; i++) {
            long at = sectionTable + 40L * i;
            String name = new String(bytes(at, 8), StandardCharsets.ISO_8859_1).replace("\0", "");
            sections.add(new PeFile.Section(name, u32(at + 12), u32(at + 8), u32(at + 16), u32(at + 20),
                    u32(at + 36)));
        }
        List<String> names = exportNames(directories.get(0));
        PeHeader.Directory resourceDir = directories.get(2);
        List<PeResource> resources = ResourceTreeReader.read(this::readRva, resourceDir.rva(), resourceDir.size(),
                origin);
        return new PeFile(origin, signature, machine, characteristics, magic, entry, imageBase, sizeOfImage, subsystem,
                header, sections, names, resources);
    }

    private List<String> exportNames(PeHeader.Directory dir) throws PeFormatException {
        List<String> names = new ArrayList<>();
        if (dir.rva() == 0) {
            return names;
        }
        byte[] d = readRva(dir.rva(), 40);
        ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
        names.add(string(Integer.toUnsignedLong(b.getInt(12))));
        long count = Integer.toUnsignedLong(b.getInt(24));
        long table = Integer.toUnsignedLong(b.getInt(32));
        if (count > MAX_NAMES) {
            throw error("the export directory claims " + count + " names");
        }
        for (int i = 0; i < count; i++) {
            byte[] rva = readRva(table + 4L * i, 4);
            names.add(string(ByteBuffer.wrap(rva).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL));
        }
        return names;
    }

    private String string(long rva) throws PeFormatException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 4096; i++) {
            byte c = readRva(rva + i, 1)[0];
            if (c == 0) {
                return b.toString();
            }
            b.append((char) (c & 0xff));
        }
        throw error("unterminated string at RVA 0x" + Long.toHexString(rva));
    }

    /** The bytes at an RVA, from the section that holds them (or the headers). */
    private byte[] readRva(long rva, int length) throws PeFormatException {
        for (PeFile.Section s : sections) {
            long size = Math.max(s.virtualSize(), s.rawSize());
            if (rva >= s.virtualAddress() && rva + length <= s.virtualAddress() + size) {
                long offset = rva - s.virtualAddress();
                byte[] out = new byte[length];
                long available = Math.max(0, Math.min(length, s.rawSize() - offset));
                if (available > 0) {
                    System.arraycopy(bytes(s.rawOffset() + offset, (int) available), 0, out, 0, (int) available);
                }
                return out;
            }
        }
        throw error("RVA 0x" + Long.toHexString(rva) + " (" + length + " bytes) lies in no section");
    }

    private byte[] bytes(long offset, int length) throws PeFormatException {
        if (offset < 0 || length < 0 || offset + length > file.capacity()) {
            throw error("offset 0x" + Long.toHexString(offset) + " lies outside the file");
        }
        byte[] out = new byte[length];
        file.get((int) offset, out);
        return out;
    }

    private int u16(long offset) throws PeFormatException {
        byte[] b = bytes(offset, 2);
        return (b[0] & 0xff) | (b[1] & 0xff) << 8;
    }

    private long u32(long offset) throws PeFormatException {
        return u16(offset) | (long) u16(offset + 2) << 16;
    }

    private long u64(long offset) throws PeFormatException {
        return u32(offset) | u32(offset + 4) << 32;
    }

    private PeFormatException error(String problem) {
        return new PeFormatException(origin + ": " + problem);
    }
}
