package dev.winelib.toolchain.wintest;

import java.time.Duration;
import java.util.List;

/**
 * How one Windows test program ended.
 *
 * @param name the program's name
 * @param exitCode its exit code (0 passes); -1 when it was killed
 * @param timedOut whether it ran out of time and was killed
 * @param timeout the time it had
 * @param stdout what it wrote to stdout (line ends as Unix ones)
 * @param stderr what it (and Wine) wrote to stderr
 * @param elapsed how long it ran
 */
public record TestOutcome(String name, int exitCode, boolean timedOut, Duration timeout, String stdout,
        String stderr, Duration elapsed) {

    /** The lines of output a failure message shows. */
    public static final int TAIL_LINES = 20;

    public TestOutcome {
        stdout = stdout.replace("\r\n", "\n");
        stderr = stderr.replace("\r\n", "\n");
    }

    public boolean passed() {
        return !timedOut && exitCode == 0;
    }

    /** Why it failed, in a few words: {@code exit code 3}, {@code did not finish within 60 s}. */
    public String reason() {
        return timedOut ? "did not finish within " + timeout.toSeconds() + " s and was killed"
                : "exit code " + exitCode;
    }

    /** Its output, stdout then stderr. */
    public String output() {
        if (stderr.isBlank()) {
            return stdout;
        }
        if (stdout.isBlank()) {
            return stderr;
        }
        return stdout + (stdout.endsWith("\n") ? "" : "\n") + stderr;
    }

    /** The last {@link #TAIL_LINES} lines of its output. */
    public String outputTail() {
        List<String> lines = output().strip().lines().toList();
        List<String> tail = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
        return (lines.size() > tail.size() ? "[... " + (lines.size() - tail.size()) + " lines before]\n" : "")
                + String.join("\n", tail);
    }
}
