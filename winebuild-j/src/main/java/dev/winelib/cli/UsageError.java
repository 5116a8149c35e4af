package dev.winelib.cli;

/** A command line winebuild-j cannot act on (exit status 2); the message says what to do instead. */
final class UsageError extends Exception {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
        super(message);
    }
}
