package dev.winelib.spec;

/**
 * An input the spec model cannot accept. The message always starts with the location
 * ({@code file:line:column: }) and says what is wrong; a hint, when there is one, says what to do.
 */
public final class SpecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final SourceLocation location;
    private final String problem;

    /** The problem's control characters are escaped and a very long problem is shortened ({@link ErrorText}). */
    public SpecException(SourceLocation location, String problem) {
        super(location + ": " + ErrorText.message(problem));
        this.location = location;
        this.problem = ErrorText.message(problem);
    }

    public SourceLocation location() {
        return location;
    }

    /** The message without its location prefix. */
    public String problem() {
        return problem;
    }
}
