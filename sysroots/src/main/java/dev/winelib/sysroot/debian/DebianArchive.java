package dev.winelib.sysroot.debian;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;

import dev.winelib.sysroot.Architecture;
import dev.winelib.sysroot.SysrootException;

/**
 * Debian 11's archive as this project reads it, without apt or dpkg: the {@code InRelease} of
 * {@code bullseye}, {@code bullseye-updates} and {@code bullseye-security}, each checked against
 * Debian's archive keys ({@link SignedRelease}); their {@code main/binary-ARCH/Packages.xz} and
 * {@code main/Contents-ARCH.gz} (ARCH {@code amd64} or {@code i386}), checked against the SHA-256
 * the signed file lists; and {@code .deb} files, checked against the SHA-256 of the
 * {@code Packages} entry.
 *
 * <p>Index files and packages are kept in a store named by their sha256 (below
 * {@code storeDirectory}: {@code indices/} and {@code debs/}), re-hashed whenever they are used;
 * {@code InRelease} files are fetched again by each new instance (they are small and say what is
 * current).
 *
 * <p>{@code Valid-Until}: when a suite's {@code InRelease} has one (bullseye's suites had none when
 * this was written) and it has passed, the file is refused, as apt does: an outdated mirror or a
 * replayed old release could hide security updates. The message says so and names the mirror
 * settings to use another mirror.
 */
public final class DebianArchive {

    /** The index of each suite's amd64 packages. */
    public static final String PACKAGES = packagesPath(Architecture.X86_64);
    /** Which amd64 package ships each file. */
    public static final String CONTENTS = contentsPath(Architecture.X86_64);

    /** The index of each suite's packages of {@code arch}, e.g. {@code main/binary-i386/Packages.xz}. */
    public static String packagesPath(Architecture arch) {
        return "main/binary-" + arch.debianName() + "/Packages.xz";
    }

    /** Which package of {@code arch} ships each file, e.g. {@code main/Contents-i386.gz}. */
    public static String contentsPath(Architecture arch) {
        return "main/Contents-" + arch.debianName() + ".gz";
    }

    private final DebianMirror mirror;
    private final Architecture architecture;
    private final Path store;
    private final Consumer<String> log;
    private final VerifiedDownloads downloads;
    private final PGPPublicKeyRingCollection keys;
    private final Clock clock;
    private Map<String, SignedRelease> releases;
    private PackageIndex index;

    /**
     * @param storeDirectory where verified index files and packages are kept
     * @param offlineAdvice appended to messages about network failures: how to go on without network
     */
    public DebianArchive(DebianMirror mirror, Path storeDirectory, Consumer<String> log, String offlineAdvice) {
        this(mirror, Architecture.X86_64, storeDirectory, log, offlineAdvice);
    }

    /**
     * The archive's packages of {@code architecture} ({@code amd64} or {@code i386}, with
     * {@code all}).
     *
     * @param storeDirectory where verified index files and packages are kept (files are named by
     *     their sha256, so both architectures can share one)
     * @param offlineAdvice appended to messages about network failures: how to go on without network
     */
    public DebianArchive(DebianMirror mirror, Architecture architecture, Path storeDirectory, Consumer<String> log,
            String offlineAdvice) {
        this(mirror, architecture, storeDirectory, log, offlineAdvice, SignedRelease.debianKeys(), Clock.systemUTC());
    }

    DebianArchive(DebianMirror mirror, Path storeDirectory, Consumer<String> log, String offlineAdvice,
            PGPPublicKeyRingCollection keys, Clock clock) {
        this(mirror, Architecture.X86_64, storeDirectory, log, offlineAdvice, keys, clock);
    }

    DebianArchive(DebianMirror mirror, Architecture architecture, Path storeDirectory, Consumer<String> log,
            String offlineAdvice, PGPPublicKeyRingCollection keys, Clock clock) {
        this.mirror = Objects.requireNonNull(mirror, "mirror");
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.store = storeDirectory.toAbsolutePath().normalize();
        this.log = Objects.requireNonNull(log, "log");
        this.downloads = new VerifiedDownloads(offlineAdvice);
        this.keys = keys;
        this.clock = clock;
    }

    public DebianMirror mirror() {
        return mirror;
    }

    /** The architecture whose packages this archive reads. */
    public Architecture architecture() {
        return architecture;
    }

    /** The signed release of each suite, by suite name, fetched and checked once per instance. */
    public synchronized Map<String, SignedRelease> releases() throws SysrootException {
        if (releases == null) {
            Map<String, SignedRelease> r = new LinkedHashMap<>();
            for (DebianMirror.Suite suite : mirror.suites()) {
                URI uri = suite.file("InRelease");
                SignedRelease release = SignedRelease.verify(downloads.fetch(uri), suite.name(), uri.toString(), keys);
                Instant now = clock.instant();
                if (release.validUntil().isPresent() && release.validUntil().get().isBefore(now)) {
                    throw new SysrootException("refused " + uri + ": its signature is good, but it was valid only"
                            + " until " + release.validUntil().get() + " (now " + now + "): the mirror is out of date"
                            + " or replays an old release. Use an up-to-date mirror (the debianMirror setting,"
                            + " -Dwinelib.debianMirror=, CLI --debian-mirror; default " + DebianMirror.DEFAULT_ARCHIVE
                            + " and " + DebianMirror.DEFAULT_SECURITY + ")");
                }
                r.put(suite.name(), release);
            }
            releases = Map.copyOf(r);
        }
        return releases;
    }

    /** The packages of the three suites, newest version of each name. */
    public synchronized PackageIndex packageIndex() throws SysrootException {
        if (index == null) {
            List<PackageIndex.Source> sources = new ArrayList<>();
            for (DebianMirror.Suite suite : mirror.suites()) {
                String packages = packagesPath(architecture);
                Path xz = indexFile(suite, packages);
                try (InputStream in = new XZCompressorInputStream(Files.newInputStream(xz))) {
                    sources.add(new PackageIndex.Source(suite.name(), suite.archive(),
                            new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw new SysrootException(suite.file(packages) + " (stored as " + xz + ") cannot be"
                            + " decompressed: " + e.getMessage(), e);
                }
            }
            index = PackageIndex.of(sources, architecture);
        }
        return index;
    }

    /** Which packages ship which files, over the three suites (about 10 MB to download once). */
    public ContentsIndex contents() throws SysrootException {
        List<Path> files = new ArrayList<>();
        for (DebianMirror.Suite suite : mirror.suites()) {
            files.add(indexFile(suite, contentsPath(architecture)));
        }
        return new ContentsIndex(files);
    }

    /** The {@code .deb} of a package, from the store or downloaded, checked against its sha256. */
    public Path deb(BinaryPackage pkg) throws SysrootException {
        return downloads.stored(store.resolve("debs"), pkg.sha256(), pkg.size(), List.of(pkg.uri()),
                pkg.debFileName());
    }

    /**
     * The {@code .deb} of a package, from the store or downloaded and checked against its sha256;
     * empty when the mirror does not serve it (HTTP 404 although the signed index lists it: the
     * security archive no longer serves some i386 packages of bullseye's last updates).
     */
    public Optional<Path> debIfServed(BinaryPackage pkg) throws SysrootException {
        return downloads.stored(store.resolve("debs"), pkg.sha256(), pkg.size(), List.of(pkg.uri()),
                pkg.debFileName(), true);
    }

    /** A file the suite's signed release lists, from the store or downloaded (by hash when offered). */
    private Path indexFile(DebianMirror.Suite suite, String path) throws SysrootException {
        SignedRelease release = releases().get(suite.name());
        SignedRelease.IndexFile f = release.file(path).orElseThrow(() -> new SysrootException(suite.file("InRelease")
                + " lists no " + path + ": is the mirror a complete Debian archive?"));
        List<URI> uris = new ArrayList<>();
        if (release.acquireByHash()) {
            String dir = path.substring(0, path.lastIndexOf('/') + 1);
            uris.add(suite.file(dir + "by-hash/SHA256/" + f.sha256()));
        }
        uris.add(suite.file(path));
        Path stored = store.resolve("indices").resolve(f.sha256());
        if (!Files.exists(stored)) {
            log.accept("downloading " + suite.file(path) + " (" + f.size() / 1000 + " kB)");
        }
        return downloads.stored(store.resolve("indices"), f.sha256(), f.size(), uris, suite.name() + " " + path);
    }
}
