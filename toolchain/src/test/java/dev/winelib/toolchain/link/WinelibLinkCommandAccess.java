package dev.winelib.toolchain.link;

import java.nio.file.Path;
import java.util.List;

import dev.winelib.sysroot.SysrootLayout;

/**
 * Gives tests in other packages (the differential tests) the exact ld.lld command line the build
 * uses, so that what they link is linked like a real winelib module.
 */
public final class WinelibLinkCommandAccess {

    private WinelibLinkCommandAccess() {
    }

    /** {@link WinelibLinkCommand#command}, with no extra flags or libraries. */
    public static List<String> command(Path linker, SysrootLayout sysroot, Path versionScript, Path orderingScript,
            Path moduleObject, List<Path> objects, Path output) {
        return WinelibLinkCommand.command(linker, sysroot, versionScript, orderingScript, moduleObject, objects,
                List.of(), List.of(), output);
    }
}
