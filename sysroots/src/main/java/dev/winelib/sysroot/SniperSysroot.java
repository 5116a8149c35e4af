package dev.winelib.sysroot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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
     * The file naming the current tree; its name depends on the package list, so that a cache
     * provisioned with another list is not taken for this one.
     */
    private static final String CURRENT = "sniper-" + packageListKey() + ".current";

    private SniperSysroot() {
    }

    /** The tree, provisioned on first use. */
    public static Path provision(SysrootCache cache) throws SysrootException {
        Path pointer = cache.root().resolve(CURRENT);
        try {
            if (Files.isRegularFile(pointer)) {
                Path tree = Path.of(Files.readString(pointer, StandardCharsets.UTF_8).trim());
                if (Files.isDirectory(tree) && Files.isRegularFile(tree.resolveSibling(".complete"))) {
                    return tree;
                }
            }
            Files.createDirectories(cache.root());
            Path work = Files.createTempDirectory(cache.root(), ".sniper-download-");
            try {
                List<Path> debs = new DebianPackageDownloader(cache.root().resolve(".apt-" + SUITE), SUITE, MIRROR)
                        .download(PACKAGES, work);
                MessageDigest key = MessageDigest.getInstance("SHA-256");
                List<ArchiveSource> parts = new ArrayList<>();
                for (Path deb : debs) {
                    key.update(deb.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                    key.update(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(deb)));
                    parts.add(ArchiveSource.of(deb.getFileName().toString(), () -> {
                        try {
                            return DebianPackage.dataTar(deb);
                        } catch (SysrootException e) {
                            throw new IOException(e.getMessage(), e);
                        }
                    }));
                }
                String id = "sniper-debian11-" + HexFormat.of().formatHex(key.digest(), 0, 12);
                Path tree = cache.assemble(id, parts);
                Path tmp = Files.createTempFile(cache.root(), ".sniper.current", ".tmp");
                Files.writeString(tmp, tree.toString() + "\n", StandardCharsets.UTF_8);
                Files.move(tmp, pointer, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return tree;
            } finally {
                deleteTree(work);
            }
        } catch (IOException e) {
            throw new SysrootException("cannot provision the 'sniper' sysroot in " + cache.root() + ": "
                    + e.getMessage(), e);
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
