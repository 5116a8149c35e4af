package dev.winelib.toolchain.compile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.winelib.sysroot.SysrootLayout;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.build.ModuleRequest;

/**
 * The compiler flags of plain Linux code: a winelib DLL's {@code src/main/unix} and a unixlib
 * module's Unix half. It is compiled as any Linux library would be: position-independent, against
 * the sysroot, with the project's include directories and the pkg-config modules' flags, and none
 * of what winelib code gets ({@link WinelibCFlags}): no {@code _WIN32}/{@code WIN32}/{@code _WIN64},
 * no {@code __stdcall}/{@code __cdecl} as {@code ms_abi}, no {@code -fshort-wchar}, no Wine headers.
 * Linux library headers then declare their functions with the Linux calling convention (Vulkan's
 * {@code VKAPI_CALL} would otherwise become {@code ms_abi}) and find the headers they expect (SDL2's
 * would otherwise look for {@code <process.h>}).
 */
public final class PlainLinuxFlags {

    private PlainLinuxFlags() {
    }

    /**
     * C flags: {@code -m64 -fPIC} ({@code -m32} for i386), the sysroot and path maps, {@code generatedIncludes} (the
     * build's own headers, first), the request's include directories, {@code libraryCflags} (from
     * pkg-config) and the request's {@code cflags} last.
     */
    public static List<String> c(ModuleRequest request, List<Path> generatedIncludes, List<String> libraryCflags) {
        List<String> flags = new ArrayList<>();
        flags.add(request.architecture().compilerFlag());
        flags.add("-fPIC");
        flags.addAll(CompileFlags.sysroot(request));
        generatedIncludes.forEach(dir -> flags.add("-I" + dir));
        flags.addAll(CompileFlags.includes(request));
        flags.addAll(libraryCflags);
        flags.addAll(request.cflags());
        return flags;
    }

    /**
     * C++ flags: as {@link #c} but with the sysroot GCC's C++ headers ({@link WinelibCxxFlags#headerFlags})
     * and {@code cxxflags} instead of the request's C flags.
     */
    public static List<String> cxx(ModuleRequest request, SysrootLayout layout, List<String> libraryCflags,
            List<String> cxxflags) throws BuildFailure {
        List<String> flags = new ArrayList<>();
        flags.add(request.architecture().compilerFlag());
        flags.add("-fPIC");
        flags.addAll(CompileFlags.sysroot(request));
        flags.addAll(WinelibCxxFlags.headerFlags(layout));
        flags.addAll(CompileFlags.includes(request));
        flags.addAll(libraryCflags);
        flags.addAll(cxxflags);
        return flags;
    }
}
