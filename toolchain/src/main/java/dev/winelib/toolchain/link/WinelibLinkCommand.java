package dev.winelib.toolchain.link;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.winelib.sysroot.SysrootLayout;

/**
 * The ld.lld command line of a winelib module: C runtime start files around the objects, the
 * version script that exports only the NT header, and the ordering script that keeps the header
 * reserve first.
 */
public final class WinelibLinkCommand {

    private WinelibLinkCommand() {
    }

    public static List<String> command(Path linker, SysrootLayout sysroot, Path versionScript, Path orderingScript,
            Path moduleObject, List<Path> objects, List<String> ldflags, List<String> libraries, Path output) {
        return command(linker, sysroot, versionScript, orderingScript, moduleObject, objects, ldflags, libraries,
                List.of(), output);
    }

    /**
     * @param objects objects and static libraries, in link order
     * @param runtimeLibraries linker arguments for language runtimes (libstdc++, the native libraries
     *     of a Rust crate), after the configured libraries and before the C library
     */
    public static List<String> command(Path linker, SysrootLayout sysroot, Path versionScript, Path orderingScript,
            Path moduleObject, List<Path> objects, List<String> ldflags, List<String> libraries,
            List<String> runtimeLibraries, Path output) {
        List<Path> all = new ArrayList<>();
        all.add(moduleObject);
        all.addAll(objects);
        return UnixLinkCommand.arguments(linker, sysroot, List.of("-z", "max-page-size=0x1000", "-z", "relro"),
                versionScript, List.of("-T", orderingScript.toString()), all, ldflags, libraries, runtimeLibraries,
                output);
    }
}
