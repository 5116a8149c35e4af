package dev.winelib.sysroot.debian;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.sysroot.DebianNetwork;

class DebianSourcePackagesTest {

    @TempDir
    Path dir;

    private static final DebianMirror.Suite BOOKWORM = new DebianMirror.Suite("bookworm",
            URI.create("http://deb.debian.org/debian"));

    private Path sources(String text) throws Exception {
        Path xz = dir.resolve("Sources.xz");
        try (OutputStream out = new XZCompressorOutputStream(Files.newOutputStream(xz))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return xz;
    }

    @Test
    void theTarballOfTheNamedPackageWithItsSha256() throws Exception {
        Path xz = sources("""
                Package: wine-development
                Directory: pool/main/w/wine-development
                Checksums-Sha256:
                 %s 10 wine-development_8.0~repack.orig.tar.xz

                Package: wine
                Version: 8.0~repack-4
                Directory: pool/main/w/wine
                Checksums-Sha256:
                 %s 2000 wine_8.0~repack-4.dsc
                 %s 25462 wine_8.0~repack.orig.tar.xz
                """.formatted("a".repeat(64), "b".repeat(64), "c".repeat(64)));
        assertThat(DebianSourcePackages.find(xz, "wine", "wine_8.0~repack.orig.tar.", BOOKWORM)).contains(
                new DebianSourcePackages.Tarball("wine_8.0~repack.orig.tar.xz", "c".repeat(64), 25462,
                        URI.create("http://deb.debian.org/debian/pool/main/w/wine/wine_8.0~repack.orig.tar.xz")));
        assertThat(DebianSourcePackages.find(xz, "wine", "wine_9.0.orig.tar.", BOOKWORM)).isEmpty();
    }

    @Test
    void aDirectoryLeavingThePoolIsIgnored() throws Exception {
        Path xz = sources("""
                Package: wine
                Directory: pool/../../elsewhere
                Checksums-Sha256:
                 %s 25462 wine_8.0~repack.orig.tar.xz
                """.formatted("c".repeat(64)));
        assertThat(DebianSourcePackages.find(xz, "wine", "wine_8.0~repack.orig.tar.", BOOKWORM)).isEmpty();
    }

    /**
     * The real thing, into the per-user cache that scripts/fetch-wine-source and the toolchain's tests use
     * (downloaded and verified once per machine: InRelease signature, Sources.xz, tarball).
     */
    @Test
    void wine80SourceFromBookworm() throws Exception {
        DebianNetwork.require();
        Path tree = WineSourceTree.obtain(WineSourceTree.defaultCache(), m -> { });
        assertThat(tree.resolve("dlls/kernel32/kernel32.spec")).isRegularFile();
        assertThat(tree.resolve("VERSION")).content().contains("8.0");
        assertThat(WineSourceTree.obtain(WineSourceTree.defaultCache(), m -> {
            throw new AssertionError("fetched again: " + m);
        })).isEqualTo(tree);
    }
}
