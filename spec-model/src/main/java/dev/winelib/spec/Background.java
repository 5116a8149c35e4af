package dev.winelib.spec;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Work on a thread of its own whose result is taken later: a large spec's reading, checking and
 * sorting, and the assembler's fixups, use the second core while the caller goes on. The thread is a daemon: when the caller
 * fails first (an earlier error in the spec), the work ends on its own and nothing waits for it.
 */
public final class Background<T> {

    private final FutureTask<T> task;

    private Background(FutureTask<T> task) {
        this.task = task;
    }

    /** Starts {@code work} on a new daemon thread named {@code name}. */
    public static <T> Background<T> start(String name, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return new Background<>(task);
    }

    /**
     * The result, once the work is done; the exception it threw is thrown here as it was (an
     * interrupt while waiting is kept for the caller, the wait goes on). Work that its thread has
     * not begun yet (on a busy machine a new thread may wait for a core) is done here, by the caller.
     */
    public T join() {
        task.run(); // nothing when the thread has begun it
        boolean interrupted = false;
        try {
            for (;;) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
