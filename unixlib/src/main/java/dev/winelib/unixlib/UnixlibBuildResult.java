package dev.winelib.unixlib;

import java.nio.file.Path;

/**
 * What a unixlib build did.
 *
 * @param dll the PE half, {@code NAME.dll}
 * @param unixLibrary the Unix half, {@code NAME.so}
 * @param compiledSources how many sources of both halves were compiled (0 when all were up to date)
 * @param linkedDll whether the DLL was linked (false when it was up to date)
 * @param linkedUnixLibrary whether the Unix library was linked
 * @param calls the number of unix calls
 * @param exports the number of the DLL's export entries
 */
public record UnixlibBuildResult(Path dll, Path unixLibrary, int compiledSources, boolean linkedDll,
        boolean linkedUnixLibrary, int calls, int exports) {
}
