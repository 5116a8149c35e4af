package dev.winelib.toolchain.build;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes files under a temporary name in the same directory and renames them into place: the one way
 * outputs are written. A directory is never replaced; a device or FIFO target is written through.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> READABLE =
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");

    /**
     * A temporary file for a tool to write into before {@link #commit}: a sibling of {@code target}
     * (of the file a symbolic link names), so that the rename is atomic. When the target is a device,
     * a FIFO or a link to one ({@code /dev/null}, {@code /dev/stdout}), the file is made in the system's
     * temporary directory instead, and {@link #commit} writes its content through. It is readable by
     * all (rw-r--r--), as a file made by a compiler would be.
     *
     * @throws FileSystemException when the target is a directory: nothing may replace it
     */
    public static Path temporarySibling(Path target) throws IOException {
        Path tmp;
        if (isWrittenThrough(target)) {
            tmp = Files.createTempFile("winebuild-j-" + safeName(target) + ".", ".tmp");
        } else {
            Path real = placeOf(target);
            Path dir = real.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            tmp = createSibling(dir, "." + real.getFileName() + ".");
        }
        try {
            Files.setPosixFilePermissions(tmp, READABLE);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the default
        }
        TemporaryFiles.register(tmp);
        return tmp;
    }

    /** Names of temporary files made by this process: {@code PREFIX + PID-COUNT.tmp}. */
    private static final java.util.concurrent.atomic.AtomicLong COUNT = new java.util.concurrent.atomic.AtomicLong(
            System.nanoTime() & 0xffffff);

    /**
     * A new empty file {@code PREFIX PID-N.tmp} in {@code dir}, made exclusively (a file or a link already
     * there is never opened). The name needs no randomness: the directory is the output's own, and the
     * exclusive creation is what makes it safe. Unlike {@link Files#createTempFile}, it does not start the
     * JVM's random number generator and security providers, which would cost every short run tens of
     * milliseconds.
     */
    private static Path createSibling(Path dir, String prefix) throws IOException {
        String pid = processId();
        for (int attempt = 0; ; attempt++) {
            Path candidate = dir.resolve(prefix + pid + "-" + COUNT.incrementAndGet() + ".tmp");
            try {
                return Files.createFile(candidate);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    /**
     * This process's id, from the link {@code /proc/self} where there is one: {@code ProcessHandle.current()}
     * sets up the JDK's process reaper (a thread pool and its lambdas), a cost every short run would pay
     * for a name. The id only makes the name unlikely to be taken; the exclusive creation makes it safe.
     */
    private static String processId() {
        try {
            String self = Files.readSymbolicLink(Path.of("/proc/self")).toString();
            if (!self.isEmpty() && isDigits(self)) {
                return self;
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // no /proc: ask the JDK
        }
        return Long.toString(ProcessHandle.current().pid());
    }

    private static boolean isDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Puts a finished temporary file in place: renamed over the target (over the file a symbolic link
     * names, so the link stays), or, for a device or FIFO, its content written through.
     */
    public static void commit(Path temporary, Path target) throws IOException {
        if (isWrittenThrough(target)) {
            try (var in = Files.newInputStream(temporary);
                    var out = Files.newOutputStream(target, StandardOpenOption.WRITE)) {
                in.transferTo(out);
            }
            Files.deleteIfExists(temporary);
            TemporaryFiles.release(temporary);
            return;
        }
        Files.move(temporary, placeOf(target), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        TemporaryFiles.release(temporary);
    }

    /**
     * Whether {@code target} exists and is not a regular file or a directory (a character device, a
     * FIFO, a socket, or a link to one), so that an output is written into it rather than replacing it.
     * A directory is refused.
     */
    public static boolean isWrittenThrough(Path target) throws IOException {
        if (Files.isDirectory(target)) {
            throw new FileSystemException(target.toString(), null,
                    "is a directory; name a file for the output");
        }
        return Files.exists(target) && !Files.isRegularFile(target);
    }

    /** The file a rename must replace: the one a symbolic link names, so the link stays a link. */
    private static Path placeOf(Path target) throws IOException {
        if (Files.isSymbolicLink(target) && Files.isRegularFile(target)) {
            return target.toRealPath();
        }
        return target;
    }

    private static String safeName(Path target) {
        Path name = target.getFileName();
        return name == null ? "output" : name.toString().replaceAll("[^A-Za-z0-9._-]", "_");
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

    /** Puts a copy of {@code source} (say a tool's output in a work directory) at {@code target}, atomically. */
    public static void copy(Path source, Path target) throws IOException {
        Path tmp = temporarySibling(target);
        try {
            Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
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

    /**
     * The lines after the first of a file kept by an earlier build, when that first line is
     * {@code header}; empty when the file is missing, unreadable or of another kind.
     */
    public static List<String> keptLines(Path file, String header) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
        if (lines.isEmpty() || !lines.get(0).equals(header)) {
            return List.of();
        }
        return lines.subList(1, lines.size());
    }
}
