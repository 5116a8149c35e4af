package dev.winelib.toolchain.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Runs external programs with their output captured, merged, in the order they wrote it. */
public final class ProcessRunner {

    /** What a finished program produced. */
    public record Result(int exitCode, String output) {
    }

    private ProcessRunner() {
    }

    /** Runs a command in {@code directory} and returns its exit code and output. */
    public static Result run(List<String> command, Path directory, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (directory != null) {
            pb.directory(directory.toFile());
        }
        pb.environment().putAll(environment);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        int code = p.waitFor();
        return new Result(code, out.join());
    }

    /** Runs a command and fails with {@link ToolFailedException} unless it exits with 0. */
    public static String check(String what, List<String> command, Path directory)
            throws IOException, InterruptedException, ToolFailedException {
        return check(what, command, directory, ToolFileNames.none());
    }

    /** As {@link #check(String, List, Path)}; a failure names the files of {@code names} as they describe them. */
    public static String check(String what, List<String> command, Path directory, ToolFileNames names)
            throws IOException, InterruptedException, ToolFailedException {
        Result r = run(command, directory, Map.of());
        if (r.exitCode() != 0) {
            throw new ToolFailedException(what, command, r.exitCode(), r.output(), names);
        }
        return r.output();
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
