package dev.winelib.toolchain.process;

import java.util.List;

/**
 * A program exited with a non-zero status. The message says what failed and holds the program's output,
 * with the build's intermediate files named as the user knows them ({@link ToolFileNames}); the command
 * line, full of such files, is not in it (builds log it at debug level before running it: winebuild-j
 * {@code -v}, Maven {@code -X}).
 */
public final class ToolFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> command;
    private final int exitCode;
    private final String output;

    public ToolFailedException(String what, List<String> command, int exitCode, String output) {
        this(what, command, exitCode, output, ToolFileNames.none());
    }

    /** A failure whose output names the files of {@code names} as they describe them. */
    public ToolFailedException(String what, List<String> command, int exitCode, String output, ToolFileNames names) {
        super(what + " failed (exit code " + exitCode + ")"
                + (output.isBlank() ? "" : "\n" + names.rewrite(output.stripTrailing())));
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
