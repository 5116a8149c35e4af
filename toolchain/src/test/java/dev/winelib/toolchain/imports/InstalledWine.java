package dev.winelib.toolchain.imports;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.winelib.sysroot.SysrootException;
import dev.winelib.sysroot.debian.WineSourceTree;

/**
 * The files of Debian's Wine that tests read. Missing, they fail the test under CI (CI=true) and skip
 * it elsewhere, with a message naming the packages to install.
 */
final class InstalledWine {

    static final Path ROOT = Path.of("/usr/lib/x86_64-linux-gnu/wine");
    static final Path PE_DIRECTORY = ROOT.resolve("x86_64-windows");
    static final Path UNIX_DIRECTORY = ROOT.resolve("x86_64-unix");

    /** A Wine source tree, for its .spec files (see {@link #wineSpec}). */
    static final String SOURCE_PROPERTY = "wine.source.dir";

    private InstalledWine() {
    }

    /** Requires Debian's wine64 (PE DLLs) and libwine-dev (Unix import libraries). */
    static void require() {
        if (!Files.isDirectory(PE_DIRECTORY) || !Files.isDirectory(UNIX_DIRECTORY)) {
            String message = "this test needs Wine's PE DLLs and Unix import libraries in " + ROOT
                    + ", which are not installed (Debian packages wine64 and libwine-dev)";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            assumeTrue(false, message);
        }
    }

    static Path peDll(String fileName) {
        require();
        return PE_DIRECTORY.resolve(fileName);
    }

    static Path unixLibrary(String fileName) {
        require();
        return UNIX_DIRECTORY.resolve(fileName);
    }

    /**
     * The .spec file of a DLL in a Wine 8.0 source tree, e.g. {@code dlls/kernel32/kernel32.spec}: the tree of
     * -Dwine.source.dir, else /tmp/winesrc/wine-8.0 when present, else Debian bookworm's Wine 8.0 source,
     * downloaded, verified and unpacked once into $XDG_CACHE_HOME/winebuild-j/wine-source
     * ({@link WineSourceTree}, as scripts/fetch-wine-source does). When that fails (no network), the test
     * fails under CI (CI=true) and is skipped elsewhere, with a message saying how to provide a tree.
     */
    static Path wineSpec(String relative) {
        Path spec = sourceTree().resolve(relative);
        if (!Files.isRegularFile(spec)) {
            fail(spec + " is missing: -D" + SOURCE_PROPERTY + " must name a Wine 8.0 source tree");
        }
        return spec;
    }

    private static Path tree;

    private static synchronized Path sourceTree() {
        if (tree == null) {
            String configured = System.getProperty(SOURCE_PROPERTY);
            if (configured != null && !configured.isBlank()) {
                tree = Path.of(configured);
            } else if (Files.isDirectory(LEGACY_SOURCE.resolve("dlls"))) {
                tree = LEGACY_SOURCE;
            } else {
                try {
                    tree = WineSourceTree.obtain(WineSourceTree.defaultCache(), m -> System.err.println("[wine source] "
                            + m));
                } catch (SysrootException e) {
                    String message = "this test needs a Wine 8.0 source tree, which could not be fetched ("
                            + e.getMessage() + "); give one with -D" + SOURCE_PROPERTY + "=/path/to/wine-8.0 or fetch it"
                            + " with scripts/fetch-wine-source";
                    if ("true".equals(System.getenv("CI"))) {
                        fail(message);
                    }
                    assumeTrue(false, message);
                }
            }
        }
        return tree;
    }

    /** Where earlier instructions unpacked the source. */
    private static final Path LEGACY_SOURCE = Path.of("/tmp/winesrc/wine-8.0");
}
