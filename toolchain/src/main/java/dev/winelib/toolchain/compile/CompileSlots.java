package dev.winelib.toolchain.compile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.process.ProcessRunner;

/**
 * Runs compilations in parallel, at most one compiler process per processor in the whole JVM (so a
 * parallel Maven build of several modules does not start more compilers than there are processors).
 * Waiting tasks hold no slot, so nested waits cannot deadlock.
 */
public final class CompileSlots {

    private static final Semaphore SLOTS = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()), true);
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** Threads that wait for compilers; cached and daemon, so an idle JVM can exit. */
    public static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "winebuild-j-compile-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private CompileSlots() {
    }

    /** A compilation step that may run a process. */
    interface Step<T> {
        T run() throws Exception;
    }

    /**
     * The value of {@code task}, once it has ended; when it failed, what it threw is thrown here (a
     * checked exception other than these three becomes an {@link IllegalStateException}).
     */
    public static <T> T result(Future<T> task) throws IOException, InterruptedException, BuildFailure {
        try {
            return task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BuildFailure b) {
                throw b;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof InterruptedException ie) {
                throw ie;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Runs a compiler process holding one slot; its exit code and output, whatever the exit code. */
    public static ProcessRunner.Result runProcess(List<String> command, Path directory, Map<String, String> environment)
            throws IOException, InterruptedException {
        try {
            return withSlot(() -> ProcessRunner.run(command, directory, environment));
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code step} holding one slot. */
    public static <T> T withSlot(Step<T> step) throws Exception {
        SLOTS.acquire();
        try {
            return step.run();
        } finally {
            SLOTS.release();
        }
    }
}
