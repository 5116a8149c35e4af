package dev.winelib.sysroot;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without access to Debian's archive, provisioning fails with one message saying what to do instead. */
class DebianPackageDownloaderTest {

    @TempDir
    Path dir;

    @Test
    void anUnreachableArchiveGivesAClearErrorAndTheAlternatives() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("apt-get is missing (Debian package apt)");
            }
            org.junit.jupiter.api.Assumptions.abort("apt-get is missing (Debian package apt)");
        }
        // port 9 (discard) on the loopback interface: nothing listens, the connection is refused at once
        DebianPackageDownloader downloader = new DebianPackageDownloader(dir.resolve("apt"), "bullseye",
                "http://127.0.0.1:9/debian");
        assertThatThrownBy(() -> downloader.download(List.of("libc6"), Files.createDirectories(dir.resolve("debs"))))
                .isInstanceOf(SysrootException.class)
                .hasMessageContaining("without network access to Debian's archive the 'sniper' sysroot cannot be"
                        + " provisioned")
                .hasMessageContaining("sniper-sysroot.tar.gz")
                .hasMessageContaining("groupId:artifactId:version")
                .hasMessageContaining("'host'");
    }
}
