package dev.winelib.toolchain.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What identifies a file's content without reading it: device and inode, size, modification time and
 * status-change time (ctime), the times to the nanosecond. Any write to a file changes its ctime, which
 * no program can set back, so a file whose status is unchanged has the content it had: an edit, a
 * checkout or a copy over it changes the status even when it keeps the size and modification time.
 * A status is trusted only once the file has {@linkplain #isSettled settled}.
 *
 * @param device the device the file is on
 * @param inode its inode on that device
 * @param size its size in bytes
 * @param modified its modification time
 * @param changed its status-change time
 */
public record FileStatus(Object device, Object inode, long size, FileTime modified, FileTime changed) {

    /**
     * How old a file's last change must be for its status to stand for its content: a file changed
     * more recently could still be written to within the same tick of the file system's clock.
     */
    public static final Duration SETTLE = Duration.ofSeconds(2);

    private static final String ATTRIBUTES = "unix:dev,ino,size,lastModifiedTime,ctime,isRegularFile";

    /** The status of a regular file; empty when {@code file} does not exist or is no regular file. */
    public static Optional<FileStatus> ofRegularFile(Path file) throws IOException {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(file, ATTRIBUTES);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!Boolean.TRUE.equals(a.get("isRegularFile"))) {
            return Optional.empty();
        }
        return Optional.of(new FileStatus(a.get("dev"), a.get("ino"), (Long) a.get("size"),
                (FileTime) a.get("lastModifiedTime"), (FileTime) a.get("ctime")));
    }

    // equals and hashCode written out: a record's generated ones are linked through method handles on
    // their first use, which costs every build that compares a status (a few milliseconds in a fresh JVM)
    @Override
    public boolean equals(Object o) {
        return o instanceof FileStatus s && s.size == size && java.util.Objects.equals(s.device, device)
                && java.util.Objects.equals(s.inode, inode) && java.util.Objects.equals(s.modified, modified)
                && java.util.Objects.equals(s.changed, changed);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(device, inode, size, modified, changed);
    }

    /** Whether the file's last change is at least {@link #SETTLE} before {@code now}. */
    public boolean isSettled(Instant now) {
        return changed.toInstant().isBefore(now.minus(SETTLE));
    }

    /** The status as one line of text without spaces, for a record kept in a file. */
    public String text() {
        return device + ":" + inode + ":" + size + ":" + nanos(modified) + ":" + nanos(changed);
    }

    private static String nanos(FileTime time) {
        Instant i = time.toInstant();
        return i.getEpochSecond() + "." + i.getNano();
    }
}
