package dev.winelib.unixlib;

import java.util.regex.Pattern;

/**
 * The two file names of a unixlib module. Wine looks for a builtin DLL under its name in lower
 * case and, for a DLL found as {@code DIR/NAME.EXT} (or {@code DIR/x86_64-windows/NAME.EXT}),
 * expects the Unix library at {@code DIR/NAME.so} (or {@code DIR/x86_64-unix/NAME.so}): the name
 * with its last extension replaced by {@code .so}.
 *
 * @param dll the PE DLL's file name, e.g. {@code unixhello.dll}
 * @param unixLibrary the Unix library's file name, e.g. {@code unixhello.so}
 */
public record ModuleNames(String dll, String unixLibrary) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9_+-][a-z0-9_.+-]*\\.[a-z0-9_+-]+");

    /**
     * The names for a DLL file name.
     *
     * @throws IllegalArgumentException with what to do, when Wine could not find the files under
     *     that name
     */
    public static ModuleNames of(String dllFileName) {
        if (!NAME.matcher(dllFileName).matches()) {
            String lower = dllFileName.toLowerCase(java.util.Locale.ROOT);
            if (!lower.equals(dllFileName) && NAME.matcher(lower).matches()) {
                throw new IllegalArgumentException("the DLL name '" + dllFileName + "' has capital letters: Wine looks"
                        + " builtin DLLs and their Unix libraries up under lower-case names; name it '" + lower + "'");
            }
            throw new IllegalArgumentException("the DLL name '" + dllFileName + "' is not a plain file name with an"
                    + " extension (lower-case letters, digits, '_', '-', '+' and '.'), such as 'mylib.dll'");
        }
        int dot = dllFileName.lastIndexOf('.');
        return new ModuleNames(dllFileName, dllFileName.substring(0, dot) + ".so");
    }
}
