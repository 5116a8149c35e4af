package dev.winelib.resources;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads compiled Win32 resource files ({@code .res}, as {@code wrc} and {@code windres} write
 * them): an empty header entry, then one entry per resource, each a header (data size, header
 * size, type, name, data version, memory options, language, version, characteristics) followed by
 * the data, every part aligned to 4 bytes. Every size and offset is checked against the file.
 */
public final class ResourceFileReader {

    /** Bytes of the empty entry that starts every 32-bit resource file. */
    static final int HEADER_ENTRY_SIZE = 32;

    private final String origin;
    private final ByteBuffer in;

    private ResourceFileReader(String origin, byte[] bytes) {
        this.origin = origin;
        this.in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Reads the resources of a file, in file order. */
    public static List<Resource> read(Path file) throws IOException, ResourceException {
        byte[] bytes;
        try {
            bytes = dev.winelib.spec.InputFiles.readAll(file);
        } catch (NoSuchFileException e) {
            throw new ResourceException(file + ": resource file not found");
        }
        return parse(file.toString(), bytes);
    }

    /** Reads the resources of a file's content. */
    public static List<Resource> parse(String origin, byte[] bytes) throws ResourceException {
        return new ResourceFileReader(origin, bytes).resources();
    }

    /**
     * Whether the file starts like a 32-bit resource file (its empty header entry). Other files
     * (objects, archives) do not.
     */
    public static boolean isResourceFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        byte[] start = new byte[HEADER_ENTRY_SIZE];
        int n;
        try (InputStream s = Files.newInputStream(file)) {
            n = s.readNBytes(start, 0, start.length);
        }
        return n == HEADER_ENTRY_SIZE && isHeaderEntry(ByteBuffer.wrap(start).order(ByteOrder.LITTLE_ENDIAN));
    }

    private static boolean isHeaderEntry(ByteBuffer b) {
        return b.getInt(0) == 0 && b.getInt(4) == HEADER_ENTRY_SIZE
                && (b.getShort(8) & 0xffff) == 0xffff && b.getShort(10) == 0
                && (b.getShort(12) & 0xffff) == 0xffff && b.getShort(14) == 0
                && b.getInt(16) == 0 && b.getShort(20) == 0 && b.getShort(22) == 0 && b.getInt(24) == 0
                && b.getInt(28) == 0;
    }

    private List<Resource> resources() throws ResourceException {
        if (in.capacity() < HEADER_ENTRY_SIZE) {
            throw new ResourceException(origin + ": not a 32-bit resource file (too short for its header)");
        }
        if (in.getInt(4) == 0x20000000) {
            throw new ResourceException(origin + ": a big-endian resource file; compile it for a little-endian"
                    + " target (wrc's default)");
        }
        if (!isHeaderEntry(in)) {
            throw new ResourceException(origin + ": not a 32-bit resource file (it does not start with the empty"
                    + " header entry; compile .rc files with wrc or windres into .res)");
        }
        List<Resource> result = new ArrayList<>();
        int pos = HEADER_ENTRY_SIZE;
        while (pos < in.capacity()) {
            pos = next(pos, result);
        }
        return result;
    }

    /** Reads the entry at {@code start}; returns where the next one starts. */
    private int next(int start, List<Resource> into) throws ResourceException {
        need(start, 8, "a resource header");
        long dataSize = Integer.toUnsignedLong(in.getInt(start));
        long headerSize = Integer.toUnsignedLong(in.getInt(start + 4));
        if (headerSize % 4 != 0) {
            throw error(start, "header size " + headerSize + " is not a multiple of 4");
        }
        if (headerSize < 32) {
            throw error(start, "header size " + headerSize + " is smaller than 32");
        }
        if (start + headerSize > in.capacity()) {
            throw error(start, "the header (" + headerSize + " bytes) runs past the end of the file");
        }
        int headerEnd = (int) (start + headerSize);
        int[] cursor = {start + 8};
        ResourceName type = name(cursor, headerEnd, "type");
        ResourceName name = name(cursor, headerEnd, "name");
        int p = cursor[0];
        if (((p - start) & 2) != 0) {
            p += 2;
        }
        if (p + 16 > headerEnd) {
            throw error(start, "the header (" + headerSize + " bytes) is too small for its type and name");
        }
        int memoryOptions = in.getShort(p + 4) & 0xffff;
        int language = in.getShort(p + 6) & 0xffff;
        long version = Integer.toUnsignedLong(in.getInt(p + 8));
        long padded = (dataSize + 3) & ~3L;
        if (headerEnd + padded > in.capacity()) {
            throw error(start, "the data (" + dataSize + " bytes) runs past the end of the file: truncated");
        }
        byte[] data = new byte[(int) dataSize];
        in.get(headerEnd, data);
        Resource resource = new Resource(type, name, language, version, memoryOptions, data,
                origin + " at offset " + start);
        into.add(resource);
        return (int) (headerEnd + padded);
    }

    /** A number (0xffff, then the id) or a NUL-terminated UTF-16 string. */
    private ResourceName name(int[] cursor, int end, String what) throws ResourceException {
        int p = cursor[0];
        if (p + 2 > end) {
            throw error(p, "the header ends inside the resource " + what);
        }
        int first = in.getShort(p) & 0xffff;
        if (first == 0xffff) {
            if (p + 4 > end) {
                throw error(p, "the header ends inside the resource " + what);
            }
            cursor[0] = p + 4;
            return ResourceName.of(in.getShort(p + 2) & 0xffff);
        }
        StringBuilder b = new StringBuilder();
        int q = p;
        while (true) {
            if (q + 2 > end) {
                throw error(p, "the resource " + what + " string is not terminated inside the header");
            }
            char c = in.getChar(q);
            q += 2;
            if (c == 0) {
                break;
            }
            b.append(c);
        }
        cursor[0] = q;
        return ResourceName.of(b.toString());
    }

    private void need(int at, int length, String what) throws ResourceException {
        if (at + length > in.capacity()) {
            throw error(at, "the file ends inside " + what + ": truncated");
        }
    }

    private ResourceException error(int offset, String problem) {
        return new ResourceException(origin + ": invalid resource file at offset " + offset + ": " + problem);
    }
}
