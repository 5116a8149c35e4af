package dev.winelib.sysroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysrootArtifactTest {

    @TempDir
    Path dir;

    @Test
    void coordinatesWithOptionalClassifierAndType() throws Exception {
        assertThat(SysrootArtifact.parse("com.example:sysroot:1.0")).isEqualTo(
                new SysrootArtifact("com.example", "sysroot", "1.0", Optional.empty(), "tar.gz"));
        assertThat(SysrootArtifact.parse("com.example:sysroot:1.0:amd64")).isEqualTo(
                new SysrootArtifact("com.example", "sysroot", "1.0", Optional.of("amd64"), "tar.gz"));
        assertThat(SysrootArtifact.parse(" com.example:sysroot:1.0::TAR.XZ ")).isEqualTo(
                new SysrootArtifact("com.example", "sysroot", "1.0", Optional.empty(), "tar.xz"));
        SysrootArtifact full = SysrootArtifact.parse("com.example:sysroot:3.0-SNAPSHOT:amd64:tar");
        assertThat(full.fileName()).isEqualTo("sysroot-3.0-SNAPSHOT-amd64.tar");
        assertThat(full.toString()).isEqualTo("com.example:sysroot:3.0-SNAPSHOT:amd64:tar");
        assertThat(SysrootArtifact.parse(full.toString())).isEqualTo(full);
    }

    @Test
    void malformedCoordinatesAreExplained() {
        assertThatThrownBy(() -> SysrootArtifact.parse("a:b")).isInstanceOf(SysrootException.class)
                .hasMessageContaining("expected 3 to 5 parts").hasMessageContaining("groupId:artifactId:version");
        assertThatThrownBy(() -> SysrootArtifact.parse("a:b:c:d:e:f")).isInstanceOf(SysrootException.class)
                .hasMessageContaining("expected 3 to 5 parts");
        assertThatThrownBy(() -> SysrootArtifact.parse("a::1.0")).isInstanceOf(SysrootException.class)
                .hasMessageContaining("artifactId '' is empty");
        assertThatThrownBy(() -> SysrootArtifact.parse("a:b:1.0::zip")).isInstanceOf(SysrootException.class)
                .hasMessageContaining("type 'zip' is not an archive type");
        assertThatThrownBy(() -> SysrootArtifact.parse("a:b:1 0")).isInstanceOf(SysrootException.class)
                .hasMessageContaining("version '1 0'");
    }

    @Test
    void onlySettingsWithoutPathSeparatorsLookLikeCoordinates() {
        assertThat(SysrootArtifact.looksLikeCoordinates("g:a:1")).isTrue();
        assertThat(SysrootArtifact.looksLikeCoordinates("sniper")).isFalse();
        assertThat(SysrootArtifact.looksLikeCoordinates("/opt/x:y/root")).isFalse();
        assertThat(SysrootArtifact.looksLikeCoordinates(":a:b")).isFalse();
    }

    @Test
    void localRepositoryLayoutAndMissingArtifact() throws Exception {
        LocalRepositoryArtifacts repo = new LocalRepositoryArtifacts(dir.resolve("repo"));
        SysrootArtifact artifact = SysrootArtifact.parse("com.example.sdk:sniper-sysroot:2.0:x64:tar.xz");
        Path expected = dir.resolve("repo/com/example/sdk/sniper-sysroot/2.0/sniper-sysroot-2.0-x64.tar.xz");
        assertThat(repo.pathOf(artifact)).isEqualTo(expected);
        assertThatThrownBy(() -> repo.resolve(artifact)).isInstanceOf(SysrootException.class)
                .hasMessageContaining("not in the local Maven repository")
                .hasMessageContaining(expected.toString())
                .hasMessageContaining("mvn dependency:get -Dartifact=com.example.sdk:sniper-sysroot:2.0:tar.xz:x64");
        Files.createDirectories(expected.getParent());
        Files.writeString(expected, "x");
        assertThat(repo.resolve(artifact)).isEqualTo(expected);
    }
}
