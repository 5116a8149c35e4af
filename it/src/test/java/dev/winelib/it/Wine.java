package dev.winelib.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs Windows programs under Wine, in one WINEPREFIX under the module's target directory that all
 * tests share (creating a prefix takes several seconds; later runs reuse it), with Wine's debug
 * output off.
 */
final class Wine {

    /**
     * How long one program may run, prefix creation included, before it is killed and the test fails:
     * 120 s, or the system property {@code it.wineTimeoutSeconds}.
     */
    static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("it.wineTimeoutSeconds", 120));

    /**
     * How long one program may run under 32-bit Wine, prefix creation included: 2400 s, or the
     * system property {@code it.wine32TimeoutSeconds} (where 32-bit code runs only under qemu-i386
     * emulation, creating the prefix alone takes many minutes).
     */
    static final Duration TIMEOUT_32 = Duration.ofSeconds(Long.getLong("it.wine32TimeoutSeconds", 2400));

    private final Path wine;
    private final Path prefix;
    private final Map<String, String> environment;
    private final Duration timeout;

    private Wine(Path wine, Path prefix) {
        this(wine, prefix, Map.of(), TIMEOUT);
    }

    private Wine(Path wine, Path prefix, Map<String, String> environment, Duration timeout) {
        this.wine = wine;
        this.prefix = prefix;
        this.environment = environment;
        this.timeout = timeout;
    }

    /**
     * Debian 12's 32-bit Wine ({@code wine32:i386}, {@code /usr/lib/wine/wine}, or {@code $WINE32}),
     * with its own 32-bit prefix next to the shared one ({@code WINEARCH=win32}); failing or skipping
     * the test when it or a way to run 32-bit Linux programs is missing ({@link ExternalTools#wine32}).
     */
    static Wine locate32() throws IOException, InterruptedException {
        Path prefix = ItSettings.winePrefix().resolveSibling(ItSettings.winePrefix().getFileName() + "-win32");
        Files.createDirectories(prefix.getParent());
        return new Wine(ExternalTools.wine32(), prefix, Map.of("WINEARCH", "win32"), TIMEOUT_32);
    }

    /** Wine as {@link ExternalTools#wine()} finds it (failing or skipping the test without it). */
    static Wine locate() throws IOException {
        Path prefix = ItSettings.winePrefix();
        Files.createDirectories(prefix.getParent());
        return new Wine(ExternalTools.wine(), prefix);
    }

    /**
     * Runs {@code program} (a Windows executable) with {@code directory} as the working directory;
     * stdout and stderr are captured separately, into {@code directory/NAME.stdout} and
     * {@code NAME.stderr} as well.
     */
    Programs.Result run(Path directory, Path program, String... args) throws IOException, InterruptedException {
        return runWithDebug(directory, program, "-all", args);
    }

    /** Like {@link #run}, with {@code WINEDEBUG} set to {@code channels} (Wine writes the traces to stderr). */
    Programs.Result runWithDebug(Path directory, Path program, String channels, String... args)
            throws IOException, InterruptedException {
        return run(directory, program, channels, Map.of(), args);
    }

    /** The prefix Wine runs in ({@code WINEPREFIX}). */
    Path prefix() {
        return prefix;
    }

    /** The Wine program itself. */
    Path program() {
        return wine;
    }

    /**
     * Like {@link #run}, with more environment variables (such as {@code WINEDLLPATH}). Run a program
     * without {@code WINEDLLPATH} first when the prefix may be new: a prefix created while it is set
     * gets copies of the builtin DLLs found there in its system32.
     */
    Programs.Result runWithEnvironment(Path directory, Path program, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        return run(directory, program, "-all", environment, args);
    }

    /**
     * Like {@link #runWithDebug}, with more environment variables (such as {@code WINEDLLPATH}, where
     * Wine looks for builtin modules).
     */
    Programs.Result run(Path directory, Path program, String channels, Map<String, String> environment,
            String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(wine.toString());
        command.add(program.toString());
        command.addAll(List.of(args));
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.putAll(this.environment);
        env.putAll(Map.of(
                "WINEPREFIX", prefix.toString(),
                "WINEDEBUG", channels,
                // no Mono or Gecko installer prompts while the prefix is created
                "WINEDLLOVERRIDES", "mscoree,mshtml="));
        return Programs.run(command, directory, env, e -> {
            // console programs only: no window for the prefix-creation dialog
            e.remove("DISPLAY");
            e.remove("WAYLAND_DISPLAY");
        }, directory.resolve(program.getFileName().toString()), timeout, this::killServer);
    }

    private static Optional<Path> serverNextTo(Path program) {
        Path sibling = program.resolveSibling("wineserver");
        return Files.isExecutable(sibling) ? Optional.of(sibling) : Optional.empty();
    }

    /** Stops the prefix's wineserver and every process in it, after a program timed out. */
    private void killServer() {
        Optional<Path> server = serverNextTo(wine.toAbsolutePath());
        if (server.isEmpty()) {
            try {
                server = serverNextTo(wine.toRealPath());
            } catch (IOException e) {
                // keep looking on the PATH
            }
        }
        if (server.isEmpty()) {
            server = ExternalTools.onPath("wineserver");
        }
        if (server.isEmpty()) {
            return;
        }
        try {
            ProcessBuilder pb = new ProcessBuilder(server.get().toString(), "-k")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("WINEPREFIX", prefix.toString());
            Process p = pb.start();
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            // best effort: the test fails for the timeout anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
