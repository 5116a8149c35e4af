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
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import dev.winelib.sysroot.debian.BinaryPackage;
import dev.winelib.sysroot.debian.DebianArchive;
import dev.winelib.sysroot.debian.DebianMirror;
import dev.winelib.sysroot.debian.DebianPackage;
import dev.winelib.sysroot.debian.PackageSelection;

/**
 * The 'sniper' sysroot provisioned from Debian 11 (bullseye), the base of Steam Runtime 3
 * 'sniper': glibc 2.31, gcc 10's start files, libgcc and libstdc++, plus any Debian 11 packages
 * the project asks for (e.g. {@code libpulse-dev}) with what they depend on.
 *
 * <p>Provisioning needs no apt or dpkg: {@link DebianArchive} fetches the suites' signed
 * {@code InRelease} files, checks them against Debian's archive keys, takes the package indices and
 * {@code .deb} files they vouch for, and the {@code data.tar} of each package is unpacked by the
 * cache's safe unpacker. The tree is kept in the sysroot cache under a key made of the selected
 * packages' names, versions and checksums; a pointer file per requested package list
 * ({@code sniper-HASH.current}) lets later builds use it without any network access.
 */
public final class SniperSysroot {

    /**
     * What a C and C++ sysroot needs: the C library and its headers, kernel headers, libgcc, crypt,
     * and gcc 10's libstdc++ (headers, {@code libstdc++.a} built against glibc 2.31, and
     * {@code libstdc++.so.6} for modules that link it dynamically). Taken as they are, without
     * their own dependencies (those are programs such as {@code ldd}, NIS and sanitizer runtimes,
     * and documentation: nothing a plain link needs); a requested package that needs one gets it.
     */
    public static final List<String> PACKAGES = List.of("libc6", "libc6-dev", "linux-libc-dev", "libgcc-10-dev",
            "libgcc-s1", "libcrypt1", "libcrypt-dev", "libstdc++-10-dev", "libstdc++6");
    static final String SUITE = DebianMirror.SUITE;
    static final String KEY_PREFIX = "sniper-debian11-";
    /** The key prefix of the i386 trees. */
    static final String I386_KEY_PREFIX = "sniper-i386-debian11-";
    /** Below the cache root: verified Debian index files and packages, by sha256. */
    static final String DEBIAN_STORE = ".debian";
    private static final String PROVISION_LOCK = "sniper-provision";

    /** How to go on without provisioning; ends messages about network failures. */
    public static final String OFFLINE_ALTERNATIVES = "Give a sysroot instead (<sysroot>, -Dwinelib.sysroot=, CLI"
            + " --sysroot): the path of the Steam Runtime SDK archive (...sniper-sysroot.tar.gz) or of an unpacked"
            + " sysroot directory, Maven coordinates groupId:artifactId:version of a sysroot archive in your"
            + " repository, or 'host'; or provision it once on a machine with network access ('winebuild-j sysroot"
            + " fetch') and copy ~/.cache/winebuild-j/sysroots; or use another Debian mirror (<debianMirror>,"
            + " -Dwinelib.debianMirror=).";

    private SniperSysroot() {
    }

    /** The base tree, provisioned from deb.debian.org on first use. */
    public static Path provision(SysrootCache cache) throws SysrootException {
        return provision(cache, SysrootResolver.SILENT);
    }

    /** The base tree, provisioned from deb.debian.org on first use, reporting progress to {@code log}. */
    public static Path provision(SysrootCache cache, Consumer<String> log) throws SysrootException {
        return provision(cache, List.of(), DebianMirror.debian(), log);
    }

    /**
     * The tree of the base packages plus {@code extraPackages} (and their dependencies): the cached
     * one when it passes the cache's reuse check, otherwise provisioned now from {@code mirror}.
     * Concurrent callers, in this JVM or in other processes, wait for one another.
     *
     * @param extraPackages Debian 11 package names, e.g. {@code libpulse-dev}; order and repeats
     *     do not matter
     * @throws SysrootException for an unknown package (naming the closest known one), a
     *     dependency nothing satisfies, a download that fails (naming the URL and the ways to go on
     *     offline), or a file that fails verification (nothing of it is cached)
     */
    public static Path provision(SysrootCache cache, List<String> extraPackages, DebianMirror mirror,
            Consumer<String> log) throws SysrootException {
        return provision(cache, Architecture.X86_64, extraPackages, mirror, log);
    }

    /**
     * The tree of {@code architecture}: the base packages plus {@code extraPackages} (and their
     * dependencies), all of Debian architecture {@code amd64} or {@code i386} (and {@code all}).
     * The i386 tree has the multiarch directories {@code usr/lib/i386-linux-gnu},
     * {@code lib/i386-linux-gnu} and the loader {@code lib/ld-linux.so.2}; it is cached under its
     * own keys ({@code sniper-i386-debian11-...}), so both trees can be in one cache.
     *
     * @see #provision(SysrootCache, List, DebianMirror, Consumer)
     */
    public static Path provision(SysrootCache cache, Architecture architecture, List<String> extraPackages,
            DebianMirror mirror, Consumer<String> log) throws SysrootException {
        List<String> extras = normalize(extraPackages);
        Optional<Path> cached = current(cache, architecture, extras);
        if (cached.isPresent()) {
            return cached.get();
        }
        return cache.underLock(PROVISION_LOCK, () -> {
            Optional<Path> again = current(cache, architecture, extras);
            if (again.isPresent()) {
                return again.get();
            }
            return download(cache, architecture, extras, mirror, log);
        });
    }

    /**
     * Which packages the base set plus {@code extraPackages} resolve to, from the mirror's current
     * indices (downloads the indices, not the packages).
     */
    public static PackageSelection resolve(SysrootCache cache, List<String> extraPackages, DebianMirror mirror,
            Consumer<String> log) throws SysrootException {
        return resolve(cache, Architecture.X86_64, extraPackages, mirror, log);
    }

    /** Which packages of {@code architecture} the base set plus {@code extraPackages} resolve to. */
    public static PackageSelection resolve(SysrootCache cache, Architecture architecture, List<String> extraPackages,
            DebianMirror mirror, Consumer<String> log) throws SysrootException {
        DebianArchive archive = archive(cache, mirror, architecture, log);
        return PackageSelection.resolve(archive.packageIndex(), PACKAGES, normalize(extraPackages));
    }

    /** The Debian archive (amd64 packages) over this cache's store of verified downloads. */
    public static DebianArchive archive(SysrootCache cache, DebianMirror mirror, Consumer<String> log) {
        return archive(cache, mirror, Architecture.X86_64, log);
    }

    /** The Debian archive's packages of {@code architecture} over this cache's store of verified downloads. */
    public static DebianArchive archive(SysrootCache cache, DebianMirror mirror, Architecture architecture,
            Consumer<String> log) {
        return new DebianArchive(mirror, architecture, cache.root().resolve(DEBIAN_STORE), log, OFFLINE_ALTERNATIVES);
    }

    /** The base tree the pointer names, without checking or repairing it, if there is one. */
    public static Optional<Path> existingTree(SysrootCache cache) {
        return existingTree(cache, List.of());
    }

    /** The tree of base plus {@code extraPackages} the pointer names, not checked, if there is one. */
    public static Optional<Path> existingTree(SysrootCache cache, List<String> extraPackages) {
        return existingTree(cache, Architecture.X86_64, extraPackages);
    }

    /** The tree of {@code architecture}, base plus {@code extraPackages}, not checked, if there is one. */
    public static Optional<Path> existingTree(SysrootCache cache, Architecture architecture,
            List<String> extraPackages) {
        Optional<String> key = currentKey(cache, architecture, normalize(extraPackages));
        return key.isPresent() ? cache.existingTree(key.get()) : Optional.empty();
    }

    /**
     * The packages of a provisioned tree, {@code name=version} (trees provisioned by earlier
     * versions with apt list their {@code .deb} file names instead), or empty when {@code tree} is
     * not a tree of the cache.
     */
    public static List<String> packagesOf(SysrootCache cache, Path tree) throws SysrootException {
        for (CachedSysroot c : cache.list()) {
            if (c.tree().equals(tree.toAbsolutePath().normalize())) {
                return c.origin();
            }
        }
        return List.of();
    }

    /**
     * Sorted, without repeats, blanks and missing entries; an entry holding several names separated
     * by commas or white space ({@code "libpulse-dev, libsdl2-dev"}) gives each of them.
     */
    static List<String> normalize(List<String> packages) {
        if (packages == null) {
            return List.of();
        }
        // a loop rather than a stream (every build of the default sysroot comes here, and each lambda's call
        // site is linked on its first use, Java 17); the regular expression only when there are packages
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        for (String p : packages) {
            if (p != null) {
                for (String name : p.split("[,\\s]+")) {
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
            }
        }
        return List.copyOf(names);
    }

    /**
     * Whether {@code key} is a tree key of {@code architecture}: its prefix and 24 lower-case hex digits
     * (checked by hand: a pattern compiled at class initialisation costs every command-line run a few
     * milliseconds).
     */
    static boolean isKey(String key, Architecture architecture) {
        String prefix = keyPrefix(architecture);
        if (!key.startsWith(prefix) || key.length() != prefix.length() + 24) {
            return false;
        }
        for (int i = prefix.length(); i < key.length(); i++) {
            char c = key.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    /** The cached tree the pointer names, if it is still intact. */
    private static Optional<Path> current(SysrootCache cache, Architecture architecture, List<String> extras)
            throws SysrootException {
        Optional<String> key = currentKey(cache, architecture, extras);
        return key.isPresent() ? cache.reuse(key.get()) : Optional.empty();
    }

    private static Optional<String> currentKey(SysrootCache cache, Architecture architecture, List<String> extras) {
        Path pointer = cache.root().resolve(pointerName(architecture, extras));
        String key;
        try {
            if (!Files.isRegularFile(pointer)) {
                return Optional.empty();
            }
            key = Files.readString(pointer, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return Optional.empty();
        }
        return isKey(key, architecture) ? Optional.of(key) : Optional.empty();
    }

    /**
     * The file naming the cache key of the tree for a package list; its name depends on the list,
     * so a tree made for another list is not taken for this one. The base list alone keeps the
     * name earlier versions used.
     */
    static String pointerName(List<String> extras) {
        return pointerName(Architecture.X86_64, extras);
    }

    /**
     * The pointer file of a package list of {@code architecture}: the x86_64 names are those of
     * earlier versions; the i386 ones start with {@code sniper-i386-}, and the architecture is part
     * of the hashed text, so no list of one architecture can name a tree of the other.
     */
    static String pointerName(Architecture architecture, List<String> extras) {
        String list = String.join("\n", PACKAGES) + (extras.isEmpty() ? "" : "\n+" + String.join("\n", extras));
        if (!architecture.is64Bit()) {
            list = "architecture " + architecture.debianName() + "\n" + list;
        }
        return namePrefix(architecture) + HexFormat.of().formatHex(sha256(list.getBytes(StandardCharsets.UTF_8)), 0, 6)
                + ".current";
    }

    /** {@code sniper-} or {@code sniper-i386-}: how the names of an architecture's files begin. */
    private static String namePrefix(Architecture architecture) {
        return architecture.is64Bit() ? "sniper-" : "sniper-" + architecture.debianName() + "-";
    }

    /** The prefix of the cache keys of an architecture's trees. */
    static String keyPrefix(Architecture architecture) {
        return architecture.is64Bit() ? KEY_PREFIX : I386_KEY_PREFIX;
    }

    /** The name of the tree in messages: {@code 'sniper'} or {@code 'sniper' (i386)}. */
    static String displayName(Architecture architecture) {
        return architecture.is64Bit() ? "'sniper'" : "'sniper' (" + architecture + ")";
    }

    private static Path download(SysrootCache cache, Architecture architecture, List<String> extras,
            DebianMirror mirror, Consumer<String> log) throws IOException, SysrootException {
        log.accept("provisioning the " + displayName(architecture) + " sysroot (Debian 11 '" + SUITE + "' "
                + architecture.debianName() + ", glibc 2.31) in " + cache.root()
                + ": " + String.join(" ", PACKAGES) + (extras.isEmpty() ? "" : " + " + String.join(" ", extras))
                + " from " + mirror + "; later builds use the cache");
        DebianArchive archive = archive(cache, mirror, architecture, log);
        PackageSelection selection = PackageSelection.resolve(archive.packageIndex(), PACKAGES, extras);
        if (!extras.isEmpty()) {
            log.accept("Debian 11 packages: " + selection.packages().size() + " (" + String.join(" ", selection.names())
                    + ")" + (selection.leftOut().isEmpty() ? ""
                            : "; left out: " + String.join(" ", selection.leftOut().keySet())));
        }
        long bytes = 0;
        for (BinaryPackage pkg : selection.packages()) {
            bytes += pkg.size();
        }
        log.accept("fetching " + selection.packages().size() + " packages (" + bytes / 1_000_000 + " MB; those"
                + " already in " + cache.root().resolve(DEBIAN_STORE) + " are not downloaded again)");
        List<BinaryPackage> used = new ArrayList<>();
        List<Path> debs = new ArrayList<>();
        for (BinaryPackage pkg : selection.packages()) {
            Map.Entry<BinaryPackage, Path> served = served(archive, pkg, log);
            used.add(served.getKey());
            debs.add(served.getValue());
        }
        MessageDigest key = newSha256();
        List<ArchiveSource> parts = new ArrayList<>();
        for (BinaryPackage pkg : used) {
            key.update((pkg.id() + " " + pkg.sha256() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String id = keyPrefix(architecture) + HexFormat.of().formatHex(key.digest(), 0, 12);
        Optional<Path> existing = cache.reuse(id);
        Path tree;
        if (existing.isPresent()) {
            tree = existing.get();
        } else {
            for (int i = 0; i < debs.size(); i++) {
                Path deb = debs.get(i);
                parts.add(ArchiveSource.of(used.get(i).id(), () -> {
                    try {
                        return DebianPackage.dataTar(deb);
                    } catch (SysrootException e) {
                        throw new IOException(e.getMessage(), e);
                    }
                }));
            }
            tree = cache.assemble(id, parts);
        }
        Path tmp = Files.createTempFile(cache.root(), ".sniper.current", ".tmp");
        Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, cache.root().resolve(pointerName(architecture, extras)), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        log.accept("provisioned the " + displayName(architecture) + " sysroot: " + tree);
        return tree;
    }

    /**
     * The package's verified {@code .deb}; when the mirror does not serve it (HTTP 404 although the
     * signed index lists it, as deb.debian.org's security archive for some i386 updates of
     * bullseye), the newest older version the indices list that the mirror serves, verified the
     * same way, with a warning naming both.
     */
    private static Map.Entry<BinaryPackage, Path> served(DebianArchive archive, BinaryPackage pkg,
            Consumer<String> log) throws SysrootException {
        Optional<Path> deb = archive.debIfServed(pkg);
        if (deb.isPresent()) {
            return Map.entry(pkg, deb.get());
        }
        for (BinaryPackage older : archive.packageIndex().olderVersions(pkg)) {
            Optional<Path> olderDeb = archive.debIfServed(older);
            if (olderDeb.isPresent()) {
                log.accept("warning: " + pkg.uri() + " is listed by the signed " + pkg.suite() + " index but not"
                        + " served (HTTP 404); using " + older.id() + " of " + older.suite() + " instead (verified"
                        + " the same way)");
                return Map.entry(older, olderDeb.get());
            }
        }
        throw new SysrootException("cannot download " + pkg.uri() + " (HTTP 404), although the signed " + pkg.suite()
                + " index lists it, and no older version of " + pkg.name() + " is served either. "
                + OFFLINE_ALTERNATIVES);
    }

    private static byte[] sha256(byte[] data) {
        return newSha256().digest(data);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
