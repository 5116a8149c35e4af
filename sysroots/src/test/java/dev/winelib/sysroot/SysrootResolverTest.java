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
}
