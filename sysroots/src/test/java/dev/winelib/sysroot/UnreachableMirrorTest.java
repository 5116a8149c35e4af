package dev.winelib.sysroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winelib.sysroot.debian.DebianMirror;

/** Without access to Debian's archive, provisioning fails with one message naming the URL and the alternatives. */
class UnreachableMirrorTest {

    @TempDir
    Path dir;

    @Test
    void anUnreachableArchiveGivesAClearErrorAndTheAlternatives() throws Exception {
        // port 9 (discard) on the loopback interface: nothing listens, the connection is refused at once
        DebianMirror mirror = DebianMirror.of("http://127.0.0.1:9/debian", null);
        SysrootCache cache = new SysrootCache(dir.resolve("cache"));
        assertThatThrownBy(() -> SniperSysroot.provision(cache, List.of("libpulse-dev"), mirror, m -> { }))
                .isInstanceOf(SysrootException.class)
                .hasMessageStartingWith("cannot download http://127.0.0.1:9/debian/dists/bullseye/InRelease")
                .hasMessageContaining("without network access to Debian's archive the 'sniper' sysroot cannot be"
                        + " provisioned")
                .hasMessageContaining("sniper-sysroot.tar.gz")
                .hasMessageContaining("groupId:artifactId:version")
                .hasMessageContaining("'host'");
        try (var entries = Files.list(cache.root())) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .allMatch(n -> n.endsWith(".lock") || n.equals(".debian"));
        }
    }

    @Test
    void theSecurityArchiveIsDerivedFromTheMirrorOrGiven() throws Exception {
        assertThat(DebianMirror.of("http://m.example/debian/", "").security())
                .hasToString("http://m.example/debian-security");
        assertThat(DebianMirror.of("https://m.example/mirrors/debian", null).security())
                .hasToString("https://m.example/mirrors/debian-security");
        assertThat(DebianMirror.of(null, null)).isEqualTo(DebianMirror.debian());
        assertThat(DebianMirror.of("http://a/debian", "http://b/sec").security()).hasToString("http://b/sec");
        assertThatThrownBy(() -> DebianMirror.of("ftp://m.example/debian", null))
                .hasMessageContaining("is not an http:// or https:// URL");
        assertThatThrownBy(() -> DebianMirror.of("/srv/debian", null))
                .hasMessageContaining("is not an http:// or https:// URL");
    }
}
