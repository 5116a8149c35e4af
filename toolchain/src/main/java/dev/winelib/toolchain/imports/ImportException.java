package dev.winelib.toolchain.imports;

/**
 * An export list that cannot be read: a malformed or unreadable definition file, PE DLL or import
 * library. The message names the file and says what is wrong.
 */
public final class ImportException extends Exception {
    private static final long serialVersionUID = 1L;

    public ImportException(String message) {
        super(message);
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
