package dev.winelib.spec;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The one way input files are read: only regular files (a FIFO or device would block or never end),
 * and at most {@link #LIMIT} bytes, so that an oversized or endless input gives an error that names
 * the file rather than running out of memory.
 */
public final class InputFiles {

    /** The largest input read: 256 MiB, far more than any spec, object or resource file needs. */
    public static final long LIMIT = 256L << 20;
    /** The largest ELF or PE file read whole: 1 GiB. */
    public static final long BINARY_LIMIT = 1L << 30;

    private InputFiles() {
    }

    /**
     * The content of {@code file}.
     *
     * @throws NoSuchFileException when it does not exist
     * @throws FileSystemException naming the file, when it is not a regular file or larger than {@link #LIMIT}
     */
    public static byte[] readAll(Path file) throws IOException {
        return readAll(file, LIMIT);
    }

    /**
     * {@link #readAll(Path)} with a different limit: {@link #BINARY_LIMIT} for linked modules and
     * objects, which debug information can make large.
     */
    public static byte[] readAll(Path file, long limit) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        if (Files.isDirectory(file)) {
            throw new FileSystemException(file.toString(), null, "is a directory; give a file");
        }
        if (!Files.isRegularFile(file)) {
            throw new FileSystemException(file.toString(), null,
                    "is not a regular file (a FIFO, socket or device); give a file, or save the input to one first");
        }
        if (Files.size(file) > limit) {
            throw tooLarge(file, limit);
        }
        byte[] bytes = readWhole(file);
        if (bytes.length > limit) {
            throw tooLarge(file, limit);
        }
        return bytes;
    }

    /** How much of a file one read asks for. */
    private static final int SLICE = 1 << 18;

    /**
     * The file's bytes, read into an array of its size (a stream would gather chunks and copy them: a linked
     * module can be tens of megabytes) a slice at a time: the JDK reads a heap array through a native
     * buffer of the read's size, which for the whole file at once is as large as the file and new memory
     * each time (reading a 7.7 MB module so took twice the time).
     */
    private static byte[] readWhole(Path file) throws IOException {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 8) {
                return Files.readAllBytes(file); // fails as it does for such a file
            }
            byte[] bytes = new byte[(int) size];
            int filled = 0;
            while (filled < bytes.length) {
                int n = channel.read(java.nio.ByteBuffer.wrap(bytes, filled, Math.min(SLICE, bytes.length - filled)));
                if (n < 0) {
                    return java.util.Arrays.copyOf(bytes, filled); // the file shrank while it was read
                }
                filled += n;
            }
            if (channel.read(java.nio.ByteBuffer.allocate(1)) >= 0) {
                return Files.readAllBytes(file); // the file grew while it was read: read it whole again
            }
            return bytes;
        }
    }

    private static FileSystemException tooLarge(Path file, long limit) {
        return new FileSystemException(file.toString(), null, "is larger than " + (limit >> 20)
                + " MiB, more than any input winebuild-j reads; check that this is the right file");
    }
}
