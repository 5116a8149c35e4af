package dev.winelib.sysroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.winelib.sysroot.debian.DebianMirror;
import dev.winelib.sysroot.pkgconfig.PkgConfig;

/** Advice for a missing header, library or pkg-config module, with Debian's Contents index and without it. */
class SysrootHintsTest {

    @Test
    void withTheContentsIndexThePackageIsNamed() throws Exception {
        DebianNetwork.require();
        SysrootCache cache = DebianNetwork.sharedCache();
        Path base = SniperSysroot.provision(cache, List.of(), DebianMirror.debian(), m -> { });
        SysrootHints hints = SysrootHints.forSniper(cache, base, List.of(), DebianMirror.debian(), m -> { });
        assertThat(hints.missingHeader("pulse/pulseaudio.h"))
                .startsWith("The 'sniper' sysroot holds only the Debian 11 packages it was made of: the base set (libc6 ")
                .contains("The header <pulse/pulseaudio.h> is in Debian 11 package 'libpulse-dev'"
                        + " (usr/include/pulse/pulseaudio.h)")
                .contains("<sysrootPackages><sysrootPackage>libpulse-dev</sysrootPackage></sysrootPackages>")
                .contains("-Dwinelib.sysrootPackages=libpulse-dev");
        assertThat(hints.missingLibrary("-lSDL2")).contains("The library -lSDL2 is in Debian 11 package 'libsdl2-dev'");
        assertThat(hints.missingPkgConfigModule("vulkan")).contains("package 'libvulkan-dev'");
        assertThat(hints.missingHeader("stdio.h")).startsWith("the header <stdio.h> is in Debian 11 package libc6-dev")
                .contains("which the sysroot already holds");
        assertThat(hints.missingHeader("no/such/header-xyz.h")).contains("No Debian 11 package ships the header");

        // wired into pkg-config: the missing module's message names the package
        assertThatThrownBy(() -> new PkgConfig(base, hints::missingPkgConfigModule).resolve(List.of("libpulse")))
                .hasMessageContaining("pkg-config module 'libpulse' is not in the sysroot")
                .hasMessageContaining("is in Debian 11 package 'libpulse-dev'");
    }

    @Test
    void withoutTheContentsIndexTheHintIsGeneric() {
        SysrootHints hints = new SysrootHints(List.of("libc6=2.31-13+deb11u14", "libpulse-dev=14.2-2",
                "libpulse0=14.2-2"), List.of("libpulse-dev"), Optional::empty);
        assertThat(hints.missingHeader("SDL2/SDL.h")).isEqualTo("The 'sniper' sysroot holds only the Debian 11"
                + " packages it was made of: the base set (" + String.join(" ", SniperSysroot.PACKAGES) + ") plus"
                + " libpulse-dev and their dependencies; 3 packages in all. If the header <SDL2/SDL.h> comes from a"
                + " Debian 11 package (see https://packages.debian.org/bullseye/, 'Search the contents of packages'),"
                + " add it to the sysroot with <sysrootPackages><sysrootPackage>PACKAGE</sysrootPackage></sysrootPackages>"
                + " in the plugin configuration or -Dwinelib.sysrootPackages=PACKAGE (comma-separated for several); the"
                + " sysroot is then provisioned again with it.");
        assertThat(hints.missingLibrary("-l;rm")).contains("If the library -l;rm comes from");
    }
}
