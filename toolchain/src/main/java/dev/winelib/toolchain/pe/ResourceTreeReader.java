package dev.winelib.toolchain.pe;

import java.util.ArrayList;
import java.util.List;

import dev.winelib.resources.ResourceName;

/**
 * Reads a PE resource directory (type, name and language levels) from an image. Every offset is
 * checked against the directory's size and every read against the image, and the number of
 * entries is bounded: a malformed directory gives a {@link PeFormatException}.
 */
final class ResourceTreeReader {

    /** Reads bytes of the image at an RVA. */
    interface Image {
        /** The bytes at {@code rva}; fails when they are not in the image. */
        byte[] read(long rva, int length) throws PeFormatException;
    }

    private static final int MAX_ENTRIES = 65536;
    private static final int MAX_DATA = 64 << 20;
    private static final long HIGH_BIT = 0x80000000L;

    private final Image image;
    private final long root;
    private final long size;
    private final String origin;
    private int seen;

    private ResourceTreeReader(Image image, long root, long size, String origin) {
        this.image = image;
        this.root = root;
        this.size = size;
        this.origin = origin;
    }

    /** The resources of the directory at {@code rva} of {@code size} bytes, in directory order. */
    static List<PeResource> read(Image image, long rva, long size, String origin) throws PeFormatException {
        List<PeResource> result = new ArrayList<>();
        if (rva == 0 || size == 0) {
            return result;
        }
        ResourceTreeReader reader = new ResourceTreeReader(image, rva, size, origin);
        for (Entry type : reader.table(0)) {
            if (!type.directory) {
                throw reader.error("a type entry points at data, not at a table of names");
            }
            for (Entry name : reader.table(type.offset)) {
                if (!name.directory) {
                    throw reader.error("a name entry points at data, not at a table of languages");
                }
                for (Entry language : reader.table(name.offset)) {
                    if (language.directory) {
                        throw reader.error("a language entry points at a table, not at data");
                    }
                    reader.need(language.offset, 16);
                    long dataRva = u32(reader.image.read(rva + language.offset, 4));
                    long dataSize = u32(reader.image.read(rva + language.offset + 4, 4));
                    if (dataSize > MAX_DATA) {
                        throw reader.error("a resource claims " + dataSize + " bytes");
                    }
                    byte[] data = reader.image.read(dataRva, (int) dataSize);
                    result.add(new PeResource(type.name, name.name, (int) (language.nameField & 0xffff), dataRva,
                            data));
                }
            }
        }
        return result;
    }

    private record Entry(long nameField, ResourceName name, boolean directory, long offset) {
    }

    private List<Entry> table(long offset) throws PeFormatException {
        need(offset, 16);
        byte[] header = image.read(root + offset, 16);
        int named = u16(header, 12);
        int ids = u16(header, 14);
        int count = named + ids;
        seen += count;
        if (seen > MAX_ENTRIES) {
            throw error("more than " + MAX_ENTRIES + " entries");
        }
        need(offset + 16, count * 8L);
        byte[] entries = image.read(root + offset + 16, count * 8);
        List<Entry> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long nameField = u32(entries, i * 8);
            long offsetField = u32(entries, i * 8 + 4);
            ResourceName name;
            if ((nameField & HIGH_BIT) != 0) {
                long at = nameField & ~HIGH_BIT;
                need(at, 2);
                int length = u16(image.read(root + at, 2), 0);
                need(at + 2, length * 2L);
                byte[] chars = image.read(root + at + 2, length * 2);
                StringBuilder b = new StringBuilder();
                for (int k = 0; k < length; k++) {
                    b.append((char) u16(chars, k * 2));
                }
                name = ResourceName.of(b.toString());
            } else {
                if (nameField > 0xffff) {
                    throw error("entry id " + nameField + " is outside 0..65535");
                }
                name = ResourceName.of((int) nameField);
            }
            boolean directory = (offsetField & HIGH_BIT) != 0;
            long target = offsetField & ~HIGH_BIT;
            if (directory && target <= offset) {
                throw error("a table points back at 0x" + Long.toHexString(target));
            }
            result.add(new Entry(nameField, name, directory, target));
        }
        return result;
    }

    private void need(long offset, long length) throws PeFormatException {
        if (offset < 0 || length < 0 || offset + length > size) {
            throw error("offset 0x" + Long.toHexString(offset) + " lies outside the directory (0x"
                    + Long.toHexString(size) + " bytes)");
        }
    }

    private PeFormatException error(String problem) {
        return new PeFormatException(origin + ": malformed resource directory: " + problem);
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static long u32(byte[] b) {
        return u32(b, 0);
    }

    private static long u32(byte[] b, int at) {
        return (long) u16(b, at) | (long) u16(b, at + 2) << 16;
    }
}
