package dev.winelib.unixlib;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Marks a PE file as a Wine builtin, as {@code winebuild --builtin} does: the 32 bytes after the
 * 64-byte DOS header (where linkers put the "This program cannot be run in DOS mode" stub) become
 * "Wine builtin DLL" padded with zeros. Wine's server compares the text and its terminating zero at
 * offset 0x40 when it maps the image and flags it as builtin; only a builtin DLL gets a Unix library.
 * The PE checksum is then recomputed so the headers stay consistent.
 */
public final class BuiltinMarker {

    /** Where the signature goes: right after the DOS header. */
    public static final int OFFSET = 0x40;
    /** How many bytes the mark takes: the text, zero-padded. */
    public static final int LENGTH = 32;
    /** The text Wine looks for. */
    public static final String SIGNATURE = "Wine builtin DLL";

    private static final int E_LFANEW = 0x3c;
    private static final int PE_SIGNATURE = 0x00004550;
    private static final int COFF_HEADER_SIZE = 20;
    private static final int CHECKSUM_OFFSET_IN_OPTIONAL_HEADER = 64;

    private BuiltinMarker() {
    }

    /** The 32 bytes written at {@link #OFFSET}. */
    public static byte[] mark() {
        return Arrays.copyOf(SIGNATURE.getBytes(StandardCharsets.US_ASCII), LENGTH);
    }

    /**
     * A copy of a PE file, marked and with its checksum recomputed.
     *
     * @param origin the file's name, for messages
     * @throws IllegalArgumentException when the file is not a PE file or has no room for the mark
     *     (its PE header starts before 0x60)
     */
    public static byte[] apply(String origin, byte[] file) {
        int peOffset = peOffset(origin, file);
        if (peOffset < OFFSET + LENGTH) {
            throw new IllegalArgumentException(origin + ": the PE header starts at 0x" + Integer.toHexString(peOffset)
                    + ", leaving no room for the 32-byte Wine builtin mark at 0x40 (it needs 0x60 or later)");
        }
        byte[] marked = file.clone();
        System.arraycopy(mark(), 0, marked, OFFSET, LENGTH);
        int checksumOffset = checksumOffset(origin, marked, peOffset);
        ByteBuffer.wrap(marked).order(ByteOrder.LITTLE_ENDIAN).putInt(checksumOffset, checksum(marked, checksumOffset));
        return marked;
    }

    /** Whether Wine will take the file for a builtin: the signature and its zero at 0x40. */
    public static boolean isMarked(byte[] file) {
        byte[] expected = Arrays.copyOf(SIGNATURE.getBytes(StandardCharsets.US_ASCII), SIGNATURE.length() + 1);
        return file.length >= OFFSET + LENGTH && file[0] == 'M' && file[1] == 'Z'
                && Arrays.equals(file, OFFSET, OFFSET + expected.length, expected, 0, expected.length);
    }

    /** The checksum stored in the optional header. */
    public static int storedChecksum(String origin, byte[] file) {
        int offset = checksumOffset(origin, file, peOffset(origin, file));
        return ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getInt(offset);
    }

    /**
     * The PE image checksum (as the Windows image helper computes it): the 16-bit one's-complement
     * style sum of the file's words with the checksum field counted as zero, plus the file's length.
     */
    public static int checksum(byte[] file, int checksumOffset) {
        long sum = 0;
        for (int i = 0; i < file.length; i += 2) {
            int word;
            if (i == checksumOffset || i == checksumOffset + 2) {
                word = 0;
            } else {
                int low = file[i] & 0xff;
                int high = i + 1 < file.length ? file[i + 1] & 0xff : 0;
                word = low | high << 8;
            }
            sum += word;
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        sum = (sum & 0xffff) + (sum >>> 16);
        return (int) (sum + file.length);
    }

    /** Where the checksum field is: 64 bytes into the optional header (PE32 and PE32+ alike). */
    public static int checksumOffset(String origin, byte[] file, int peOffset) {
        int offset = peOffset + 4 + COFF_HEADER_SIZE + CHECKSUM_OFFSET_IN_OPTIONAL_HEADER;
        int optionalSize = u16(file, peOffset + 4 + 16);
        if (optionalSize < CHECKSUM_OFFSET_IN_OPTIONAL_HEADER + 4 || offset + 4 > file.length) {
            throw new IllegalArgumentException(origin + ": the optional header is too short for a checksum");
        }
        return offset;
    }

    /** The offset of the "PE\0\0" signature, checked. */
    public static int peOffset(String origin, byte[] file) {
        if (file.length < OFFSET + LENGTH || file[0] != 'M' || file[1] != 'Z') {
            throw new IllegalArgumentException(origin + " is not a PE file (no MZ header)");
        }
        long peOffset = Integer.toUnsignedLong(ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getInt(E_LFANEW));
        if (peOffset + 4 + COFF_HEADER_SIZE > file.length) {
            throw new IllegalArgumentException(origin + ": the PE header offset 0x" + Long.toHexString(peOffset)
                    + " lies outside the file");
        }
        if (ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getInt((int) peOffset) != PE_SIGNATURE) {
            throw new IllegalArgumentException(origin + " is not a PE file (no PE signature at 0x"
                    + Long.toHexString(peOffset) + ")");
        }
        return (int) peOffset;
    }

    /** The COFF machine field (0x8664 for x86_64). */
    public static int machine(String origin, byte[] file) {
        return u16(file, peOffset(origin, file) + 4);
    }

    private static int u16(byte[] b, int offset) {
        return (b[offset] & 0xff) | (b[offset + 1] & 0xff) << 8;
    }
}
