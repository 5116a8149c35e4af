package dev.winelib.sysroot.debian;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import dev.winelib.sysroot.SysrootCache;
import dev.winelib.sysroot.SysrootException;

/**
 * The source tree of Wine 8.0, the version whose winebuild this project replaces, for tests and
 * scripts that read Wine's {@code .spec} files: Debian bookworm's {@code wine_8.0~repack.orig.tar.xz},
 * verified ({@link DebianSourcePackages}), unpacked once into a cache (a {@link SysrootCache}: locked,
 * renamed into place whole, checked on each use) under {@code $XDG_CACHE_HOME/winebuild-j/wine-source}.
 */
public final class WineSourceTree {

    /** The suite whose source package is Wine 8.0. */
    public static final String SUITE = "bookworm";
    public static final String PACKAGE = "wine";
    public static final String UPSTREAM_VERSION = "8.0~repack";

    private WineSourceTree() {
    }

    /** {@code $XDG_CACHE_HOME/winebuild-j/wine-source} (or {@code ~/.cache/...}), as scripts/fetch-wine-source uses. */
    public static Path defaultCache() {
        return SysrootCache.defaultRoot().resolveSibling("wine-source");
    }

    /**
     * The tree (the directory holding {@code dlls/}), unpacked in {@code cache} before or now.
     *
     * @throws SysrootException when it can be neither found in the cache nor downloaded and verified
     */
    public static Path obtain(Path cache, Consumer<String> log) throws SysrootException {
        SysrootCache trees = new SysrootCache(cache.resolve("trees"));
        String key = PACKAGE + "-" + UPSTREAM_VERSION.replace('~', '_');
        Optional<Path> tree = trees.reuse(key);
        if (tree.isEmpty()) {
            DebianSourcePackages sources = new DebianSourcePackages(new DebianMirror.Suite(SUITE,
                    DebianMirror.debian().archive()), cache.resolve("store"), log,
                    "Give a Wine 8.0 source tree instead (-Dwine.source.dir=DIR, WINE_SOURCE_DIR=DIR).");
            Path tarball = sources.originalTarball(PACKAGE, UPSTREAM_VERSION);
            log.accept("unpacking " + PACKAGE + "_" + UPSTREAM_VERSION + ".orig.tar.xz into " + trees.root());
            tree = Optional.of(trees.assemble(key, List.of(dev.winelib.sysroot.ArchiveSource.of(tarball))));
        }
        return topDirectory(tree.get());
    }

    /** The one directory the tarball holds ({@code wine-8.0/}). */
    private static Path topDirectory(Path tree) throws SysrootException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(tree)) {
            s.forEach(entries::add);
        } catch (IOException e) {
            throw new SysrootException("cannot read " + tree + ": " + e.getMessage(), e);
        }
        if (entries.size() != 1 || !Files.isDirectory(entries.get(0).resolve("dlls"))) {
            throw new SysrootException(tree + " is not an unpacked Wine source tarball (one directory with dlls/)");
        }
        return entries.get(0);
    }

    /** Prints the tree's directory (fetching it first when needed); progress goes to standard error. */
    public static void main(String[] args) {
        try {
            Path cache = args.length > 0 ? Path.of(args[0]) : defaultCache();
            System.out.println(obtain(cache, m -> System.err.println("== " + m)));
        } catch (SysrootException e) {
            System.err.println("fetch-wine-source: " + e.getMessage());
            System.exit(1);
        }
    }
}
