package dev.winelib.toolchain;

/**
 * The build cannot produce a correct module. The message is meant for the user as it is: it names
 * the input (file:line:column where there is one) and what to do.
 */
public final class BuildFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public BuildFailure(String message) {
        super(message);
    }

    public BuildFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
