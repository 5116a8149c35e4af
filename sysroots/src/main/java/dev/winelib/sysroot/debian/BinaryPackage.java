package dev.winelib.sysroot.debian;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One binary package of a {@code Packages} index.
 *
 * @param name the package name
 * @param version its version
 * @param architecture {@code amd64} or {@code all}
 * @param multiArch the {@code Multi-Arch} field ({@code no} when absent)
 * @param essential whether the package is {@code Essential: yes}
 * @param priority the {@code Priority} field ({@code optional} when absent)
 * @param dependsField the {@code Depends} field as written (empty when absent)
 * @param preDependsField the {@code Pre-Depends} field as written
 * @param providesField the {@code Provides} field as written
 * @param filename the path of the {@code .deb} below {@code archive}
 * @param size the size of the {@code .deb} in bytes
 * @param sha256 the sha256 of the {@code .deb}, from the index
 * @param suite the suite whose index lists it ({@code bullseye}, {@code bullseye-updates}, ...)
 * @param archive the archive's base URL, {@code Filename} is relative to it
 */
public record BinaryPackage(String name, DebianVersion version, String architecture, String multiArch,
        boolean essential, String priority, String dependsField, String preDependsField, String providesField,
        String filename, long size, String sha256, String suite, URI archive) {

    /** Package names as Debian Policy 5.6.1 allows them. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9+.-]+");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** Pool paths: no absolute paths, no {@code ..}, only the characters Debian file names use. */
    private static final Pattern FILENAME = Pattern.compile("pool/[A-Za-z0-9+._~/-]+\\.deb");

    public BinaryPackage {
        Objects.requireNonNull(version, "version");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a Debian package name");
        }
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException(name + ": SHA256 '" + sha256 + "' is not 64 lower-case hex digits");
        }
        if (!FILENAME.matcher(filename).matches() || filename.contains("/../") || filename.contains("//")) {
            throw new IllegalArgumentException(name + ": Filename '" + filename + "' is not a pool path");
        }
    }

    /** {@code Pre-Depends}, then {@code Depends}: groups of alternatives. */
    public List<List<Relation>> dependencies() {
        List<List<Relation>> pre = Relation.parseField(preDependsField);
        List<List<Relation>> dep = Relation.parseField(dependsField);
        return java.util.stream.Stream.concat(pre.stream(), dep.stream()).toList();
    }

    /** The virtual packages this one provides (each maybe with {@code (= version)}). */
    public List<Relation> provides() {
        return Relation.parseField(providesField).stream().map(g -> g.get(0)).toList();
    }

    /** Where the {@code .deb} is. */
    public URI uri() {
        String base = archive.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + filename);
    }

    /** {@code name=version}, how package sets are written. */
    public String id() {
        return name + "=" + version;
    }

    /** The file name the package gets in the cache and in messages, e.g. {@code libc6_2.31-13_amd64.deb}. */
    public String debFileName() {
        return filename.substring(filename.lastIndexOf('/') + 1);
    }
}
