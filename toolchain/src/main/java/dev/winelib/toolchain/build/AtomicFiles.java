package dev.winelib.toolchain.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes files under a temporary name in the same directory and renames them into place. */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> READABLE =
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");

    /**
     * A temporary sibling of {@code target}, for a tool to write into before {@link #commit}. It is
     * readable by all (rw-r--r--), as a file made by a compiler would be.
     */
    public static Path temporarySibling(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, READABLE);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the default
        }
        return tmp;
    }

    /** Renames a finished temporary file over the target. */
    public static void commit(Path temporary, Path target) throws IOException {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public static void write(Path target, byte[] content) throws IOException {
        Path tmp = temporarySibling(target);
        try {
            Files.write(tmp, content);
            commit(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes only when the content differs, so unchanged files keep their identity for later steps. */
    public static boolean writeIfChanged(Path target, byte[] content) throws IOException {
        if (Files.isRegularFile(target) && java.util.Arrays.equals(Files.readAllBytes(target), content)) {
            return false;
        }
        write(target, content);
        return true;
    }

    /** Deletes a file if it exists, ignoring failures: for cleaning up after a failure that matters more. */
    public static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // nothing more can be done; the failure being reported matters more
        }
    }

    /** {@link #deleteQuietly(Path)} for each file. */
    public static void deleteQuietly(java.util.Collection<Path> files) {
        files.forEach(AtomicFiles::deleteQuietly);
    }
}
