package dev.winelib.sysroot;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The result of one scan of a sysroot tree for absolute symlinks (the view's key), kept next to the views
 * with the status of every directory the scan read, so that a build whose tree did not change need not
 * walk it again.
 *
 * <p>Why the statuses are enough: a symlink cannot be changed in place, only made, removed or replaced
 * (by {@code ln -sf} or a rename), and each of these changes the directory that holds it, as does a file
 * added to or removed from a directory the view mirrors. A directory's device, inode, modification and
 * change times therefore all stay the same only while its entries do. Each directory's status is taken
 * before its entries are read, so a change made during the scan is seen by the next build. A status
 * younger than {@link #RACY_MARGIN_MILLIS} when the scan starts is not kept (a change in the same clock
 * tick would leave the times as they are), nor is a scan that could not read some directory.
 *
 * @param viewKey the view's name under the views directory, or empty when the tree has no absolute link
 * @param directories the status of every directory of the tree, the root first
 */
record KeptSysrootScan(String viewKey, List<DirectoryStatus> directories) {

    /** How old every directory's times must be when the scan starts for its result to be kept. */
    static final long RACY_MARGIN_MILLIS = 2_000;

    private static final String MAGIC = "winebuild-j sysroot scan 1";
    private static final String END = "end";
    private static final String STATUS_ATTRIBUTES = "unix:dev,ino,lastModifiedTime,ctime";

    /**
     * The status of one directory of the tree.
     *
     * @param path the directory, relative to the root ({@code ""} for the root)
     */
    record DirectoryStatus(String path, long device, long inode, long modifiedNanos, long changedNanos) {

        /** The directory's status now, not following a link. */
        static DirectoryStatus of(Path root, String path) throws IOException {
            Path dir = path.isEmpty() ? root : root.resolve(path);
            Map<String, Object> a = Files.readAttributes(dir, STATUS_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            return new DirectoryStatus(path, (Long) a.get("dev"), (Long) a.get("ino"),
                    ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS),
                    ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS));
        }

        /**
         * The same directory with the same times (a comparison of its own: a record's generated
         * {@code equals} is linked on first use, which costs a cold JVM more than the whole check).
         */
        boolean sameAs(DirectoryStatus other) {
            return path.equals(other.path) && device == other.device && inode == other.inode
                    && modifiedNanos == other.modifiedNanos && changedNanos == other.changedNanos;
        }

        boolean olderThan(long millis) {
            long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
            return modifiedNanos < nanos && changedNanos < nanos;
        }
    }

    /**
     * Where the scan of {@code root} is kept: a file under {@code viewsDirectory} named by the hash of the
     * root's path. The file holds the path too and is only used for that root, so two roots with the same
     * hash only take turns at being scanned. (No SHA-256 here: its first use costs a cold JVM ~25 ms.)
     */
    static Path fileFor(Path viewsDirectory, Path root) {
        String path = root.toString();
        return viewsDirectory.resolve(".scan-" + Integer.toHexString(path.hashCode()) + "-" + path.length());
    }

    /**
     * The view key kept for {@code root} if every directory it lists has the same status now; null when the
     * file is missing, damaged, for another root, or the tree changed (the caller then scans again).
     */
    static String unchangedViewKey(Path file, Path root) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (!MAGIC.equals(in.readUTF()) || !root.toString().equals(in.readUTF())) {
                return null;
            }
            String key = in.readUTF();
            int count = in.readInt();
            if (count < 1 || count > 10_000_000) {
                return null;
            }
            List<DirectoryStatus> kept = new ArrayList<>(Math.min(count, 4096));
            for (int i = 0; i < count; i++) {
                kept.add(new DirectoryStatus(in.readUTF(), in.readLong(), in.readLong(), in.readLong(), in.readLong()));
            }
            if (!END.equals(in.readUTF()) || in.read() != -1) {
                return null;
            }
            for (DirectoryStatus status : kept) {
                if (!status.sameAs(DirectoryStatus.of(root, status.path()))) {
                    return null;
                }
            }
            return key;
        } catch (IOException | RuntimeException e) {
            // damaged, unreadable or a directory gone: scan again
            return null;
        }
    }

    /**
     * Keeps this scan in {@code file} (written under a temporary name and renamed into place) unless a
     * directory changed too shortly before {@code scanStartMillis} to be trusted; a failure to write only
     * means the next build scans again.
     */
    void keep(Path file, Path root, long scanStartMillis) {
        long trustedBefore = scanStartMillis - RACY_MARGIN_MILLIS;
        for (DirectoryStatus status : directories) {
            if (!status.olderThan(trustedBefore)) {
                return;
            }
        }
        Path temporary = null;
        try {
            Files.createDirectories(file.getParent());
            temporary = Files.createTempFile(file.getParent(), ".scan-", ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary)))) {
                out.writeUTF(MAGIC);
                out.writeUTF(root.toString());
                out.writeUTF(viewKey);
                out.writeInt(directories.size());
                for (DirectoryStatus s : directories) {
                    out.writeUTF(s.path());
                    out.writeLong(s.device());
                    out.writeLong(s.inode());
                    out.writeLong(s.modifiedNanos());
                    out.writeLong(s.changedNanos());
                }
                out.writeUTF(END);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // not kept; the next build scans again
            }
        } catch (IOException | RuntimeException e) {
            // not kept; the next build scans again
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    // a stray temporary file in the cache; harmless
                }
            }
        }
    }
}
