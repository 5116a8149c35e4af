package dev.winelib.unixlib;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import dev.winelib.toolchain.implib.WindowsLinkFiles;

/**
 * What a unixlib build did.
 *
 * @param dlls the PE halves by architecture, in the requested order ({@code NAME.dll}, or
 *     {@code ARCH-windows/NAME.dll} in Wine's layout)
 * @param unixLibrary the 64-bit Unix half, {@code NAME.so} (or {@code x86_64-unix/NAME.so})
 * @param unixLibrary32 the 32-bit Unix half {@code i386-unix/NAME.so}, when an i686 PE half was built
 * @param linkFiles32 the 32-bit DLL's import library and {@code .def} file for 32-bit programs
 *     ({@code i386-windows/libNAME.a}, {@code i386-windows/NAME.def}), when it was built
 * @param compiledSources how many sources of both halves were compiled (0 when all were up to date)
 * @param linkedDll whether some DLL was linked (false when all were up to date)
 * @param linkedUnixLibrary whether some Unix library was linked
 * @param calls the number of unix calls
 * @param exports the number of the DLL's export entries
 */
public record UnixlibBuildResult(Map<PeArchitecture, Path> dlls, Path unixLibrary, Optional<Path> unixLibrary32,
        Optional<WindowsLinkFiles> linkFiles32, int compiledSources, boolean linkedDll, boolean linkedUnixLibrary, int calls, int exports) {

    public UnixlibBuildResult {
        dlls = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dlls));
    }

    /** The first architecture's DLL: the project's main artifact. */
    public Path dll() {
        return dlls.values().iterator().next();
    }
}
