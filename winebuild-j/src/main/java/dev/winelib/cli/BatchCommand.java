package dev.winelib.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.winelib.spec.ErrorText;
import dev.winelib.spec.InputFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code winebuild-j batch FILE}: runs many winebuild-j command lines in one process, in parallel,
 * so that a build with hundreds of spec files pays the JVM's start-up once.
 */
@Command(name = "winebuild-j batch",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Runs the winebuild-j command lines in FILE (one per line, without the program name; '-' reads"
                + " standard input) in one process, several at a time. Words are split as a shell splits a simple"
                + " command (quotes and backslashes, no expansion); blank lines and lines starting with # are"
                + " skipped. Each command's output is printed whole, in file order; error messages are prefixed"
                + " with FILE:LINE.",
        footer = {"", "Example (a Makefile rule writes one line per spec, then):",
            "  winebuild-j batch specs.txt    # with lines such as: --dll -E kernel32.spec -o kernel32.spec.s",
            "", "Exit status: 0 when every command succeeded, 1 when one failed, 2 on a usage error."})
final class BatchCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The command lines ('-': standard input).")
    Path file;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "Commands run at the same time (default: the number of processors).")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    private final PrintWriter out;
    private final PrintWriter err;

    BatchCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    private record Line(int number, List<String> args) {
    }

    private record Outcome(int status, String stdout, String stderr) {
    }

    @Override
    public Integer call() throws InterruptedException {
        if (jobs < 1) {
            err.println("winebuild-j batch: --jobs must be at least 1");
            return 2;
        }
        String name = file.toString().equals("-") ? "<stdin>" : file.toString();
        List<String> text;
        try {
            text = lines(file.toString().equals("-") ? standardInput() : InputFiles.readAll(file));
        } catch (NoSuchFileException e) {
            err.println("winebuild-j batch: " + name + ": no such file");
            return 2;
        } catch (NotUtf8 e) {
            err.println(name + ":" + e.line + ": the line is not valid UTF-8; save the file as UTF-8");
            return 2;
        } catch (IOException e) {
            err.println("winebuild-j batch: cannot read " + ErrorText.message(e.getMessage()));
            return 2;
        }
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            List<String> args;
            try {
                args = CommandLines.split(text.get(i));
            } catch (IllegalArgumentException e) {
                err.println(name + ":" + (i + 1) + ": " + e.getMessage());
                return 2;
            }
            if (args.isEmpty()) {
                continue;
            }
            if (args.get(0).equals("batch")) {
                err.println(name + ":" + (i + 1) + ": a batch file cannot run another batch");
                return 2;
            }
            lines.add(new Line(i + 1, args));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, Math.max(1, lines.size())));
        try {
            List<Future<Outcome>> outcomes = new ArrayList<>();
            for (Line line : lines) {
                outcomes.add(pool.submit(() -> runOne(line)));
            }
            int failed = 0;
            for (int i = 0; i < lines.size(); i++) {
                Outcome o;
                try {
                    o = outcomes.get(i).get();
                } catch (ExecutionException e) {
                    o = new Outcome(1, "", "winebuild-j: " + e.getCause() + "\n");
                }
                out.print(o.stdout());
                for (String message : o.stderr().split("\n")) {
                    if (!message.isEmpty()) {
                        err.println(name + ":" + lines.get(i).number() + ": " + message);
                    }
                }
                if (o.status() != 0) {
                    failed++;
                }
            }
            out.flush();
            if (failed > 0) {
                err.println("winebuild-j batch: " + failed + " of " + lines.size() + " commands failed");
                return 1;
            }
            return 0;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A command line in the batch file that is not UTF-8. */
    static final class NotUtf8 extends IOException {
        private static final long serialVersionUID = 1L;
        final int line;

        NotUtf8(int line) {
            super("line " + line + " is not valid UTF-8");
            this.line = line;
        }
    }

    private static byte[] standardInput() throws IOException {
        byte[] bytes = System.in.readNBytes((int) InputFiles.LIMIT + 1);
        if (bytes.length > InputFiles.LIMIT) {
            throw new IOException("<stdin>: more than " + (InputFiles.LIMIT >> 20) + " MiB of command lines");
        }
        return bytes;
    }

    /**
     * The lines of the file, decoded as UTF-8. A comment may hold any bytes; a command line that is
     * not UTF-8 is refused with its line number.
     */
    static List<String> lines(byte[] bytes) throws NotUtf8 {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                ByteBuffer line = ByteBuffer.wrap(bytes, start, i - start);
                String text = new String(bytes, start, i - start, StandardCharsets.UTF_8);
                if (!text.strip().startsWith("#")) {
                    try {
                        StandardCharsets.UTF_8.newDecoder().decode(line);
                    } catch (CharacterCodingException e) {
                        throw new NotUtf8(lines.size() + 1);
                    }
                }
                lines.add(text);
                start = i + 1;
            }
        }
        return lines;
    }

    private static Outcome runOne(Line line) {
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int status = WinebuildJ.run(line.args().toArray(String[]::new), new PrintWriter(stdout, true),
                new PrintWriter(stderr, true));
        return new Outcome(status, stdout.toString(), stderr.toString());
    }
}
