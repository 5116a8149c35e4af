package dev.winelib.toolchain.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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

    private static String sha256(Path key, FileStatus before) throws IOException {
        Remembered known = MEMO.get(key);
        if (known != null && known.status().equals(before)) {
            return known.sha256();
        }
        String sha = hash(key);
        if (before.isSettled(Instant.now()) && FileStatus.ofRegularFile(key).equals(Optional.of(before))) {
            if (MEMO.size() >= LIMIT) {
                MEMO.clear();
            }
            MEMO.put(key, new Remembered(before, sha));
        }
        return sha;
    }

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
