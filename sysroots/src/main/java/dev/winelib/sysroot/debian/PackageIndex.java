package dev.winelib.sysroot.debian;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.apache.commons.text.similarity.LevenshteinDistance;

import dev.winelib.sysroot.Architecture;
import dev.winelib.sysroot.SysrootException;

/**
 * The binary packages of one or more {@code Packages} indices (amd64 and architecture {@code all}),
 * the newest version of each name: a package of {@code bullseye-security} or
 * {@code bullseye-updates} replaces the one of {@code bullseye} when its version is higher.
 */
public final class PackageIndex {

    /** The architectures a package of an amd64 index may have to be used: the sysroot's own, and {@code all}. */
    public static final Set<String> ARCHITECTURES = Set.of("amd64", "all");

    private final Map<String, BinaryPackage> packages;
    private final Map<String, List<BinaryPackage>> providers;
    private final Architecture architecture;
    private final Map<String, List<BinaryPackage>> versions;

    private PackageIndex(Map<String, BinaryPackage> packages, Map<String, List<BinaryPackage>> versions,
            Architecture architecture) {
        this.architecture = architecture;
        Map<String, List<BinaryPackage>> byName = new HashMap<>();
        versions.forEach((name, list) -> byName.put(name, list.stream()
                .sorted(Comparator.comparing(BinaryPackage::version).reversed()).toList()));
        this.versions = Map.copyOf(byName);
        this.packages = Map.copyOf(packages);
        Map<String, List<BinaryPackage>> p = new HashMap<>();
        for (BinaryPackage pkg : new TreeMap<>(packages).values()) {
            for (Relation provided : pkg.provides()) {
                p.computeIfAbsent(provided.name(), k -> new ArrayList<>()).add(pkg);
            }
        }
        p.replaceAll((k, v) -> List.copyOf(v));
        this.providers = Map.copyOf(p);
    }

    /** One {@code Packages} file's text with where it came from. */
    public record Source(String suite, URI archive, String text) {
    }

    /** Reads amd64 indices; for a name listed more than once the highest version wins. */
    public static PackageIndex of(List<Source> sources) throws SysrootException {
        return of(sources, Architecture.X86_64);
    }

    /**
     * Reads the indices of {@code architecture}'s packages ({@code binary-amd64} or
     * {@code binary-i386}): only packages of that Debian architecture and {@code all} are taken;
     * for a name listed more than once the highest version wins.
     */
    public static PackageIndex of(List<Source> sources, Architecture architecture) throws SysrootException {
        Set<String> usable = Set.of(architecture.debianName(), "all");
        Map<String, BinaryPackage> packages = new HashMap<>();
        Map<String, List<BinaryPackage>> versions = new HashMap<>();
        for (Source source : sources) {
            String where = source.suite() + " Packages";
            try (BufferedReader in = new BufferedReader(new StringReader(source.text()))) {
                List<IllegalArgumentException> bad = new ArrayList<>();
                ControlParagraphs.read(in, where, fields -> {
                    try {
                        BinaryPackage pkg = toPackage(fields, source, usable);
                        if (pkg != null) {
                            versions.computeIfAbsent(pkg.name(), k -> new ArrayList<>()).add(pkg);
                            packages.merge(pkg.name(), pkg, (a, b) -> b.version().compareTo(a.version()) > 0 ? b : a);
                        }
                    } catch (IllegalArgumentException e) {
                        bad.add(e);
                    }
                });
                if (!bad.isEmpty()) {
                    throw new SysrootException(where + " of " + source.archive() + " has " + bad.size()
                            + " unusable entries, the first: " + bad.get(0).getMessage());
                }
            } catch (IOException e) {
                throw new SysrootException(where + " of " + source.archive() + " cannot be read: " + e.getMessage(), e);
            }
        }
        return new PackageIndex(packages, versions, architecture);
    }

    /**
     * The other versions the indices list for {@code pkg}'s name that are older than it, newest
     * first (e.g. the release's version of a package that a security update replaced).
     */
    public List<BinaryPackage> olderVersions(BinaryPackage pkg) {
        return versions.getOrDefault(pkg.name(), List.of()).stream()
                .filter(p -> p.version().compareTo(pkg.version()) < 0).toList();
    }

    /** The architecture whose packages the index holds (besides {@code all}). */
    public Architecture architecture() {
        return architecture;
    }

    private static BinaryPackage toPackage(Map<String, String> f, Source source, Set<String> usable) {
        String arch = ControlParagraphs.field(f, "Architecture");
        if (arch == null || !usable.contains(arch)) {
            return null;
        }
        String name = required(f, "Package");
        String size = required(f, "Size");
        return new BinaryPackage(name, DebianVersion.parse(required(f, "Version")), arch,
                orElse(f, "Multi-Arch", "no"), "yes".equals(ControlParagraphs.field(f, "Essential")),
                orElse(f, "Priority", "optional"), orElse(f, "Depends", ""), orElse(f, "Pre-Depends", ""),
                orElse(f, "Provides", ""), required(f, "Filename"), Long.parseLong(size),
                required(f, "SHA256"), source.suite(), source.archive());
    }

    private static String required(Map<String, String> f, String name) {
        String v = ControlParagraphs.field(f, name);
        if (v == null) {
            throw new IllegalArgumentException("package " + ControlParagraphs.field(f, "Package") + " has no "
                    + name + " field");
        }
        return v;
    }

    private static String orElse(Map<String, String> f, String name, String fallback) {
        String v = ControlParagraphs.field(f, name);
        return v == null ? fallback : v;
    }

    /** The package of that name, if the index has one. */
    public Optional<BinaryPackage> get(String name) {
        return Optional.ofNullable(packages.get(name));
    }

    /** The packages that provide the virtual package {@code name}, by name. */
    public List<BinaryPackage> providersOf(String name) {
        return providers.getOrDefault(name, List.of());
    }

    /** How many packages the index holds. */
    public int size() {
        return packages.size();
    }

    /** All packages. */
    public Collection<BinaryPackage> packages() {
        return packages.values();
    }

    /**
     * The known package name closest to {@code name} (smallest edit distance, then shortest, then
     * first by name), if one is close enough to be a likely typo or near miss.
     */
    public Optional<String> closestName(String name) {
        LevenshteinDistance distance = new LevenshteinDistance(Math.max(3, name.length() / 3));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : new TreeMap<>(packages).keySet()) {
            int d = distance.apply(name, candidate);
            if (d >= 0 && (d < bestDistance || (d == bestDistance && candidate.length() < best.length()))) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Sorted names, for messages. */
    static List<String> names(Collection<BinaryPackage> packages) {
        return packages.stream().map(BinaryPackage::name).sorted(Comparator.naturalOrder()).toList();
    }
}
