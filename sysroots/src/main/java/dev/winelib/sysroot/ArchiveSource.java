package dev.winelib.sysroot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A tar stream to unpack, plain or compressed (gzip, xz, bzip2; recognised by its first bytes),
 * for example the {@code data.tar.*} member of a Debian package.
 *
 * @param name how messages and the tree's metadata name it (e.g. {@code libc6_2.31-13_amd64.deb})
 * @param opener opens the stream; it is opened once and closed by the unpacker
 */
public record ArchiveSource(String name, Opener opener) {

    /** Opens the stream of an {@link ArchiveSource}. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    public ArchiveSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(opener, "opener");
    }

    /** A tar file, compressed or not, named by its path. */
    public static ArchiveSource of(Path file) {
        return new ArchiveSource(file.toString(), () -> Files.newInputStream(file));
    }

    public static ArchiveSource of(String name, Opener opener) {
        return new ArchiveSource(name, opener);
    }
}
