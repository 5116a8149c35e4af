package dev.winelib.sysroot.debian;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import dev.winelib.sysroot.SysrootException;

/**
 * The packages a sysroot is made of: a fixed base set, taken as it is, plus requested packages
 * with the closure of their {@code Pre-Depends} and {@code Depends}.
 *
 * <p>How a dependency group ({@code a | b (>= 2) | c}) is satisfied, in this order: by a package
 * already selected (by name and version, or by its {@code Provides}); otherwise by the first
 * alternative that the index can satisfy, with a real package of that name and an acceptable
 * version, or else with a package that provides it (the one already selected, otherwise the one
 * of highest {@code Priority}, then first by name). A versioned dependency is satisfied by a
 * {@code Provides} only if that names a version ({@code Provides: foo (= 1.2)}), as in dpkg.
 * {@code name:any} needs a package with {@code Multi-Arch: allowed} (or a provider);
 * {@code name:ARCH} (the index's own Debian architecture, {@code amd64} or {@code i386}) and
 * {@code name:native} mean the package itself; a relation on another architecture cannot be
 * satisfied (a sysroot holds one architecture). {@code Conflicts}, {@code Breaks},
 * {@code Recommends} and {@code Suggests} are not considered: nothing is installed or run.
 *
 * <p>Left out of the closure, and reported in {@link #leftOut}: packages marked
 * {@code Essential: yes} (every Debian system has them and packages need not declare them; they
 * are shells, dpkg, coreutils, the C library's programs: nothing a compiler or linker reads) and
 * the packages in {@link #NOT_FOR_LINKING}, the tools that maintainer scripts and
 * configuration use. Their own dependencies are then not followed either.
 *
 * @param requested the requested packages, sorted
 * @param packages the selected packages, sorted by name (base set included)
 * @param leftOut packages a dependency named but that were left out, with the reason, by name
 */
public record PackageSelection(List<String> requested, List<BinaryPackage> packages, Map<String, String> leftOut) {

    /**
     * Packages that hold programs or run-time data only, never a header, a {@code .pc} file or a
     * library that a module links against, left out of the closure with what only they need:
     * <ul>
     *   <li>installation and configuration machinery: debconf and its frontends, adduser,
     *       init-system helpers, lsb-base, install-info, ucf, dpkg, systemd, udev, dbus (the daemon);
     *   <li>interpreters only maintainer scripts and code generators run: Python 3, Perl;
     *   <li>development programs: {@code pkg-config} (winebuild-j reads {@code .pc} files itself),
     *       {@code libwayland-bin} (wayland-scanner), {@code libglib2.0-bin} and
     *       {@code libglib2.0-dev-bin} (gdbus-codegen, glib-mkenums...);
     *   <li>run-time only: {@code libgl1-mesa-dri} (Mesa's GPU drivers, loaded by libGL with
     *       dlopen at run time; with LLVM and Z3 they are 35 MB of the 87 MB that
     *       libsdl2-dev libpulse-dev libvulkan-dev would otherwise pull in), {@code xkb-data}
     *       (keyboard maps), {@code libglib2.0-data} (translations).
     * </ul>
     */
    public static final Set<String> NOT_FOR_LINKING = Set.of(
            "debconf", "debconf-2.0", "cdebconf", "adduser", "init-system-helpers", "lsb-base", "sysvinit-utils",
            "sensible-utils", "install-info", "ucf", "dpkg", "systemd", "systemd-sysv", "udev", "dbus",
            "dbus-user-session", "python3", "python3-minimal", "python3.9", "python3.9-minimal", "python3-distutils",
            "python3-lib2to3", "perl", "perl-modules-5.32", "libperl5.32", "pkg-config", "pkgconf", "libwayland-bin",
            "libglib2.0-bin", "libglib2.0-dev-bin", "libgl1-mesa-dri", "xkb-data", "libglib2.0-data");

    public PackageSelection {
        requested = List.copyOf(requested);
        packages = List.copyOf(packages);
        leftOut = Map.copyOf(leftOut);
    }

    /** {@code name=version} of every package, sorted: what the sysroot is keyed by. */
    public List<String> ids() {
        return packages.stream().map(BinaryPackage::id).toList();
    }

    /**
     * Selects {@code base} as it is (no dependencies followed) and {@code requested} with their
     * dependency closure.
     *
     * @throws SysrootException naming an unknown package (with the closest name the index knows),
     *     or a dependency that nothing satisfies and the package that needs it
     */
    public static PackageSelection resolve(PackageIndex index, List<String> base, List<String> requested)
            throws SysrootException {
        TreeMap<String, BinaryPackage> selected = new TreeMap<>();
        TreeMap<String, String> leftOut = new TreeMap<>();
        for (String name : base) {
            selected.put(name, index.get(name).orElseThrow(() -> new SysrootException(
                    "the Debian 11 index has no package '" + name + "' of the base set: is the mirror a Debian"
                            + " 11 (bullseye) archive?")));
        }
        List<String> wanted = requested.stream().distinct().sorted().toList();
        Deque<BinaryPackage> queue = new ArrayDeque<>();
        for (String name : wanted) {
            BinaryPackage pkg = requestedPackage(index, name);
            if (selected.putIfAbsent(pkg.name(), pkg) == null) {
                queue.add(pkg);
            }
        }
        while (!queue.isEmpty()) {
            BinaryPackage pkg = queue.removeFirst();
            for (List<Relation> group : pkg.dependencies()) {
                if (group.stream().anyMatch(r -> satisfiedBy(index, selected, r))) {
                    continue;
                }
                Optional<String> skip = group.stream().map(r -> leftOutReason(index, r)).flatMap(Optional::stream)
                        .findFirst();
                if (skip.isPresent()) {
                    leftOut.putIfAbsent(group.get(0).name(), skip.get());
                    continue;
                }
                BinaryPackage chosen = choose(index, selected, group).orElseThrow(() -> unsatisfiable(index, pkg, group));
                if (selected.putIfAbsent(chosen.name(), chosen) == null) {
                    queue.add(chosen);
                }
            }
        }
        return new PackageSelection(wanted, new ArrayList<>(selected.values()), leftOut);
    }

    private static BinaryPackage requestedPackage(PackageIndex index, String name) throws SysrootException {
        if (!BinaryPackage.NAME.matcher(name).matches()) {
            throw new SysrootException("'" + name + "' is not a Debian package name (lower-case letters, digits"
                    + " and + . -, at least two characters)");
        }
        Optional<BinaryPackage> pkg = index.get(name);
        if (pkg.isPresent()) {
            return pkg.get();
        }
        List<BinaryPackage> providers = index.providersOf(name);
        if (providers.size() == 1) {
            return providers.get(0);
        }
        if (providers.size() > 1) {
            throw new SysrootException("Debian 11 package '" + name + "' is virtual, provided by "
                    + String.join(", ", PackageIndex.names(providers)) + ": add one of them instead");
        }
        throw new SysrootException("no Debian 11 package '" + name + "'"
                + index.closestName(name).map(c -> "; did you mean '" + c + "'?").orElse("")
                + " (the names are those of https://packages.debian.org/bullseye/)");
    }

    private static boolean satisfiedBy(PackageIndex index, Map<String, BinaryPackage> selected, Relation r) {
        if (!architectureUsable(index, r)) {
            return false;
        }
        BinaryPackage real = selected.get(r.name());
        if (real != null && r.acceptsVersion(real.version()) && anyQualifierAccepts(r, real)) {
            return true;
        }
        for (BinaryPackage p : selected.values()) {
            if (providesSatisfying(p, r)) {
                return true;
            }
        }
        return false;
    }

    private static boolean providesSatisfying(BinaryPackage p, Relation r) {
        for (Relation provided : p.provides()) {
            if (provided.name().equals(r.name())
                    && (r.version().isEmpty() || provided.version().map(r::acceptsVersion).orElse(false))) {
                return true;
            }
        }
        return false;
    }

    private static boolean architectureUsable(PackageIndex index, Relation r) {
        String own = index.architecture().debianName();
        return r.architecture().map(a -> a.equals("any") || a.equals(own) || a.equals("native")).orElse(true);
    }

    private static boolean anyQualifierAccepts(Relation r, BinaryPackage p) {
        return !r.architecture().map("any"::equals).orElse(false) || p.multiArch().equals("allowed");
    }

    private static Optional<String> leftOutReason(PackageIndex index, Relation r) {
        if (NOT_FOR_LINKING.contains(r.name())) {
            return Optional.of("programs or run-time data only, not needed to compile or link");
        }
        Optional<BinaryPackage> p = index.get(r.name());
        if (p.isPresent() && p.get().essential()) {
            return Optional.of("Essential: yes (present on every Debian system, not needed to compile or link)");
        }
        return Optional.empty();
    }

    private static Optional<BinaryPackage> choose(PackageIndex index, Map<String, BinaryPackage> selected,
            List<Relation> group) {
        for (Relation r : group) {
            if (!architectureUsable(index, r)) {
                continue;
            }
            Optional<BinaryPackage> real = index.get(r.name())
                    .filter(p -> r.acceptsVersion(p.version()) && anyQualifierAccepts(r, p));
            if (real.isPresent()) {
                return real;
            }
            Optional<BinaryPackage> provider = index.providersOf(r.name()).stream()
                    .filter(p -> providesSatisfying(p, r))
                    .min(Comparator.<BinaryPackage>comparingInt(p -> selected.containsKey(p.name()) ? 0 : 1)
                            .thenComparingInt(p -> priorityRank(p.priority()))
                            .thenComparing(BinaryPackage::name));
            if (provider.isPresent()) {
                return provider;
            }
        }
        return Optional.empty();
    }

    private static int priorityRank(String priority) {
        return switch (priority) {
            case "required" -> 0;
            case "important" -> 1;
            case "standard" -> 2;
            case "optional" -> 3;
            default -> 4;
        };
    }

    private static SysrootException unsatisfiable(PackageIndex index, BinaryPackage pkg, List<Relation> group) {
        List<String> found = new ArrayList<>();
        for (Relation r : group) {
            index.get(r.name()).ifPresent(p -> found.add(p.id()));
        }
        return new SysrootException("Debian 11 package " + pkg.id() + " depends on '"
                + String.join(" | ", group.stream().map(Relation::toString).toList())
                + "', which no package of the index satisfies"
                + (found.isEmpty() ? "" : " (the index has " + String.join(", ", found) + ")"));
    }

    /** The names of the selected packages, sorted. */
    public List<String> names() {
        return new ArrayList<>(new LinkedHashSet<>(packages.stream().map(BinaryPackage::name).toList()));
    }
}
