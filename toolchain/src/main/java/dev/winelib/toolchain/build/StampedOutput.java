package dev.winelib.toolchain.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Future;

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

    /**
     * What a step made: its result, and the SHA-256 of the bytes it left in the temporary file when it
     * knows them (they are then not read back to stamp the output).
     */
    public record Made<T>(T result, Optional<Future<String>> sha256) {
    }

    /** A step that can say what it wrote ({@link Made}). */
    @FunctionalInterface
    public interface HashedStep<T> {
        Made<T> make(Path temporary) throws IOException, InterruptedException, BuildFailure;
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
        return makeHashed(output, stampFile, record, tmp -> new Made<>(step.make(tmp), Optional.empty()));
    }

    /**
     * {@link #make} for a step that says the SHA-256 of what it wrote, which the stamp then records
     * without reading the output again.
     */
    public static <T> Optional<T> makeHashed(Path output, Path stampFile, String record, HashedStep<T> step)
            throws IOException, InterruptedException, BuildFailure {
        if (Stamp.isFresh(output, stampFile, record)) {
            return Optional.empty();
        }
        Path tmp = AtomicFiles.temporarySibling(output);
        try {
            Made<T> made = step.make(tmp);
            AtomicFiles.commit(tmp, output);
            if (made.sha256().isPresent()) {
                Stamp.write(stampFile, record, dev.winelib.toolchain.compile.CompileSlots.result(made.sha256().get()));
            } else {
                Stamp.write(stampFile, record, output);
            }
            return Optional.of(made.result());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
