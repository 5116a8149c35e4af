package dev.winelib.spec;

/**
 * An input the spec model cannot accept. The message always starts with the location
 * ({@code file:line:column: }) and says what is wrong; a hint, when there is one, says what to do.
 */
public final class SpecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final SourceLocation location;
    private final String problem;

    public SpecException(SourceLocation location, String problem) {
        super(location + ": " + problem);
        this.location = location;
        this.problem = problem;
    }

    public SourceLocation location() {
        return location;
    }

    /** The message without its location prefix. */
    public String problem() {
        return problem;
    }
}
