package dev.winelib.toolchain.imports;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the members of a Unix {@code ar} archive (System V/GNU variant, with BSD {@code #1/} long
 * names tolerated), in order. Every header is checked: a malformed or truncated archive gives an
 * {@link ImportException} naming it.
 */
public final class ArArchive {

    static final byte[] MAGIC = "!<arch>\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] THIN_MAGIC = "!<thin>\n".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_SIZE = 60;
    /** No member of an import library comes near this; a bigger size field is damage. */
    private static final long MAX_MEMBER_SIZE = 1L << 30;

    /** Receives the members of an archive. */
    public interface MemberVisitor {
        /** Returns false to stop reading. */
        boolean member(String name, byte[] content) throws ImportException;
    }

    private ArArchive() {
    }

    /**
     * Reads the members of an archive, except the symbol index and the long-name table.
     *
     * @param origin the archive, for messages
     */
    public static void read(String origin, InputStream in, MemberVisitor visitor) throws ImportException, IOException {
        byte[] magic = in.readNBytes(MAGIC.length);
        if (Arrays.equals(magic, THIN_MAGIC)) {
            throw new ImportException(origin + " is a thin archive, which is not supported");
        }
        if (!Arrays.equals(magic, MAGIC)) {
            throw new ImportException(origin + " is not an ar archive (no !<arch> header)");
        }
        byte[] longNames = null;
        long position = MAGIC.length;
        while (true) {
            byte[] header = in.readNBytes(HEADER_SIZE);
            if (header.length == 0) {
                return;
            }
            String where = origin + ": the member header at offset " + position;
            if (header.length < HEADER_SIZE) {
                throw new ImportException(where + " is truncated");
            }
            if (header[58] != '`' || header[59] != '\n') {
                throw new ImportException(where + " is malformed (no `\\n terminator)");
            }
            long size = decimal(header, 48, 10, where + " has a malformed size field");
            if (size > MAX_MEMBER_SIZE) {
                throw new ImportException(where + " gives an implausible member size " + size);
            }
            String rawName = ascii(header, 0, 16).stripTrailing();
            String name = null;
            byte[] content = null;
            if (rawName.equals("/") || rawName.equals("/SYM64/") || rawName.startsWith("__.SYMDEF")) {
                skip(in, size, where); // the symbol index
            } else if (rawName.equals("//")) {
                longNames = readBody(in, size, where);
            } else if (rawName.startsWith("#1/")) { // BSD: the name precedes the content
                long nameLength = decimal(header, 3, 13, where + " has a malformed BSD name length");
                if (nameLength > size) {
                    throw new ImportException(where + " has a name longer than the member");
                }
                byte[] body = readBody(in, size, where);
                int end = 0;
                while (end < nameLength && body[end] != 0) {
                    end++;
                }
                name = new String(body, 0, end, StandardCharsets.UTF_8);
                content = Arrays.copyOfRange(body, (int) nameLength, body.length);
            } else if (rawName.length() > 1 && rawName.charAt(0) == '/') {
                long at = decimal(header, 1, 15, where + " has a malformed long name reference");
                name = longName(longNames, at, where);
                content = readBody(in, size, where);
            } else {
                name = rawName.endsWith("/") ? rawName.substring(0, rawName.length() - 1) : rawName;
                content = readBody(in, size, where);
            }
            position += HEADER_SIZE + size;
            boolean end = false;
            if ((size & 1) == 1) { // members start at even offsets
                end = in.read() < 0;
                position++;
            }
            if (content != null && !visitor.member(name, content) || end) {
                return;
            }
        }
    }

    private static String longName(byte[] table, long at, String where) throws ImportException {
        if (table == null) {
            throw new ImportException(where + " refers to a long name, but the archive has no long-name table");
        }
        if (at >= table.length) {
            throw new ImportException(where + " refers to long name " + at + " outside the long-name table");
        }
        int end = (int) at;
        while (end < table.length && table[end] != '\n' && table[end] != 0) {
            end++;
        }
        if (end > at && table[end - 1] == '/') {
            end--;
        }
        return new String(table, (int) at, end - (int) at, StandardCharsets.UTF_8);
    }

    private static byte[] readBody(InputStream in, long size, String where) throws ImportException, IOException {
        byte[] body = in.readNBytes((int) size);
        if (body.length < size) {
            throw new ImportException(where + " is truncated: the member has " + size + " bytes, the file "
                    + body.length);
        }
        return body;
    }

    private static void skip(InputStream in, long size, String where) throws ImportException, IOException {
        try {
            in.skipNBytes(size);
        } catch (EOFException e) {
            throw new ImportException(where + " is truncated: the member has " + size + " bytes", e);
        }
    }

    /** A right-padded decimal field. */
    private static long decimal(byte[] header, int from, int length, String problem) throws ImportException {
        String text = ascii(header, from, length).strip();
        if (text.isEmpty() || text.length() > 12 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ImportException(problem + " ('" + text + "')");
        }
        return Long.parseLong(text);
    }

    private static String ascii(byte[] bytes, int from, int length) {
        return new String(bytes, from, length, StandardCharsets.ISO_8859_1);
    }
}
