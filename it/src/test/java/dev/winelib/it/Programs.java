package dev.winelib.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Runs a program with a time limit, its stdout and stderr captured separately. */
final class Programs {

    /** What a finished program left. */
    record Result(List<String> command, int exitCode, String stdout, String stderr) {

        /** Fails unless the program exited with 0. */
        Result assertSuccess() {
            if (exitCode != 0) {
                fail(describe("exited with " + exitCode));
            }
            return this;
        }

        String describe(String what) {
            return String.join(" ", command) + " " + what + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n"
                    + stderr;
        }
    }

    private Programs() {
    }

    /**
     * Runs {@code command} in {@code workingDirectory}. Output goes to files next to {@code outputBase}
     * ({@code .stdout} and {@code .stderr}), not to pipes, so a background process the program leaves
     * behind (such as wineserver) cannot keep the test waiting. After {@code timeout} the process and
     * its descendants are killed, {@code onTimeout} runs, and the test fails.
     */
    static Result run(List<String> command, Path workingDirectory, Map<String, String> environment,
            Consumer<Map<String, String>> environmentEdit, Path outputBase, Duration timeout, Runnable onTimeout)
            throws IOException, InterruptedException {
        Path stdout = outputBase.resolveSibling(outputBase.getFileName() + ".stdout");
        Path stderr = outputBase.resolveSibling(outputBase.getFileName() + ".stderr");
        Files.createDirectories(stdout.getParent());
        ProcessBuilder pb = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.environment().putAll(environment);
        if (environmentEdit != null) {
            environmentEdit.accept(pb.environment());
        }
        Process process = pb.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            if (onTimeout != null) {
                onTimeout.run();
            }
            Result partial = new Result(command, -1, read(stdout), read(stderr));
            fail(partial.describe("did not finish within " + timeout.toSeconds() + " s and was killed"));
        }
        return new Result(command, process.exitValue(), read(stdout), read(stderr));
    }

    /** Runs a command without extra environment or timeout handling beyond the time limit. */
    static Result run(List<String> command, Path workingDirectory, Path outputBase, Duration timeout)
            throws IOException, InterruptedException {
        return run(command, workingDirectory, Map.of(), null, outputBase, timeout, null);
    }

    private static String read(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
    }
}
