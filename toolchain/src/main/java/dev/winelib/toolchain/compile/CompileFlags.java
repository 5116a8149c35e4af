package dev.winelib.toolchain.compile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.winelib.toolchain.build.ModuleRequest;

/** The compiler flags every module kind's compilers share: sysroot, path maps, include directories. */
public final class CompileFlags {

    private CompileFlags() {
    }

    /**
     * The flags that point a Linux compiler at the request's sysroot ({@code --sysroot}, unless it
     * is the host) and keep locations out of the objects ({@link #pathMaps}).
     */
    public static List<String> sysroot(ModuleRequest request) {
        List<String> flags = new ArrayList<>();
        if (!request.sysroot().isHost()) {
            flags.add("--sysroot=" + request.sysroot().root());
        }
        flags.addAll(pathMaps(request, true));
        return flags;
    }

    /**
     * Flags that keep the checkout directory (and, with {@code linuxCode}, the sysroot cache's
     * location) out of the objects ({@code __FILE__}, debug information): the project directory is
     * written as {@code .}, a non-host sysroot as {@code /sysroot}. GCC and clang use the last
     * matching map, so the more specific sysroot comes after the project directory.
     */
    public static List<String> pathMaps(ModuleRequest request, boolean linuxCode) {
        List<String> flags = new ArrayList<>();
        request.baseDirectory().ifPresent(d -> flags.add("-ffile-prefix-map=" + d + "=."));
        if (linuxCode && !request.sysroot().isHost()) {
            flags.add("-ffile-prefix-map=" + request.sysroot().root().toAbsolutePath().normalize() + "=/sysroot");
        }
        return flags;
    }

    /** {@code -I} flags for the request's include directories, as absolute paths. */
    public static List<String> includes(ModuleRequest request) {
        List<String> flags = new ArrayList<>();
        for (Path dir : request.includeDirectories()) {
            flags.add("-I" + dir.toAbsolutePath());
        }
        return flags;
    }
}
