package dev.winelib.toolchain.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The SHA-256 of files, each file read once as long as it is unchanged: a header that 500 sources
 * include is hashed once per build (and once per JVM while it stays the same), not 500 times.
 *
 * <p>A remembered hash is used only while the file's {@link FileStatus} (device and inode, size,
 * modification and status-change time) is what it was when it was hashed, so an edit, a checkout or a
 * copy over the file is always hashed again. A file that has not {@linkplain FileStatus#isSettled
 * settled} is hashed every time and not remembered.
 */
public final class ContentHashes {

    /** How old a file's last change must be for its hash to be remembered. */
    static final Duration SETTLE = FileStatus.SETTLE;
    /** Beyond this many remembered files (a long-running JVM), the memo starts afresh. */
    private static final int LIMIT = 200_000;

    private record Remembered(FileStatus status, String sha256) {
    }

    private static final Map<Path, Remembered> MEMO = new ConcurrentHashMap<>();
    /** The files asked about in this JVM: only their hashes are kept ({@link #keep}). */
    private static final java.util.Set<Path> USED = ConcurrentHashMap.newKeySet();

    private ContentHashes() {
    }

    /** The SHA-256 of {@code file}'s content, in lower-case hex. */
    public static String sha256(Path file) throws IOException {
        return sha256IfRegularFile(file).orElseThrow(() -> new IOException(file + ": not a regular file"));
    }

    /** The SHA-256 of {@code file}'s content; empty when it does not exist or is no regular file. */
    public static Optional<String> sha256IfRegularFile(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        Optional<FileStatus> status = FileStatus.ofRegularFile(key);
        return status.isEmpty() ? Optional.empty() : Optional.of(sha256(key, status.get()));
    }

    /** A file's content hash and the status it had when its hash was taken. */
    public record Hashed(FileStatus status, String sha256) {
    }

    /**
     * The SHA-256 of {@code file}'s content with the file's status before it was taken; empty when it does not
     * exist or is no regular file.
     */
    public static Optional<Hashed> hashedIfRegularFile(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        Optional<FileStatus> status = FileStatus.ofRegularFile(key);
        return status.isEmpty() ? Optional.empty() : Optional.of(new Hashed(status.get(), sha256(key, status.get())));
    }

    private static String sha256(Path key, FileStatus before) throws IOException {
        USED.add(key);
        Remembered known = MEMO.get(key);
        if (known != null && known.status().equals(before)) {
            return known.sha256();
        }
        String sha = hash(key);
        if (before.isSettled(Instant.now()) && FileStatus.ofRegularFile(key).equals(Optional.of(before))) {
            if (MEMO.size() >= LIMIT) {
                MEMO.clear();
                USED.clear();
            }
            MEMO.put(key, new Remembered(before, sha));
        }
        return sha;
    }

    /**
     * Remembers the hashes kept in {@code file} by {@link #keep} (a build's earlier run): a file whose
     * status is still the one recorded there is not read again. A file that cannot be read is ignored.
     */
    public static void recall(Path file) {
        for (String line : AtomicFiles.keptLines(file, KEPT_HEADER)) {
            // DEV INODE SIZE MODIFIED CHANGED SHA256 PATH (times in nanoseconds)
            String[] f = line.split(" ", 7);
            if (f.length != 7 || f[5].length() != 64) {
                continue;
            }
            try {
                FileStatus status = new FileStatus(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                        FileTime.from(Long.parseLong(f[3]), TimeUnit.NANOSECONDS),
                        FileTime.from(Long.parseLong(f[4]), TimeUnit.NANOSECONDS));
                MEMO.putIfAbsent(Path.of(f[6]), new Remembered(status, f[5]));
            } catch (IllegalArgumentException e) {
                // a damaged line: that file is read again
            }
        }
    }

    /** Keeps the remembered hashes of the files asked about in {@code file} for {@link #recall} (atomically). */
    public static void keep(Path file) throws IOException {
        StringBuilder b = new StringBuilder(KEPT_HEADER).append('\n');
        for (Map.Entry<Path, Remembered> e : new java.util.TreeMap<>(MEMO).entrySet()) {
            if (!USED.contains(e.getKey())) {
                continue;
            }
            FileStatus s = e.getValue().status();
            String path = e.getKey().toString();
            if (!(s.device() instanceof Long) || !(s.inode() instanceof Long) || path.indexOf('\n') >= 0) {
                continue;
            }
            b.append(s.device()).append(' ').append(s.inode()).append(' ').append(s.size()).append(' ')
                    .append(s.modified().to(TimeUnit.NANOSECONDS)).append(' ')
                    .append(s.changed().to(TimeUnit.NANOSECONDS)).append(' ')
                    .append(e.getValue().sha256()).append(' ').append(path).append('\n');
        }
        AtomicFiles.writeIfChanged(file, b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Forgets every hash, as a new JVM would start (for tests). */
    static void forgetAll() {
        MEMO.clear();
        USED.clear();
    }

    private static final String KEPT_HEADER = "winebuild-j content hashes 1";

    private static String hash(Path file) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            try (InputStream in = Files.newInputStream(file)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    sha.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
