package dev.winelib.toolchain.compile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.winelib.sysroot.Architecture;
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

    /** The macros of a 64-bit build: Win64 and Win32, the calling conventions all {@code ms_abi}. */
    private static final List<String> DEFINES_64 = List.of(
            "-DWIN64", "-D_WIN64", "-D__WIN64", "-D__WIN64__",
            "-DWIN32", "-D_WIN32", "-D__WIN32", "-D__WIN32__",
            "-D__WINNT", "-D__WINNT__",
            "-D__stdcall=__attribute__((ms_abi))",
            "-D__cdecl=__stdcall",
            "-D__fastcall=__stdcall");
    /**
     * The macros of a 32-bit build, as winegcc {@code -m32} defines them: Win32 without Win64, and
     * the i386 calling conventions themselves ({@code stdcall}: the callee pops its arguments;
     * {@code fastcall}: the first two in ecx and edx), with the stack realigned on entry since
     * Windows callers keep it only 4-byte aligned.
     */
    private static final List<String> DEFINES_32 = List.of(
            "-DWIN32", "-D_WIN32", "-D__WIN32", "-D__WIN32__",
            "-D__WINNT", "-D__WINNT__",
            "-D__stdcall=__attribute__((__stdcall__)) __attribute__((__force_align_arg_pointer__))",
            "-D__cdecl=__attribute__((__cdecl__)) __attribute__((__force_align_arg_pointer__))",
            "-D__fastcall=__attribute__((__fastcall__))");
    private static final List<String> DEFINES = List.of(
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
            "-D__WINE__");

    private WinelibCFlags() {
    }

    /** Code generation flags and macros of a 64-bit build, without include directories. */
    public static List<String> baseFlags() {
        return baseFlags(Architecture.X86_64);
    }

    /**
     * Code generation flags and macros for {@code arch}, without include directories: for
     * {@code i386} {@code -m32} and the 32-bit macros ({@code _WIN32} without {@code _WIN64},
     * {@code __int64} as {@code long long}); position-independent code for both, as winegcc.
     */
    public static List<String> baseFlags(Architecture arch) {
        List<String> flags = new ArrayList<>();
        flags.add(arch.compilerFlag());
        flags.add("-fPIC");
        flags.add("-fshort-wchar");
        flags.add("-fno-strict-aliasing");
        flags.add("-DWINE_UNICODE_NATIVE");
        flags.add("-D_REENTRANT");
        flags.addAll(arch.is64Bit() ? DEFINES_64 : DEFINES_32);
        flags.addAll(DEFINES.subList(0, DEFINES.size() - 1));
        flags.add(arch.is64Bit() ? "-D__int64=long" : "-D__int64=long long");
        flags.add(DEFINES.get(DEFINES.size() - 1));
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
