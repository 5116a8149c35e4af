package dev.winelib.toolchain.process;

import java.util.List;

/** A program exited with a non-zero status; the message holds its command line and output. */
public final class ToolFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> command;
    private final int exitCode;
    private final String output;

    public ToolFailedException(String what, List<String> command, int exitCode, String output) {
        super(what + " failed (exit code " + exitCode + ")\n  command: " + String.join(" ", command)
                + (output.isBlank() ? "" : "\n" + output.stripTrailing()));
        this.command = List.copyOf(command);
        this.exitCode = exitCode;
        this.output = output;
    }

    public List<String> command() {
        return command;
    }

    public int exitCode() {
        return exitCode;
    }

    public String output() {
        return output;
    }
}
