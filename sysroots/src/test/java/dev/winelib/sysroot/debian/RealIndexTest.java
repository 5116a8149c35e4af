package dev.winelib.sysroot.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.winelib.sysroot.DebianNetwork;
import dev.winelib.sysroot.SniperSysroot;
import dev.winelib.sysroot.SysrootException;

/** Against the real Debian 11 archive (deb.debian.org): signed releases, the package index, resolution, Contents. */
class RealIndexTest {

    static DebianArchive archive;

    @BeforeAll
    static void archive() {
        DebianNetwork.require();
        archive = SniperSysroot.archive(DebianNetwork.sharedCache(), DebianMirror.debian(), m -> { });
    }

    @Test
    void theThreeSuitesAreSignedByDebiansKeysAndListTheirIndices() throws Exception {
        Map<String, SignedRelease> releases = archive.releases();
        assertThat(releases).containsOnlyKeys("bullseye", "bullseye-updates", "bullseye-security");
        assertThat(releases.get("bullseye").signer()).contains("Debian");
        assertThat(releases.get("bullseye-security").signer()).contains("Debian Security Archive");
        for (SignedRelease r : releases.values()) {
            assertThat(r.file(DebianArchive.PACKAGES)).isPresent();
        }
    }

    @Test
    void gamePackagesResolveWithTheirLibrariesAndWithoutRuntimeOnlyPackages() throws Exception {
        PackageIndex index = archive.packageIndex();
        assertThat(index.size()).isGreaterThan(50_000);
        PackageSelection s = PackageSelection.resolve(index, SniperSysroot.PACKAGES, DebianNetwork.GAME_PACKAGES);
        assertThat(s.names()).contains("libpulse0", "libvulkan1", "libsdl2-2.0-0", "libx11-dev", "libasound2-dev",
                "libc6", "libstdc++6").doesNotContain("python3", "perl", "libgl1-mesa-dri", "libllvm11", "dpkg");
        assertThat(s.leftOut()).containsKeys("libgl1-mesa-dri", "pkg-config");
        BinaryPackage libc6 = index.get("libc6").orElseThrow();
        assertThat(libc6.version()).isGreaterThan(DebianVersion.parse("2.31-13+deb11u10"));
        assertThat(libc6.suite()).isEqualTo("bullseye-security");
        // every dependency group of every selected package is met inside the selection or was left out on purpose
        for (BinaryPackage p : s.packages()) {
            for (List<Relation> group : p.dependencies()) {
                boolean met = group.stream().anyMatch(r -> s.names().contains(r.name()) || s.leftOut().containsKey(r.name())
                        || s.packages().stream().anyMatch(q -> q.provides().stream().anyMatch(v -> v.name().equals(r.name()))));
                boolean base = SniperSysroot.PACKAGES.contains(p.name());
                assertThat(met || base).as(p.id() + " needs " + group).isTrue();
            }
        }
    }

    @Test
    void aMisspelledPackageGetsOneErrorWithTheRightName() {
        assertThatThrownBy(() -> PackageSelection.resolve(archive.packageIndex(), SniperSysroot.PACKAGES,
                List.of("libpulse-devv"))).isInstanceOf(SysrootException.class)
                .hasMessageStartingWith("no Debian 11 package 'libpulse-devv'; did you mean 'libpulse-dev'?");
    }

    @Test
    void theContentsIndexNamesThePackageOfAHeader() throws Exception {
        long start = System.nanoTime();
        ContentsIndex contents = archive.contents();
        Map<String, String> found = contents.packagesShipping("usr/include/pulse/pulseaudio.h"::equals);
        System.out.printf("Contents lookup (download if needed + scan): %.1f s%n", (System.nanoTime() - start) / 1e9);
        assertThat(found).containsEntry("libpulse-dev", "usr/include/pulse/pulseaudio.h");
        try (var files = Files.list(DebianNetwork.sharedCache().root().resolve(".debian/indices"))) {
            assertThat(files.map(Path::getFileName).map(Path::toString).toList())
                    .allMatch(n -> n.matches("[0-9a-f]{64}"));
        }
    }
}
