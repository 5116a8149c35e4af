package dev.winelib.toolchain.pe;

/** A file that is not the PE module it should be; the message names the file and the problem. */
public final class PeFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public PeFormatException(String message) {
        super(message);
    }
}
