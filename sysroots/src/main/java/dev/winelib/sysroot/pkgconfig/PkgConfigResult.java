package dev.winelib.sysroot.pkgconfig;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link PkgConfig} found for a list of modules: the flags, each one command-line argument,
 * checked against {@link PkgConfig}'s flag policy, with {@code -I} and {@code -L} paths inside the
 * sysroot.
 *
 * @param cflags compiler flags ({@code -I}, {@code -D}, {@code -U}, {@code -pthread}, {@code -W...}), in
 *     pkg-config's order
 * @param libs linker flags for shared linking ({@code -L}, {@code -l}, {@code -pthread},
 *     {@code -Wl,...} of a few known options), in pkg-config's order
 * @param pcFiles the {@code .pc} files read, in the order they were first used
 */
public record PkgConfigResult(List<String> cflags, List<String> libs, List<Path> pcFiles) {

    public PkgConfigResult {
        cflags = List.copyOf(cflags);
        libs = List.copyOf(libs);
        pcFiles = List.copyOf(pcFiles);
    }
}
