package dev.winelib.cli;

import java.io.PrintWriter;

import dev.winelib.toolchain.BuildLog;

/** The build log of the command line: commands with -v, warnings with -w (as winebuild prints them). */
final class CliLog implements BuildLog {

    private final PrintWriter err;
    private final boolean verbose;
    private final boolean warnings;

    CliLog(PrintWriter err, boolean verbose, boolean warnings) {
        this.err = err;
        this.verbose = verbose;
        this.warnings = warnings;
    }

    @Override
    public void info(String message) {
        if (verbose) {
            err.println(message);
        }
    }

    @Override
    public void warn(String message) {
        if (warnings) {
            err.println("winebuild-j: warning: " + message);
        }
    }

    /** Whether debug messages are shown (-v): a message that costs time to make is made only then. */
    boolean showsDebug() {
        return verbose;
    }

    @Override
    public boolean isDebugEnabled() {
        return verbose;
    }

    @Override
    public void debug(String message) {
        if (verbose) {
            err.println(message);
        }
    }
}
