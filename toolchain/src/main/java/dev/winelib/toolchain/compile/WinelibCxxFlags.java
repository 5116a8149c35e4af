package dev.winelib.toolchain.compile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.winelib.sysroot.SysrootLayout;
import dev.winelib.sysroot.Architecture;
import dev.winelib.toolchain.BuildFailure;

/**
 * What C++ sources and libstdc++ need in a winelib module.
 *
 * <p>C++ sources get the C flags ({@link WinelibCFlags}) except {@code -fshort-wchar} and
 * {@code -DWINE_UNICODE_NATIVE}: libstdc++ is compiled with a 32-bit {@code wchar_t}, and its wide
 * character functions ({@code std::wstring}, {@code std::wcout}, ...) would read 16-bit strings
 * wrongly. Wine's headers give C++ code a 16-bit {@code WCHAR} anyway ({@code char16_t}), so
 * Win32 wide strings are written {@code u"text"}.
 *
 * <p>The headers and the library come from the same GCC installation of the sysroot: with a
 * sysroot directory (such as {@code sniper}) its {@code usr/include/c++/N} replaces the compiler's
 * own C++ headers, so inline code and {@code libstdc++.a} agree and only the sysroot's glibc
 * symbol versions are needed.
 */
public final class WinelibCxxFlags {

    private WinelibCxxFlags() {
    }

    /** Code generation flags and macros for C++ sources, without include directories. */
    public static List<String> baseFlags() {
        return baseFlags(Architecture.X86_64);
    }

    /** Code generation flags and macros for C++ sources of {@code arch}, without include directories. */
    public static List<String> baseFlags(Architecture arch) {
        List<String> flags = new ArrayList<>(WinelibCFlags.baseFlags(arch));
        flags.remove("-fshort-wchar");
        flags.remove("-DWINE_UNICODE_NATIVE");
        return flags;
    }

    /**
     * The flags that select the sysroot's libstdc++ headers: none for the host (the compiler's own
     * are the host's), {@code -nostdinc++} and the sysroot's GCC's directories otherwise.
     */
    public static List<String> headerFlags(SysrootLayout layout) throws BuildFailure {
        if (layout.sysroot().isHost()) {
            return List.of();
        }
        Path root = layout.sysroot().root();
        String version = layout.gccVersion();
        Path headers = root.resolve("usr/include/c++").resolve(version);
        if (!Files.isDirectory(headers)) {
            throw new BuildFailure("sysroot " + layout.sysroot() + " has no C++ headers for its gcc " + version + " ("
                    + headers + "): add libstdc++-" + version + "-dev to the sysroot");
        }
        List<String> flags = new ArrayList<>();
        flags.add("-nostdinc++");
        flags.add("-isystem");
        flags.add(headers.toString());
        Path targetHeaders = root.resolve("usr/include").resolve(layout.architecture().multiarch()).resolve("c++").resolve(version);
        if (Files.isDirectory(targetHeaders)) {
            flags.add("-isystem");
            flags.add(targetHeaders.toString());
        }
        Path backward = headers.resolve("backward");
        if (Files.isDirectory(backward)) {
            flags.add("-isystem");
            flags.add(backward.toString());
        }
        return flags;
    }

    /**
     * The linker arguments that link libstdc++ (and libm, which it needs) the given way, placed
     * before the C library.
     */
    public static List<String> libraryArguments(CxxRuntime runtime, SysrootLayout layout) throws BuildFailure {
        switch (runtime) {
            case NONE:
                return List.of();
            case STATIC:
                requireLibrary(layout, "libstdc++.a");
                return List.of("--push-state", "-Bstatic", "-lstdc++", "--pop-state", "-lm");
            case SHARED:
                requireLibrary(layout, "libstdc++.so");
                return List.of("-lstdc++", "-lm");
            default:
                throw new IllegalStateException(runtime.toString());
        }
    }

    /** The sysroot's {@code libstdc++.a}, if it has one. */
    public static Optional<Path> staticLibrary(SysrootLayout layout) {
        for (Path dir : layout.libraryDirectories()) {
            if (Files.isRegularFile(dir.resolve("libstdc++.a"))) {
                return Optional.of(dir.resolve("libstdc++.a"));
            }
        }
        return Optional.empty();
    }

    private static void requireLibrary(SysrootLayout layout, String file) throws BuildFailure {
        for (Path dir : layout.libraryDirectories()) {
            if (Files.exists(dir.resolve(file))) {
                return;
            }
        }
        String pkg = "libstdc++-" + layout.gccVersion() + "-dev";
        throw new BuildFailure("sysroot " + layout.sysroot() + " has no " + file + " (looked in "
                + layout.libraryDirectories().stream().map(Path::toString).reduce((a, b) -> a + ", " + b).orElse("")
                + "): " + (layout.sysroot().isHost() ? "install " + pkg + " (apt-get install " + pkg + ")"
                        : "add " + pkg + " to the sysroot"));
    }

    /**
     * The C++ driver that goes with a C compiler: {@code gcc} gives {@code g++}, {@code clang}
     * {@code clang++}, {@code clang-16} {@code clang++-16}, {@code /usr/bin/x86_64-linux-gnu-gcc-12}
     * {@code /usr/bin/x86_64-linux-gnu-g++-12}; empty when the name says neither.
     */
    public static Optional<String> driverFor(String cCompiler) {
        int slash = cCompiler.lastIndexOf('/');
        String dir = cCompiler.substring(0, slash + 1);
        String name = cCompiler.substring(slash + 1);
        if (name.contains("clang++") || name.contains("g++")) {
            return Optional.of(cCompiler);
        }
        int clang = name.lastIndexOf("clang");
        if (clang >= 0) {
            return Optional.of(dir + name.substring(0, clang) + "clang++" + name.substring(clang + "clang".length()));
        }
        int gcc = name.lastIndexOf("gcc");
        if (gcc >= 0) {
            return Optional.of(dir + name.substring(0, gcc) + "g++" + name.substring(gcc + "gcc".length()));
        }
        return Optional.empty();
    }
}
