package dev.winelib.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak memory of the benchmarks JMH runs in its forked JVMs: each writes a figure to the directory the
 * runner gives ({@code bench.peakDirectory}), named after the benchmark, which the runner reads back.
 */
final class PeakMemory {

    static final String DIRECTORY = "bench.peakDirectory";

    private PeakMemory() {
    }

    /** This JVM's peak resident memory so far ({@code VmHWM}), in KiB. */
    static long ownPeakKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }

    /** Records {@code kb} as the peak of {@code benchmark} (a JMH benchmark name). */
    static void record(String benchmark, long kb) {
        String dir = System.getProperty(DIRECTORY, "");
        if (dir.isBlank()) {
            return;
        }
        try {
            Files.writeString(Files.createDirectories(Path.of(dir)).resolve(benchmark), Long.toString(kb),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@link #record} wrote for {@code benchmark}; 0 when nothing. */
    static long read(Path dir, String benchmark) {
        try {
            Path f = dir.resolve(benchmark);
            return Files.isRegularFile(f) ? Long.parseLong(Files.readString(f, StandardCharsets.UTF_8).strip()) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
