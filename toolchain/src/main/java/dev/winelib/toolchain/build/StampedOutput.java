package dev.winelib.toolchain.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import dev.winelib.toolchain.BuildFailure;

/**
 * One build step's output, made only when its up-to-date record changed: the step writes a
 * temporary sibling of the output, which is renamed into place and stamped only once the step has
 * succeeded (its checks included). A failed step leaves the previous output and no temporary file.
 */
public final class StampedOutput {

    /** Makes the output into {@code temporary}, and checks it; returns what the caller needs of it. */
    @FunctionalInterface
    public interface Step<T> {
        T make(Path temporary) throws IOException, InterruptedException, BuildFailure;
    }

    private StampedOutput() {
    }

    /**
     * Runs {@code step} unless {@code stampFile} says {@code output} is what a step with
     * {@code record} made.
     *
     * @return the step's result, or empty when the output was up to date
     */
    public static <T> Optional<T> make(Path output, Path stampFile, String record, Step<T> step) throws IOException,
            InterruptedException, BuildFailure {
        if (Stamp.isFresh(output, stampFile, record)) {
            return Optional.empty();
        }
        Path tmp = AtomicFiles.temporarySibling(output);
        try {
            T result = step.make(tmp);
            AtomicFiles.commit(tmp, output);
            Stamp.write(stampFile, record, output);
            return Optional.of(result);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
