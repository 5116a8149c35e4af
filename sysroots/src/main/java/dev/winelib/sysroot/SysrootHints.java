package dev.winelib.sysroot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import dev.winelib.sysroot.debian.ContentsIndex;
import dev.winelib.sysroot.debian.DebianMirror;
import dev.winelib.sysroot.pkgconfig.PkgConfig;

/**
 * Advice for a build that failed for want of a header, a library or a pkg-config module in a
 * provisioned 'sniper' sysroot: the sysroot holds only the Debian packages it lists, and this is
 * how to add one. When Debian's {@code Contents-amd64} index can be had (cached in the sysroot
 * cache after its first use, verified like the package indices; about 10 MB and a second to
 * search), the advice names the package that ships the file.
 */
public final class SysrootHints {

    private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9_+./-]+");
    private static final Pattern LIBRARY = Pattern.compile("[A-Za-z0-9_+.-]+");
    private static final int MAX_NAMED = 5;

    /** The sysroot's package names (sorted, no repeats), made when advice first needs them. */
    private final Supplier<java.util.stream.Stream<String>> packageSource;
    private List<String> packages;
    private final List<String> requested;
    private final Supplier<Optional<ContentsIndex>> contents;
    private final Architecture architecture;

    /**
     * @param packages the sysroot's packages ({@code name=version} or names)
     * @param requested the packages the project asked for besides the base set
     * @param contents the Contents index, or empty when it cannot be had (e.g. offline)
     */
    public SysrootHints(List<String> packages, List<String> requested, Supplier<Optional<ContentsIndex>> contents) {
        this(packages, requested, contents, Architecture.X86_64);
    }

    /** Hints for a tree of {@code architecture} (its multiarch directories, its Contents index). */
    public SysrootHints(List<String> packages, List<String> requested, Supplier<Optional<ContentsIndex>> contents,
            Architecture architecture) {
        this(List.copyOf(packages)::stream, requested, contents, architecture);
    }

    /**
     * Hints whose package list is read only when advice is asked for: a build that needs none (most
     * do not) reads no list of the cache's sysroots.
     */
    private SysrootHints(Supplier<java.util.stream.Stream<String>> packages, List<String> requested,
            Supplier<Optional<ContentsIndex>> contents, Architecture architecture) {
        this.packageSource = packages;
        this.requested = List.copyOf(requested);
        this.contents = contents;
        this.architecture = architecture;
    }

    /**
     * Hints for the 'sniper' tree {@code tree} of {@code cache}, made for {@code requested}; the
     * Contents index is taken from the cache's store, downloaded if needed; if that fails (no
     * network), the hints say what they can without it.
     */
    public static SysrootHints forSniper(SysrootCache cache, Path tree, List<String> requested, DebianMirror mirror,
            Consumer<String> log) throws SysrootException {
        return forSniper(cache, Architecture.X86_64, tree, requested, mirror, log);
    }

    /** Hints for the 'sniper' tree of {@code architecture}; see {@link #forSniper(SysrootCache, Path, List, DebianMirror, Consumer)}. */
    public static SysrootHints forSniper(SysrootCache cache, Architecture architecture, Path tree,
            List<String> requested, DebianMirror mirror, Consumer<String> log) throws SysrootException {
        // the tree's package list comes from the cache's list of sysroots, the Contents index from Debian:
        // both only when advice is asked for (named classes, not lambdas: every build makes these hints)
        return new SysrootHints(new SniperPackages(cache, tree, log), requested,
                new SniperContents(cache, mirror, architecture, log), architecture);
    }

    /** The packages of a provisioned tree, as the cache lists them (the base set when it does not). */
    private record SniperPackages(SysrootCache cache, Path tree, Consumer<String> log)
            implements Supplier<java.util.stream.Stream<String>> {
        @Override
        public java.util.stream.Stream<String> get() {
            List<String> listed;
            try {
                listed = SniperSysroot.packagesOf(cache, tree);
            } catch (SysrootException e) {
                log.accept("cannot read the list of the sysroot's packages: " + e.getMessage());
                listed = List.of();
            }
            return (listed.isEmpty() ? SniperSysroot.PACKAGES : listed).stream();
        }
    }

    /** Debian's Contents index of the tree's architecture, downloaded if needed; empty when it cannot be had. */
    private record SniperContents(SysrootCache cache, DebianMirror mirror, Architecture architecture,
            Consumer<String> log) implements Supplier<Optional<ContentsIndex>> {
        @Override
        public Optional<ContentsIndex> get() {
            try {
                return Optional.of(SniperSysroot.archive(cache, mirror, architecture, log).contents());
            } catch (SysrootException e) {
                log.accept("cannot look up which Debian package ships the file: " + e.getMessage());
                return Optional.empty();
            }
        }
    }

    /** For a missing {@code #include <pulse/pulseaudio.h>} (give {@code pulse/pulseaudio.h}). */
    public String missingHeader(String header) {
        String h = header.strip();
        while (h.startsWith("/")) {
            h = h.substring(1);
        }
        if (!HEADER.matcher(h).matches() || h.contains("..")) {
            return generic("header " + header);
        }
        String suffix = "/" + h;
        String exact = "usr/include/" + h;
        String multiarch = "usr/include/" + architecture.multiarch() + "/" + h;
        return advise("header <" + h + ">",
                p -> p.equals(exact) || p.equals(multiarch) || (p.startsWith("usr/include/") && p.endsWith(suffix)));
    }

    /** For a missing library, {@code -lpulse} or {@code pulse}. */
    public String missingLibrary(String library) {
        String l = library.strip();
        if (l.startsWith("-l")) {
            l = l.substring(2);
        }
        if (!LIBRARY.matcher(l).matches()) {
            return generic("library " + library);
        }
        List<String> paths = new ArrayList<>();
        for (String dir : List.of("usr/lib/" + architecture.multiarch() + "/", "lib/" + architecture.multiarch() + "/",
                "usr/lib/")) {
            paths.add(dir + "lib" + l + ".so");
            paths.add(dir + "lib" + l + ".a");
        }
        return advise("library -l" + l, paths::contains);
    }

    /** For a missing pkg-config module, e.g. {@code sdl2}. */
    public String missingPkgConfigModule(String module) {
        String m = module.strip();
        if (!LIBRARY.matcher(m).matches()) {
            return generic("pkg-config module " + module);
        }
        List<String> paths = PkgConfig.searchPath(architecture).stream().map(d -> d + "/" + m + ".pc").toList();
        return advise("pkg-config module '" + m + "'", paths::contains);
    }

    private String advise(String what, Predicate<String> path) {
        Optional<ContentsIndex> index = contents.get();
        if (index.isEmpty()) {
            return generic(what);
        }
        Map<String, String> found;
        try {
            found = index.get().packagesShipping(path);
        } catch (SysrootException e) {
            return generic(what);
        }
        if (found.isEmpty()) {
            return holds() + " No Debian 11 package ships the " + what + " (Debian's Contents index has no such"
                    + " file); check the name.";
        }
        List<String> present = found.keySet().stream().filter(packages()::contains).toList();
        if (!present.isEmpty()) {
            return "the " + what + " is in Debian 11 package " + present.get(0) + " (" + found.get(present.get(0))
                    + "), which the sysroot already holds: check the include or library path (e.g. name the"
                    + " library's pkg-config module in <pkgConfig><module>NAME</module></pkgConfig> or"
                    + " -Dwinelib.pkgConfig=NAME for its flags).";
        }
        List<String> names = found.keySet().stream().limit(MAX_NAMED).toList();
        String first = names.get(0);
        String more = names.size() > 1 ? " (also shipped by " + String.join(", ", names.subList(1, names.size()))
                + (found.size() > MAX_NAMED ? ", ..." : "") + ")" : "";
        return holds() + " The " + what + " is in Debian 11 package '" + first + "' (" + found.get(first) + ")" + more
                + ": " + howToAdd(first);
    }

    private String generic(String what) {
        return holds() + " If the " + what + " comes from a Debian 11 package (see https://packages.debian.org/bullseye/,"
                + " 'Search the contents of packages'), " + howToAdd("PACKAGE");
    }

    private String holds() {
        String extra = requested.isEmpty() ? "" : " plus " + String.join(" ", requested) + " and their dependencies";
        return "The " + SniperSysroot.displayName(architecture) + " sysroot holds only the Debian 11 packages it was made of: the base set ("
                + String.join(" ", SniperSysroot.PACKAGES) + ")" + extra + "; " + packages().size() + " packages in all.";
    }

    /** The sysroot's package names, made on first use. */
    private synchronized List<String> packages() {
        if (packages == null) {
            packages = packageSource.get().map(SysrootHints::nameOf).distinct().sorted().toList();
        }
        return packages;
    }

    private String howToAdd(String pkg) {
        return "add it to the sysroot with <sysrootPackages><sysrootPackage>" + pkg
                + "</sysrootPackage></sysrootPackages> in the plugin configuration or -Dwinelib.sysrootPackages=" + pkg
                + " (comma-separated for several); the sysroot is then provisioned again with it.";
    }

    private static String nameOf(String entry) {
        int eq = entry.indexOf('=');
        if (eq > 0) {
            return entry.substring(0, eq);
        }
        int us = entry.indexOf('_');
        return us > 0 && entry.endsWith(".deb") ? entry.substring(0, us) : entry;
    }
}
