package dev.winelib.unixlib;

import dev.winelib.spec.SourceLocation;

/**
 * A {@code .unixcalls} file the build cannot accept. The message starts with the location
 * ({@code file:line:column: }) and says what is wrong and what to write instead.
 */
public final class UnixCallsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient SourceLocation location;
    private final String problem;

    public UnixCallsException(SourceLocation location, String problem) {
        super(location + ": " + problem);
        this.location = location;
        this.problem = problem;
    }

    public SourceLocation location() {
        return location;
    }

    /** The message without its location. */
    public String problem() {
        return problem;
    }
}
