package dev.winelib.toolchain.compile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.winelib.toolchain.BuildFailure;

/**
 * The compiler flags winelib code needs, matching what winegcc passes for a 64-bit Unix target:
 * position-independent code, 16-bit wchar_t, the Win64 platform macros, the calling-convention
 * keywords mapped to {@code ms_abi}, {@code __declspec} and {@code __intN} spellings, and Wine's
 * headers when they are installed.
 */
public final class WinelibCFlags {

    /** Where Wine's Windows headers are installed by Debian's libwine-dev and by a source build. */
    public static final List<Path> WINE_WINDOWS_INCLUDE_DIRS = List.of(
            Path.of("/usr/include/wine/wine/windows"),
            Path.of("/usr/include/wine/windows"),
            Path.of("/usr/local/include/wine/windows"));
    /** Where {@code <wine/...>} headers are found. */
    public static final List<Path> WINE_INCLUDE_ROOTS = List.of(
            Path.of("/usr/include/wine"),
            Path.of("/usr/local/include"));

    private static final List<String> DEFINES = List.of(
            "-DWINE_UNICODE_NATIVE",
            "-D_REENTRANT",
            "-DWIN64", "-D_WIN64", "-D__WIN64", "-D__WIN64__",
            "-DWIN32", "-D_WIN32", "-D__WIN32", "-D__WIN32__",
            "-D__WINNT", "-D__WINNT__",
            "-D__stdcall=__attribute__((ms_abi))",
            "-D__cdecl=__stdcall",
            "-D__fastcall=__stdcall",
            "-D_stdcall=__stdcall",
            "-D_cdecl=__cdecl",
            "-D_fastcall=__fastcall",
            "-D__declspec(x)=__declspec_##x",
            "-D__declspec_align(x)=__attribute__((aligned(x)))",
            "-D__declspec_allocate(x)=__attribute__((section(x)))",
            "-D__declspec_deprecated=__attribute__((deprecated))",
            "-D__declspec_dllimport=__attribute__((dllimport))",
            "-D__declspec_dllexport=__attribute__((dllexport))",
            "-D__declspec_naked=__attribute__((naked))",
            "-D__declspec_noinline=__attribute__((noinline))",
            "-D__declspec_noreturn=__attribute__((noreturn))",
            "-D__declspec_nothrow=__attribute__((nothrow))",
            "-D__declspec_novtable=__attribute__(())",
            "-D__declspec_selectany=__attribute__((weak))",
            "-D__declspec_thread=__thread",
            "-D__int8=char",
            "-D__int16=short",
            "-D__int32=int",
            "-D__int64=long",
            "-D__WINE__");

    private WinelibCFlags() {
    }

    /** Code generation flags and macros, without include directories. */
    public static List<String> baseFlags() {
        List<String> flags = new ArrayList<>();
        flags.add("-m64");
        flags.add("-fPIC");
        flags.add("-fshort-wchar");
        flags.add("-fno-strict-aliasing");
        flags.addAll(DEFINES);
        return flags;
    }

    /**
     * For code using Wine's C runtime (winegcc {@code -mno-cygwin}): Wine's msvcrt headers, found next to
     * the Windows headers and searched before them, and {@code __MSVCRT__}. Fails when they are not
     * installed.
     */
    public static List<String> wineCRuntimeFlags() throws BuildFailure {
        for (Path dir : WINE_WINDOWS_INCLUDE_DIRS) {
            Path msvcrt = dir.resolveSibling("msvcrt");
            if (Files.isRegularFile(msvcrt.resolve("stdio.h"))) {
                return List.of("-isystem", msvcrt.toString(), "-D__MSVCRT__");
            }
        }
        throw new BuildFailure("Wine's C runtime headers (stdio.h in a msvcrt directory next to "
                + WINE_WINDOWS_INCLUDE_DIRS.stream().map(Path::toString).toList() + ") are not installed: install"
                + " the Debian package libwine-dev, or use the C library (cRuntime glibc)");
    }

    /** {@code -isystem}/{@code -idirafter} flags for the Wine headers found on this machine. */
    public static List<String> wineIncludeFlags() {
        List<String> flags = new ArrayList<>();
        for (Path dir : WINE_WINDOWS_INCLUDE_DIRS) {
            if (Files.isRegularFile(dir.resolve("windows.h"))) {
                flags.add("-isystem");
                flags.add(dir.toString());
            }
        }
        for (Path dir : WINE_INCLUDE_ROOTS) {
            if (Files.isDirectory(dir.resolve("wine"))) {
                flags.add("-idirafter");
                flags.add(dir.toString());
            }
        }
        return flags;
    }
}
