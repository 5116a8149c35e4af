package dev.winelib.sysroot.debian;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;

import dev.winelib.sysroot.SysrootException;

/**
 * Upstream tarballs of Debian source packages, verified as the binary packages are: the suite's
 * {@code InRelease} checked against Debian's archive keys ({@link SignedRelease}), its
 * {@code main/source/Sources.xz} against the SHA-256 the signed file lists, and the tarball against
 * the SHA-256 of its {@code Sources} entry. Verified files are kept in a store named by their sha256
 * and hashed again on each use.
 */
public final class DebianSourcePackages {

    /** The index of a suite's source packages. */
    public static final String SOURCES = "main/source/Sources.xz";

    private final DebianMirror.Suite suite;
    private final Path store;
    private final Consumer<String> log;
    private final VerifiedDownloads downloads;
    private final PGPPublicKeyRingCollection keys;

    /**
     * @param suite the suite, e.g. {@code bookworm} of {@link DebianMirror#DEFAULT_ARCHIVE}
     * @param storeDirectory where verified files are kept
     * @param offlineAdvice appended to messages about network failures
     */
    public DebianSourcePackages(DebianMirror.Suite suite, Path storeDirectory, Consumer<String> log,
            String offlineAdvice) {
        this(suite, storeDirectory, log, offlineAdvice, SignedRelease.debianKeys());
    }

    DebianSourcePackages(DebianMirror.Suite suite, Path storeDirectory, Consumer<String> log, String offlineAdvice,
            PGPPublicKeyRingCollection keys) {
        this.suite = Objects.requireNonNull(suite, "suite");
        this.store = storeDirectory.toAbsolutePath().normalize();
        this.log = Objects.requireNonNull(log, "log");
        this.downloads = new VerifiedDownloads(offlineAdvice);
        this.keys = keys;
    }

    /**
     * The upstream tarball {@code PACKAGE_UPSTREAM.orig.tar.*} of a source package (for
     * {@code wine} and {@code 8.0~repack}: {@code wine_8.0~repack.orig.tar.xz}), from the store or
     * downloaded and verified.
     */
    public Path originalTarball(String packageName, String upstreamVersion) throws SysrootException {
        String prefix = packageName + "_" + upstreamVersion + ".orig.tar.";
        URI inReleaseUri = suite.file("InRelease");
        SignedRelease release = SignedRelease.verify(downloads.fetch(inReleaseUri), suite.name(),
                inReleaseUri.toString(), keys);
        SignedRelease.IndexFile index = release.file(SOURCES).orElseThrow(() -> new SysrootException(inReleaseUri
                + " lists no " + SOURCES + ": is the mirror a complete Debian archive with sources?"));
        List<URI> indexUris = new ArrayList<>();
        if (release.acquireByHash()) {
            indexUris.add(suite.file("main/source/by-hash/SHA256/" + index.sha256()));
        }
        indexUris.add(suite.file(SOURCES));
        if (!Files.exists(store.resolve("indices").resolve(index.sha256()))) {
            log.accept("downloading " + suite.file(SOURCES) + " (" + index.size() / 1000 + " kB)");
        }
        Path sources = downloads.stored(store.resolve("indices"), index.sha256(), index.size(), indexUris,
                suite.name() + " " + SOURCES);
        Optional<Tarball> found = find(sources, packageName, prefix, suite);
        Tarball tarball = found.orElseThrow(() -> new SysrootException(suite.name() + " " + SOURCES + " has no "
                + prefix + "* of source package " + packageName + " (is " + upstreamVersion
                + " still in " + suite.name() + "?)"));
        Path stored = store.resolve("sources").resolve(tarball.sha256());
        if (!Files.exists(stored)) {
            log.accept("downloading " + tarball.uri() + " (" + tarball.size() / 1000 + " kB)");
        }
        return downloads.stored(store.resolve("sources"), tarball.sha256(), tarball.size(), List.of(tarball.uri()),
                tarball.fileName());
    }

    /** A file of a source package, as its {@code Sources} entry lists it. */
    record Tarball(String fileName, String sha256, long size, URI uri) {
    }

    /** The first file named {@code prefix*} of source package {@code packageName} in a {@code Sources.xz}. */
    static Optional<Tarball> find(Path sourcesXz, String packageName, String prefix, DebianMirror.Suite suite)
            throws SysrootException {
        List<Tarball> found = new ArrayList<>();
        try (InputStream in = new XZCompressorInputStream(Files.newInputStream(sourcesXz));
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            ControlParagraphs.read(reader, SOURCES, fields -> {
                if (found.isEmpty() && packageName.equals(ControlParagraphs.field(fields, "Package"))) {
                    tarball(fields, prefix, suite).ifPresent(found::add);
                }
            });
        } catch (IOException e) {
            throw new SysrootException(suite.file(SOURCES) + " (stored as " + sourcesXz + ") cannot be read: "
                    + e.getMessage(), e);
        }
        return found.stream().findFirst();
    }

    private static Optional<Tarball> tarball(Map<String, String> fields, String prefix, DebianMirror.Suite suite) {
        String directory = ControlParagraphs.field(fields, "Directory");
        String checksums = ControlParagraphs.field(fields, "Checksums-Sha256");
        if (directory == null || checksums == null || directory.contains("..")) {
            return Optional.empty();
        }
        for (String line : checksums.strip().split("\n")) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length == 3 && parts[2].startsWith(prefix) && parts[2].matches("[A-Za-z0-9.+~_-]+")
                    && parts[1].matches("\\d{1,12}")) {
                return Optional.of(new Tarball(parts[2], parts[0], Long.parseLong(parts[1]),
                        URI.create(suite.archive() + "/" + directory + "/" + parts[2])));
            }
        }
        return Optional.empty();
    }
}
