package dev.winelib.sysroot;

/** A sysroot that cannot be used, with what to do about it. */
public final class SysrootException extends Exception {
    private static final long serialVersionUID = 1L;

    public SysrootException(String message) {
        super(message);
    }

    public SysrootException(String message, Throwable cause) {
        super(message, cause);
    }
}
