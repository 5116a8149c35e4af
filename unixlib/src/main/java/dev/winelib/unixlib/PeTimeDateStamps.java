package dev.winelib.unixlib;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.OptionalInt;

import dev.winelib.toolchain.build.OutputTimestamp;
import dev.winelib.toolchain.pe.PeFile;
import dev.winelib.toolchain.pe.PeFileReader;
import dev.winelib.toolchain.pe.PeFormatException;
import dev.winelib.toolchain.pe.PeHeader;

/**
 * Writes a configured time into a linked PE DLL, for reproducible builds: the TimeDateStamp of the
 * COFF file header and, when the DLL has one, of the export directory. The PE checksum is then
 * recomputed so the headers stay consistent. (mingw's ld, run with {@code --no-insert-timestamp},
 * leaves both fields 0.)
 */
public final class PeTimeDateStamps {

    /** FileHeader.TimeDateStamp: after the "PE\0\0" signature, Machine and NumberOfSections. */
    private static final int FILE_HEADER_STAMP = 4 + 2 + 2;
    /** IMAGE_EXPORT_DIRECTORY.TimeDateStamp: after Characteristics. */
    private static final int EXPORT_DIRECTORY_STAMP = 4;
    /** IMAGE_EXPORT_DIRECTORY's size. */
    private static final int EXPORT_DIRECTORY_SIZE = 40;
    private static final int EXPORT = 0;

    private PeTimeDateStamps() {
    }

    /**
     * A copy of a PE file with {@code time} as its TimeDateStamps and its checksum recomputed.
     *
     * @param origin the file's name, for messages
     * @throws IllegalArgumentException when the file is not a PE file, or its export directory lies
     *     outside the file's section data
     */
    public static byte[] apply(String origin, byte[] file, OutputTimestamp time) {
        int peOffset = BuiltinMarker.peOffset(origin, file);
        OptionalInt exportDirectory = exportDirectoryOffset(origin, file);
        byte[] stamped = file.clone();
        ByteBuffer b = ByteBuffer.wrap(stamped).order(ByteOrder.LITTLE_ENDIAN);
        int seconds = (int) time.seconds();
        b.putInt(peOffset + FILE_HEADER_STAMP, seconds);
        exportDirectory.ifPresent(at -> b.putInt(at + EXPORT_DIRECTORY_STAMP, seconds));
        int checksumOffset = BuiltinMarker.checksumOffset(origin, stamped, peOffset);
        b.putInt(checksumOffset, BuiltinMarker.checksum(stamped, checksumOffset));
        return stamped;
    }

    /**
     * Where the export directory ({@code IMAGE_EXPORT_DIRECTORY}) lies in the file, if the DLL has
     * one.
     *
     * @throws IllegalArgumentException when the file is not a PE file or the directory is not
     *     wholly in the file data of one section
     */
    public static OptionalInt exportDirectoryOffset(String origin, byte[] file) {
        PeFile pe;
        try {
            pe = PeFileReader.parse(origin, file);
        } catch (PeFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        PeHeader.Directory exports = pe.header().directories().get(EXPORT);
        if (exports.rva() == 0) {
            return OptionalInt.empty();
        }
        for (PeFile.Section s : pe.sections()) {
            long start = exports.rva() - s.virtualAddress();
            if (exports.rva() >= s.virtualAddress() && start + EXPORT_DIRECTORY_SIZE <= s.rawSize()
                    && s.rawOffset() + start + EXPORT_DIRECTORY_SIZE <= file.length) {
                return OptionalInt.of((int) (s.rawOffset() + start));
            }
        }
        throw new IllegalArgumentException(origin + ": the export directory (RVA 0x" + Long.toHexString(exports.rva())
                + ") is not in the file data of any section");
    }
}
