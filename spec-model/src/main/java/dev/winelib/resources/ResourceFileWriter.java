package dev.winelib.resources;

import java.io.ByteArrayOutputStream;

/** Writes a table of resources as one 32-bit resource file ({@code .res}). */
public final class ResourceFileWriter {

    private ResourceFileWriter() {
    }

    /** The file: the empty header entry, then each resource in table order. */
    public static byte[] write(ResourceTable table) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int32(out, 0);
        int32(out, ResourceFileReader.HEADER_ENTRY_SIZE);
        int16(out, 0xffff);
        int16(out, 0);
        int16(out, 0xffff);
        int16(out, 0);
        int32(out, 0);
        int16(out, 0);
        int16(out, 0);
        int32(out, 0);
        int32(out, 0);
        for (Resource r : table.resources()) {
            int headerSize = 5 * 4 + 2 * 2 + nameSize(r.type()) + nameSize(r.name());
            int start = out.size();
            int32(out, r.size());
            int32(out, ResourceDirectory.align4(headerSize));
            name(out, r.type());
            name(out, r.name());
            pad(out, start);
            int32(out, 0);
            int16(out, r.memoryOptions());
            int16(out, r.language());
            int32(out, (int) r.version());
            int32(out, 0);
            out.writeBytes(r.data());
            pad(out, 0);
        }
        return out.toByteArray();
    }

    private static int nameSize(ResourceName n) {
        return n.isString() ? (n.string().orElseThrow().length() + 1) * 2 : 4;
    }

    private static void name(ByteArrayOutputStream out, ResourceName n) {
        if (n.isString()) {
            for (char c : n.string().orElseThrow().toCharArray()) {
                int16(out, c);
            }
            int16(out, 0);
        } else {
            int16(out, 0xffff);
            int16(out, n.id());
        }
    }

    private static void pad(ByteArrayOutputStream out, int from) {
        while ((out.size() - from) % 4 != 0) {
            out.write(0);
        }
    }

    private static void int16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xff);
        out.write((v >>> 8) & 0xff);
    }

    private static void int32(ByteArrayOutputStream out, int v) {
        int16(out, v & 0xffff);
        int16(out, (v >>> 16) & 0xffff);
    }
}
