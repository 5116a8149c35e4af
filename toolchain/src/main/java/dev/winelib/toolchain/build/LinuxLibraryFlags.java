package dev.winelib.toolchain.build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.winelib.sysroot.SysrootException;
import dev.winelib.sysroot.SysrootHints;
import dev.winelib.sysroot.SysrootLayout;
import dev.winelib.sysroot.pkgconfig.PkgConfig;
import dev.winelib.sysroot.pkgconfig.PkgConfigResult;
import dev.winelib.toolchain.BuildFailure;

/**
 * The flags of the Linux libraries a module names as pkg-config modules, read from the sysroot's
 * {@code .pc} files: compiler flags for the plain Linux code, and ld.lld arguments for the link.
 *
 * @param cflags compiler flags ({@code -I} inside the sysroot, {@code -D}, ...), in pkg-config's order
 * @param linkArguments ld.lld arguments ({@code -L}, {@code -l}, ...), in pkg-config's order
 * @param pcFiles the {@code .pc} files read
 */
public record LinuxLibraryFlags(List<String> cflags, List<String> linkArguments, List<Path> pcFiles) {

    public LinuxLibraryFlags {
        cflags = List.copyOf(cflags);
        linkArguments = List.copyOf(linkArguments);
        pcFiles = List.copyOf(pcFiles);
    }

    /** No libraries. */
    public static LinuxLibraryFlags none() {
        return new LinuxLibraryFlags(List.of(), List.of(), List.of());
    }

    /**
     * The flags of the request's pkg-config modules in its sysroot; a missing module, a version that
     * does not fit or a refused flag fails the build naming it (and, with the request's
     * {@link ModuleRequest#sysrootHints() hints}, the Debian package that ships the module).
     *
     * @param layout the sysroot's layout: {@code -L} directories are given as directories of its
     *     link root, which ld.lld links against
     */
    public static LinuxLibraryFlags resolve(ModuleRequest request, SysrootLayout layout) throws BuildFailure {
        if (request.pkgConfigModules().isEmpty()) {
            return none();
        }
        Path tree = request.sysroot().root();
        Function<String, String> advice = request.sysrootHints()
                .<Function<String, String>>map(h -> h::missingPkgConfigModule).orElse(module -> "");
        PkgConfigResult result;
        try {
            result = new PkgConfig(tree, request.architecture(), advice).resolve(request.pkgConfigModules());
        } catch (SysrootException e) {
            throw new BuildFailure("pkgConfig: " + e.getMessage(), e);
        }
        return new LinuxLibraryFlags(result.cflags(), linkArguments(result.libs(), tree, layout.linkRoot()),
                result.pcFiles());
    }

    /**
     * pkg-config's {@code Libs} as arguments of ld.lld, which is run directly rather than through a
     * compiler driver: {@code -pthread} becomes {@code -lpthread}, {@code -Wl,A,B} becomes
     * {@code A B}, {@code -L} directories of {@code tree} become those of {@code linkRoot}, and
     * compiler-only flags ({@code -W} warnings, {@code -D}, {@code -U}, {@code -I}) are dropped.
     */
    static List<String> linkArguments(List<String> libs, Path tree, Path linkRoot) {
        Path root = tree.toAbsolutePath().normalize();
        List<String> arguments = new ArrayList<>();
        for (String flag : libs) {
            if (flag.equals("-pthread")) {
                arguments.add("-lpthread");
            } else if (flag.startsWith("-Wl,")) {
                for (String part : flag.substring(4).split(",")) {
                    if (!part.isEmpty()) {
                        arguments.add(part);
                    }
                }
            } else if (flag.startsWith("-L")) {
                Path dir = Path.of(flag.substring(2)).toAbsolutePath().normalize();
                arguments.add("-L" + (dir.startsWith(root) ? linkRoot.resolve(root.relativize(dir).toString()) : dir));
            } else if (flag.startsWith("-l")) {
                arguments.add(flag);
            }
        }
        return arguments;
    }
}
