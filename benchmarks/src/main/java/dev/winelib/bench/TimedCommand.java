package dev.winelib.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one command and measures it: the wall time from start to exit (taken here, in nanoseconds), and the
 * peak resident memory of its largest process (GNU time's {@code %M}: the maximum over the command and every
 * process it waited for). The command's output is kept in a file and returned, for the Maven runs whose
 * log the runner reads.
 */
final class TimedCommand {

    /** One run: wall time, peak resident memory of the largest process, and the command's output. */
    record Sample(double millis, long peakKb, String output) {
    }

    static final Path GNU_TIME = Path.of("/usr/bin/time");

    private TimedCommand() {
    }

    static Sample run(Path dir, Map<String, String> environment, List<String> command) {
        try {
            Path rss = Files.createTempFile("bench", ".rss");
            try {
                List<String> timed = new ArrayList<>(List.of(GNU_TIME.toString(), "-f", "%M", "-o", rss.toString()));
                timed.addAll(command);
                long start = System.nanoTime();
                String output = BenchEnvironment.output(dir, environment, timed, command);
                double millis = (System.nanoTime() - start) / 1e6;
                List<String> lines = Files.readAllLines(rss, StandardCharsets.UTF_8);
                long peak = Long.parseLong(lines.get(lines.size() - 1).strip());
                return new Sample(millis, peak, output);
            } finally {
                Files.deleteIfExists(rss);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Sample run(Path dir, List<String> command) {
        return run(dir, Map.of(), command);
    }
}
