package dev.winelib.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import dev.winelib.toolchain.Version;
import picocli.CommandLine;

/**
 * The {@code winebuild-j} command: winebuild's command line ({@link WinebuildCommand}), so that
 * winegcc and Makefiles can use it in place of winebuild, and {@code winebuild-j inspect FILE}
 * ({@link InspectCommand}), {@code winebuild-j batch FILE} ({@link BatchCommand}) and
 * {@code winebuild-j sysroot fetch|path|list|verify} ({@link SysrootCommand}).
 */
public final class WinebuildJ {

    private WinebuildJ() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int status = withOutputChecked(run(args, out, err), out, err);
        err.flush();
        // success ends by returning: on Java 21 and later System.exit asks the logging framework whether to
        // log the exit, and finding it searches every jar of the class path for a service file (some 30 ms
        // of every run); a thread that would keep the JVM alive still gets an exit
        if (status != 0 || otherThreadsRunning()) {
            System.exit(status);
        }
    }

    /** Whether a thread besides this one that is not a daemon is still running (in this thread's group). */
    private static boolean otherThreadsRunning() {
        Thread[] threads = new Thread[Thread.activeCount() + 16];
        int count = Thread.enumerate(threads);
        for (int i = 0; i < count; i++) {
            Thread t = threads[i];
            if (t != Thread.currentThread() && !t.isDaemon() && t.isAlive()) {
                return true;
            }
        }
        return count == threads.length;   // more threads than counted: not known
    }

    /**
     * The exit status once standard output is flushed: a write error there (a full disk, a closed
     * pipe) makes a successful run fail, since its output is lost.
     */
    static int withOutputChecked(int status, PrintWriter out, PrintWriter err) {
        if (out.checkError()) {
            err.println("winebuild-j: error writing to standard output (disk full or output closed): the output is"
                    + " incomplete; write it to a file with -o");
            err.flush();
            return status == 0 ? 1 : status;
        }
        return status;
    }

    /** Runs the command and returns its exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length > 0 && args[0].equals("batch")) {
            return runCommand(new BatchCommand(out, err), "winebuild-j batch", args, out, err);
        }
        if (args.length > 0 && args[0].equals("sysroot")) {
            return runCommand(new SysrootCommand(), "winebuild-j sysroot", args, out, err);
        }
        boolean inspect = args.length > 0 && args[0].equals("inspect");
        if (!inspect) {
            // winebuild's options as winegcc and Makefiles give them: parsed without picocli's reflection
            WinebuildCommand command = new WinebuildCommand(out, err);
            if (WinebuildOptions.parse(args, command)) {
                return command.call();
            }
        }
        return runWithPicocli(args, inspect, out, err);
    }

    /** Help, version, usage errors and {@code inspect}: parsed by picocli. */
    private static int runWithPicocli(String[] args, boolean inspect, PrintWriter out, PrintWriter err) {
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

    /** {@code winebuild-j batch ...} and {@code winebuild-j sysroot ...}: commands of their own. */
    private static int runCommand(Object command, String name, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(command);
        cli.setCommandName(name);
        cli.setOut(out);
        cli.setErr(err);
        setVersion(cli, "winebuild-j " + Version.get());
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("winebuild-j: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for the options.");
            err.flush();
            return 2;
        });
        return cli.execute(java.util.Arrays.copyOfRange(args, 1, args.length));
    }

    private static void setVersion(CommandLine cli, String text) {
        cli.getCommandSpec().version(text);
        cli.getSubcommands().values().forEach(sub -> setVersion(sub, text));
    }
}
