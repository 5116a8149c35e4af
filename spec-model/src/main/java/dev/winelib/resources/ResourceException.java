package dev.winelib.resources;

/** A resource file that cannot be used; the message names the file and what is wrong. */
public final class ResourceException extends Exception {
    private static final long serialVersionUID = 1L;

    public ResourceException(String message) {
        super(message);
    }
}
