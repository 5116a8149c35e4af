package dev.winelib.toolchain.glibc;

import java.util.Set;

/**
 * The shared libraries (x86_64 sonames) that Steam Runtime 3 'sniper', the container Proton 8.0+
 * and newer native games run in, provides to the programs inside it.
 *
 * <p>Composed, as a list of facts, from the Steam Runtime's documented package set for sniper: the
 * runtime is built from Debian 11 'bullseye' packages (glibc 2.31), and its platform image holds
 * the libraries the {@code steamrt-libs} metapackage of steamrt's {@code steamrt/sniper} branch
 * depends on (https://gitlab.steamos.cloud/steamrt/steamrt/-/tree/steamrt/sniper, see also the
 * "Steam Linux Runtime" documentation of steam-runtime-tools). The sonames are those of the
 * corresponding bullseye packages. It is deliberately a conservative subset (the C library,
 * the compiler runtimes, graphics, audio, input, fonts, networking, GLib): a library missing from
 * here only gives a warning, never a failure.
 */
final class SteamRuntimeSniper {

    private SteamRuntimeSniper() {
    }

    static final String NAME = "Steam Runtime 'sniper'";

    private static final Set<String> LIBRARIES = Set.of(
            // libc6, libcrypt1
            "ld-linux-x86-64.so.2", "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1",
            "libresolv.so.2", "libutil.so.1", "libanl.so.1", "libcrypt.so.1",
            // gcc runtimes
            "libgcc_s.so.1", "libstdc++.so.6",
            // zlib1g
            "libz.so.1",
            // X11 and XCB
            "libX11.so.6", "libX11-xcb.so.1", "libXau.so.6", "libXdmcp.so.6", "libXext.so.6", "libXfixes.so.3",
            "libXi.so.6", "libXrandr.so.2", "libXrender.so.1", "libXcursor.so.1", "libXinerama.so.1",
            "libXcomposite.so.1", "libXdamage.so.1", "libXss.so.1", "libXtst.so.6", "libXxf86vm.so.1",
            "libICE.so.6", "libSM.so.6", "libxcb.so.1", "libxcb-dri2.so.0", "libxcb-dri3.so.0",
            "libxcb-glx.so.0", "libxcb-present.so.0", "libxcb-randr.so.0", "libxcb-render.so.0",
            "libxcb-shm.so.0", "libxcb-sync.so.1", "libxcb-xfixes.so.0", "libxcb-xkb.so.1",
            "libxkbcommon.so.0", "libxkbcommon-x11.so.0", "libxshmfence.so.1",
            // Wayland
            "libwayland-client.so.0", "libwayland-cursor.so.0", "libwayland-egl.so.1",
            // OpenGL (libglvnd), Mesa's loader interfaces, Vulkan, video acceleration
            "libGL.so.1", "libGLX.so.0", "libGLdispatch.so.0", "libOpenGL.so.0", "libEGL.so.1", "libGLESv2.so.2",
            "libGLU.so.1", "libgbm.so.1", "libdrm.so.2", "libvulkan.so.1", "libva.so.2", "libvdpau.so.1",
            // audio
            "libasound.so.2", "libpulse.so.0", "libpulse-simple.so.0", "libopenal.so.1",
            // SDL, input, system services
            "libSDL2-2.0.so.0", "libudev.so.1", "libusb-1.0.so.0", "libdbus-1.so.3",
            // fonts and images
            "libfreetype.so.6", "libfontconfig.so.1", "libexpat.so.1", "libpng16.so.16", "libjpeg.so.62",
            // GLib
            "libglib-2.0.so.0", "libgobject-2.0.so.0", "libgio-2.0.so.0", "libgmodule-2.0.so.0",
            "libgthread-2.0.so.0", "libffi.so.7",
            // networking and TLS
            "libcurl.so.4", "libcurl-gnutls.so.4", "libgnutls.so.30", "libssl.so.1.1", "libcrypto.so.1.1",
            // terminal
            "libtinfo.so.6", "libncursesw.so.6");

    /** Whether sniper provides a library, by soname. */
    static boolean provides(String soname) {
        return LIBRARIES.contains(soname);
    }
}
