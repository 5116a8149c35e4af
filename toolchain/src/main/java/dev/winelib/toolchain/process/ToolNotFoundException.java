package dev.winelib.toolchain.process;

/** A program the build needs is not installed; the message names the Debian package that provides it. */
public final class ToolNotFoundException extends Exception {
    private static final long serialVersionUID = 1L;

    public ToolNotFoundException(String message) {
        super(message);
    }
}
