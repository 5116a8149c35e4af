package dev.winelib.sysroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysrootResolverTest {

    @TempDir
    Path dir;

    @Test
    void hostDirectoriesAndErrors() throws Exception {
        SysrootResolver resolver = new SysrootResolver(new SysrootCache(dir.resolve("cache")));
        assertThat(resolver.resolve("host").isHost()).isTrue();
        Path tree = Files.createDirectories(dir.resolve("tree"));
        assertThat(resolver.resolve(tree.toString()).root()).isEqualTo(tree);
        assertThatThrownBy(() -> resolver.resolve(dir.resolve("missing").toString()))
                .isInstanceOf(SysrootException.class).hasMessageContaining("does not exist")
                .hasMessageContaining("'sniper'");
        Path notArchive = Files.writeString(dir.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> resolver.resolve(notArchive.toString()))
                .isInstanceOf(SysrootException.class).hasMessageContaining("is a file but not a tar archive");
        Path badArchive = Files.writeString(dir.resolve("bad.tar.gz"), "not gzip");
        assertThatThrownBy(() -> resolver.resolve(badArchive.toString())).isInstanceOf(SysrootException.class);
        try (var entries = Files.list(dir.resolve("cache"))) {
            assertThat(entries.filter(p -> !p.getFileName().toString().startsWith("."))).isEmpty();
        }
    }

    @Test
    void anArchiveCanBePinnedToItsSha256() throws Exception {
        SysrootResolver resolver = new SysrootResolver(new SysrootCache(dir.resolve("cache")));
        Path archive = TarBuilder.debianLike().write(dir.resolve("in"), "sysroot", TarBuilder.Compression.XZ);
        String sha256 = Manifest.sha256(archive);
        assertThat(resolver.resolve(archive.toString(), java.util.Optional.of(sha256.toUpperCase())).root())
                .isDirectory();
        String wrong = "0".repeat(64);
        assertThatThrownBy(() -> resolver.resolve(archive.toString(), java.util.Optional.of(wrong)))
                .isInstanceOf(SysrootException.class).hasMessageContaining("has sha256 " + sha256 + ", expected " + wrong);
        assertThatThrownBy(() -> resolver.resolve(archive.toString(), java.util.Optional.of("abc")))
                .isInstanceOf(SysrootException.class).hasMessageContaining("is not 64 hex digits");
        assertThatThrownBy(() -> resolver.resolve("host", java.util.Optional.of(sha256)))
                .isInstanceOf(SysrootException.class).hasMessageContaining("applies only to an archive");
        assertThatThrownBy(() -> resolver.resolve("sniper", java.util.Optional.of(sha256)))
                .isInstanceOf(SysrootException.class).hasMessageContaining("applies only to an archive");
    }

    @Test
    void emptyPackageEntriesAreIgnoredAndHintsAreOnlyForSniper() throws Exception {
        SysrootResolver resolver = new SysrootResolver(new SysrootCache(dir.resolve("cache")))
                .withDebianPackages(java.util.Arrays.asList(null, "", " ", "libpulse-dev", "libsdl2-dev, libpulse-dev ", ","));
        assertThat(resolver.debianPackages()).containsExactly("libpulse-dev", "libsdl2-dev");
        assertThat(new SysrootResolver(new SysrootCache(dir.resolve("cache")))
                .withDebianPackages(java.util.Arrays.asList(null, "")).debianPackages()).isEmpty();
        Path tree = Files.createDirectories(dir.resolve("tree"));
        assertThat(resolver.hints(tree.toString(), Sysroot.directory(tree))).isEmpty();
        assertThat(resolver.hints("host", Sysroot.host())).isEmpty();
        assertThat(resolver.hints("sniper", Sysroot.directory(tree))).isPresent();
    }
}
