package dev.winelib.toolchain.imports;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The files of Debian's Wine that tests read. Missing, they fail the test under CI (CI=true) and skip
 * it elsewhere, with a message naming the packages to install.
 */
final class InstalledWine {

    static final Path ROOT = Path.of("/usr/lib/x86_64-linux-gnu/wine");
    static final Path PE_DIRECTORY = ROOT.resolve("x86_64-windows");
    static final Path UNIX_DIRECTORY = ROOT.resolve("x86_64-unix");

    /** A Wine source tree, for its .spec files: -Dwine.source.dir, else /tmp/winesrc/wine-8.0. */
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
     * The .spec file of a DLL in a Wine source tree, e.g. {@code dlls/kernel32/kernel32.spec}. Skips the test
     * when there is no source tree (also under CI: the source is not a package the tests install).
     */
    static Path wineSpec(String relative) {
        Optional<Path> source = Optional.ofNullable(System.getProperty(SOURCE_PROPERTY)).map(Path::of)
                .or(() -> Optional.of(Path.of("/tmp/winesrc/wine-8.0")));
        Path spec = source.get().resolve(relative);
        assumeTrue(Files.isRegularFile(spec), "this test needs a Wine 8.0 source tree (-D" + SOURCE_PROPERTY
                + "=/path/to/wine-8.0, e.g. from 'apt-get source wine'); " + spec + " is missing");
        return spec;
    }
}
