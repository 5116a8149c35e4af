package dev.winelib.toolchain.differential;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.winelib.toolchain.process.ToolLocator;
import dev.winelib.toolchain.process.ToolNotFoundException;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * The programs the differential tests run: Wine's own winebuild (the oracle), gcc (assembler driver) and
 * ld.lld. As in the toolchain's {@code RequiredTools}: a missing one fails the test when the environment
 * has {@code CI=true}, and skips it otherwise, with a message naming the tool and its Debian package.
 */
public final class DifferentialTools {

    /** The programs found. */
    public record Found(Path winebuild, Path gcc, Path linker) {
    }

    private static final List<Path> WINEBUILD_PLACES = List.of(Path.of("/usr/lib/wine/winebuild"),
            Path.of("/usr/lib/x86_64-linux-gnu/wine/winebuild"), Path.of("/usr/lib/wine/wine64/winebuild"));

    private DifferentialTools() {
    }

    /** The tools, or fails (CI=true) / skips the calling JUnit test. */
    public static Found require() {
        Optional<String> missing = missing();
        if (missing.isPresent()) {
            if (ci()) {
                fail(missing.get() + "; CI=true, so this is a failure");
            }
            assumeTrue(false, missing.get() + "; test skipped");
        }
        return new Found(winebuild().orElseThrow(), ToolLocator.fromEnvironment().find("gcc").orElseThrow(),
                linker().orElseThrow());
    }

    /** What is missing, or empty when everything is installed. */
    static Optional<String> missing() {
        List<String> missing = new ArrayList<>();
        if (winebuild().isEmpty()) {
            missing.add("winebuild (Debian package wine64-tools)");
        }
        if (ToolLocator.fromEnvironment().find("gcc").isEmpty()) {
            missing.add("gcc (Debian package gcc)");
        }
        if (linker().isEmpty()) {
            missing.add("ld.lld (Debian package lld or lld-16)");
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of(message(missing));
    }

    private static String message(List<String> missing) {
        return "the differential tests need " + String.join(", ", missing) + ", which "
                + (missing.size() == 1 ? "is" : "are") + " not installed";
    }

    static boolean ci() {
        return "true".equals(System.getenv("CI"));
    }

    static Optional<Path> winebuild() {
        List<Path> candidates = new ArrayList<>(WINEBUILD_PLACES);
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, "winebuild"));
                }
            }
        }
        return candidates.stream().filter(p -> Files.isExecutable(p) && !Files.isDirectory(p)).findFirst();
    }

    private static Optional<Path> linker() {
        try {
            return Optional.of(ToolLocator.fromEnvironment().findLinker(Optional.empty()));
        } catch (ToolNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * For jqwik containers (where a JUnit assumption would only reject single tries): skips them when a tool
     * is missing, except under CI=true, where the properties run and fail in {@link #require()}.
     */
    public static final class Needed implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            Optional<String> missing = missing();
            if (missing.isEmpty() || ci()) {
                return SkipResult.doNotSkip();
            }
            return SkipResult.skip(missing.get() + "; properties skipped");
        }
    }
}
