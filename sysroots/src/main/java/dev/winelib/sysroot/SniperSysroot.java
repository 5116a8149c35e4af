package dev.winelib.sysroot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The 'sniper' sysroot provisioned from Debian 11 (bullseye), the base of Steam Runtime 3
 * 'sniper': glibc 2.31, gcc 10's start files, libgcc and libstdc++. The packages are downloaded once with a
 * private apt state (apt checks Debian's signed release and every package's checksum) and
 * assembled into the sysroot cache under a key made of the packages' checksums; later builds use
 * the cached tree without any network access.
 */
public final class SniperSysroot {

    /**
     * What a C and C++ sysroot needs: the C library and its headers, kernel headers, libgcc, crypt,
     * and gcc 10's libstdc++ (headers, {@code libstdc++.a} built against glibc 2.31, and
     * {@code libstdc++.so.6} for modules that link it dynamically).
     */
    public static final List<String> PACKAGES = List.of("libc6", "libc6-dev", "linux-libc-dev", "libgcc-10-dev",
            "libgcc-s1", "libcrypt1", "libcrypt-dev", "libstdc++-10-dev", "libstdc++6");
    static final String SUITE = "bullseye";
    static final String MIRROR = "http://deb.debian.org/debian";
    /**
     * The file naming the cache key of the current tree; its name depends on the package list, so
     * that a cache provisioned with another list is not taken for this one.
     */
    static final String CURRENT = "sniper-" + packageListKey() + ".current";
    static final String KEY_PREFIX = "sniper-debian11-";
    private static final String PROVISION_LOCK = "sniper-provision";
    private static final Pattern KEY = Pattern.compile("sniper-debian11-[0-9a-f]{24}");

    private SniperSysroot() {
    }

    /** The tree, provisioned on first use. */
    public static Path provision(SysrootCache cache) throws SysrootException {
        return provision(cache, message -> { });
    }

    /**
     * The tree: the cached one when it passes the cache's reuse check, otherwise provisioned now
     * (reporting progress to {@code log}). Concurrent callers, in this JVM or in other processes,
     * wait for one another: the packages are downloaded once.
     */
    public static Path provision(SysrootCache cache, Consumer<String> log) throws SysrootException {
        Optional<Path> cached = current(cache);
        if (cached.isPresent()) {
            return cached.get();
        }
        return cache.underLock(PROVISION_LOCK, () -> {
            Optional<Path> again = current(cache);
            if (again.isPresent()) {
                return again.get();
            }
            return download(cache, log);
        });
    }

    /** The cached tree the pointer names, if it is still intact. */
    static Optional<Path> current(SysrootCache cache) throws SysrootException {
        Optional<String> key = currentKey(cache);
        return key.isPresent() ? cache.reuse(key.get()) : Optional.empty();
    }

    /** The tree the pointer names, without checking or repairing it, if there is one. */
    public static Optional<Path> existingTree(SysrootCache cache) {
        return currentKey(cache).flatMap(cache::existingTree);
    }

    private static Optional<String> currentKey(SysrootCache cache) {
        Path pointer = cache.root().resolve(CURRENT);
        String key;
        try {
            if (!Files.isRegularFile(pointer)) {
                return Optional.empty();
            }
            key = Files.readString(pointer, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return Optional.empty();
        }
        return KEY.matcher(key).matches() ? Optional.of(key) : Optional.empty();
    }

    private static Path download(SysrootCache cache, Consumer<String> log) throws IOException, SysrootException {
        log.accept("provisioning the 'sniper' sysroot (Debian 11 '" + SUITE + "', glibc 2.31) in " + cache.root()
                + ": downloading " + String.join(" ", PACKAGES) + " from " + MIRROR + "; later builds use the cache");
        Path work = Files.createTempDirectory(cache.root(), ".sniper-download-");
        try {
            List<Path> debs = new DebianPackageDownloader(cache.root().resolve(".apt-" + SUITE), SUITE, MIRROR)
                    .download(PACKAGES, work);
            MessageDigest key = sha256();
            List<ArchiveSource> parts = new ArrayList<>();
            for (Path deb : debs) {
                key.update(deb.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                key.update(sha256().digest(Files.readAllBytes(deb)));
                parts.add(ArchiveSource.of(deb.getFileName().toString(), () -> {
                    try {
                        return DebianPackage.dataTar(deb);
                    } catch (SysrootException e) {
                        throw new IOException(e.getMessage(), e);
                    }
                }));
            }
            String id = KEY_PREFIX + HexFormat.of().formatHex(key.digest(), 0, 12);
            Path tree = cache.assemble(id, parts);
            Path tmp = Files.createTempFile(cache.root(), ".sniper.current", ".tmp");
            Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, cache.root().resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            log.accept("provisioned the 'sniper' sysroot: " + tree);
            return tree;
        } finally {
            deleteTree(work);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String packageListKey() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", PACKAGES).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
