package dev.winelib.toolchain.pe;

import java.util.List;

/**
 * The imports from one DLL as Wine's loader will read them.
 *
 * @param dllName the DLL's name
 * @param functions each imported function: its name, or {@code #ORDINAL}
 * @param delayed whether it comes from the delay-import directory
 */
public record PeImport(String dllName, List<String> functions, boolean delayed) {
    public PeImport {
        functions = List.copyOf(functions);
    }
}
