package dev.winelib.sysroot.debian;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

import dev.winelib.sysroot.SysrootException;

/** A Debian binary package: an {@code ar} archive whose {@code data.tar.*} member holds the files. */
public final class DebianPackage {

    /** xz -9 needs 65 MiB to decompress; a header asking for more than this is refused. */
    private static final int XZ_MEMORY_LIMIT_KIB = 256 * 1024;

    private DebianPackage() {
    }

    /**
     * The package's files as an uncompressed tar stream (data.tar, .gz, .xz, .zst is refused). The
     * caller closes it, which closes the package file.
     */
    public static InputStream dataTar(Path deb) throws SysrootException {
        InputStream file = null;
        try {
            file = new BufferedInputStream(Files.newInputStream(deb));
            ArArchiveInputStream ar = new ArArchiveInputStream(file);
            ArArchiveEntry entry;
            while ((entry = ar.getNextEntry()) != null) {
                String name = entry.getName();
                if (!name.startsWith("data.tar")) {
                    continue;
                }
                if (name.equals("data.tar")) {
                    return ar;
                }
                try {
                    return new CompressorStreamFactory(false, XZ_MEMORY_LIMIT_KIB).createCompressorInputStream(
                            new BufferedInputStream(ar));
                } catch (CompressorException e) {
                    throw new SysrootException(deb + ": cannot decompress " + name + ": " + e.getMessage(), e);
                }
            }
            throw new SysrootException(deb + " is not a Debian package: it has no data.tar member");
        } catch (IOException e) {
            closeQuietly(file);
            throw new SysrootException(deb + " cannot be read as a Debian package: " + e.getMessage(), e);
        } catch (SysrootException e) {
            closeQuietly(file);
            throw e;
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // already failing
            }
        }
    }
}
