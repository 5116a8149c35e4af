package dev.winelib.spec;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * External programs some tests use as an oracle. A missing tool skips the test (with the Debian package
 * to install in the message), except on CI ({@code CI=true}) where it fails the test.
 */
final class ExternalTools {

    /** The output of a finished process, stdout and stderr merged. */
    record Result(int exitCode, String output) {
    }

    private static final Path[] WINEBUILD_PLACES = {Path.of("/usr/lib/wine/winebuild"),
        Path.of("/usr/lib/x86_64-linux-gnu/wine/winebuild"), Path.of("/usr/bin/winebuild")};

    private ExternalTools() {
    }

    /** Wine's own winebuild (Debian package wine64-tools). */
    static Path winebuild() {
        return require("winebuild", "wine64-tools", WINEBUILD_PLACES);
    }

    /**
     * Skips a jqwik container when winebuild is missing (except on CI, where its properties then fail). jqwik
     * would count a JUnit assumption failing in every try as discarded tries, not as a skipped property.
     */
    static final class NeedsWinebuild implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return skipUnlessPresent("winebuild", "wine64-tools", WINEBUILD_PLACES);
        }
    }

    static SkipExecutionHook.SkipResult skipUnlessPresent(String tool, String debianPackage, Path... usualPlaces) {
        if (find(tool, usualPlaces).isPresent() || "true".equals(System.getenv("CI"))) {
            return SkipExecutionHook.SkipResult.doNotSkip();
        }
        return SkipExecutionHook.SkipResult.skip(missingMessage(tool, debianPackage) + "; properties skipped");
    }

    private static String missingMessage(String tool, String debianPackage) {
        return tool + " is not installed (Debian package: " + debianPackage + ")";
    }

    static Path require(String tool, String debianPackage, Path... usualPlaces) {
        Optional<Path> found = find(tool, usualPlaces);
        if (found.isPresent()) {
            return found.get();
        }
        String message = missingMessage(tool, debianPackage);
        if ("true".equals(System.getenv("CI"))) {
            fail(message + "; CI=true, so the tests that need it fail instead of being skipped");
        }
        assumeTrue(false, message + "; test skipped");
        throw new AssertionError("unreachable");
    }

    private static Optional<Path> find(String tool, Path... usualPlaces) {
        List<Path> candidates = new ArrayList<>(List.of(usualPlaces));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, tool));
                }
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** Runs a command in {@code dir} and waits at most 60 seconds for it. */
    static Result run(Path dir, String... command) {
        try {
            Path log = Files.createTempFile(dir, "out", ".log");
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out: " + String.join(" ", command));
            }
            String out = Files.readString(log, StandardCharsets.ISO_8859_1);
            Files.delete(log);
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
