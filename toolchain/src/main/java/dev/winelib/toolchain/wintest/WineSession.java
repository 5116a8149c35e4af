package dev.winelib.toolchain.wintest;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.winelib.toolchain.process.ToolLocator;

/**
 * Runs Windows programs under one Wine in one prefix: {@code WINEPREFIX} set, Wine's debug output
 * off ({@code WINEDEBUG=-all}), no Mono or Gecko installation prompts, no display (the programs are
 * console programs). Output goes to files, not pipes, so the wineserver a program leaves running
 * cannot hold the build up. A program that runs longer than its time is killed, with every process
 * of the prefix ({@code wineserver -k}).
 */
public final class WineSession {

    /** What a program left: its exit code (or that it was killed), its output, how long it ran. */
    public record Run(int exitCode, boolean timedOut, String stdout, String stderr, Duration elapsed) {
    }

    private final WineCommand wine;
    private final Path prefix;
    private final ToolLocator tools;

    public WineSession(WineCommand wine, Path prefix, ToolLocator tools) {
        this.wine = wine;
        this.prefix = prefix.toAbsolutePath();
        this.tools = tools;
    }

    public Path prefix() {
        return prefix;
    }

    public WineCommand wine() {
        return wine;
    }

    /**
     * Runs {@code wine PROGRAM ARGS} in {@code directory}, with {@code environment} added; stdout and
     * stderr go to {@code outputBase.stdout} and {@code outputBase.stderr}.
     */
    public Run run(Path directory, List<String> programAndArguments, Map<String, String> environment, Path outputBase,
            Duration timeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(wine.program().toString());
        command.addAll(programAndArguments);
        Path stdout = outputBase.resolveSibling(outputBase.getFileName() + ".stdout");
        Path stderr = outputBase.resolveSibling(outputBase.getFileName() + ".stderr");
        Files.createDirectories(stdout.getParent());
        ProcessBuilder pb = new ProcessBuilder(command).directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Map<String, String> env = pb.environment();
        env.remove("DISPLAY");
        env.remove("WAYLAND_DISPLAY");
        env.remove("WINEDLLPATH");
        env.putAll(wineEnvironment());
        env.putAll(environment);
        long start = System.nanoTime();
        Process process = pb.start();
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            killServer();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new Run(finished ? process.exitValue() : -1, !finished, read(stdout), read(stderr), elapsed);
    }

    /** WINEPREFIX, WINEDEBUG and WINEDLLOVERRIDES as every run gets them. */
    Map<String, String> wineEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("WINEPREFIX", prefix.toString());
        env.put("WINEDEBUG", "-all");
        env.put("WINEDLLOVERRIDES", "mscoree,mshtml=");
        return env;
    }

    /** Waits until the prefix's wineserver has ended (it writes the registry then), at most {@code timeout}. */
    void waitForServer(Duration timeout) throws IOException, InterruptedException {
        server("-w", timeout);
    }

    /** Stops every process of the prefix. */
    void killServer() throws IOException, InterruptedException {
        server("-k", Duration.ofSeconds(10));
    }

    private void server(String option, Duration timeout) throws IOException, InterruptedException {
        Optional<Path> server = wine.server(tools);
        if (server.isEmpty()) {
            return;
        }
        ProcessBuilder pb = new ProcessBuilder(server.get().toString(), option)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(wineEnvironment());
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
        }
    }

    private static String read(Path file) throws IOException {
        return Files.isRegularFile(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
    }
}
