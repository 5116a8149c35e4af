package dev.winelib.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import dev.winelib.toolchain.Version;
import picocli.CommandLine;

/**
 * The {@code winebuild-j} command: winebuild's command line ({@link WinebuildCommand}), so that
 * winegcc and Makefiles can use it in place of winebuild, and {@code winebuild-j inspect FILE}
 * ({@link InspectCommand}).
 */
public final class WinebuildJ {

    private WinebuildJ() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
    }

    /** Runs the command and returns its exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean inspect = args.length > 0 && args[0].equals("inspect");
        CommandLine cli = new CommandLine(inspect ? new InspectCommand(out, err) : new WinebuildCommand(out, err));
        cli.setOut(out);
        cli.setErr(err);
        cli.setPosixClusteredShortOptionsAllowed(true);
        // as with winebuild, an option given again replaces the earlier value (winegcc repeats --subsystem)
        cli.setOverwrittenOptionsAllowed(true);
        cli.getCommandSpec().version("winebuild-j " + Version.get());
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("winebuild-j: " + ex.getMessage());
            err.println("Try 'winebuild-j " + (inspect ? "inspect " : "") + "--help' for the options.");
            err.flush();
            return 2;
        });
        String[] rest = inspect ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
        if (inspect) {
            cli.setCommandName("winebuild-j inspect");
        }
        return cli.execute(rest);
    }
}
