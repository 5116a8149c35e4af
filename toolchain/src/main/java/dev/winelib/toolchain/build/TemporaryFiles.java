package dev.winelib.toolchain.build;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The temporary files and work directories of this process, so that an interrupted run leaves
 * nothing behind. They are removed when the process ends, also on Ctrl-C, SIGTERM and SIGHUP (a
 * shutdown hook). A killed process runs no hook: work directories are therefore made in the system's
 * temporary directory with the process id in their name ({@code winebuild-j-PID-…}), and the first
 * work directory a later process makes removes those whose process is gone.
 */
public final class TemporaryFiles {

    private static final String PREFIX = "winebuild-j-";
    /** Compiled when a sweep first runs, not by every run that only registers a temporary output file. */
    private static final class Owned {
        static final Pattern OWNED = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-.*");
    }
    /** A directory of a dead process is removed only when untouched this long (another PID namespace). */
    private static final Duration SWEEP_AGE = Duration.ofMinutes(10);

    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();
    // under the class's lock (not AtomicBoolean, whose VarHandle is set up on first use: every run that writes
    // an output registers it here)
    /** The shutdown hook while anything is pending: a run that ends with nothing to remove starts no thread. */
    private static Thread hook;
    private static boolean swept;

    private TemporaryFiles() {
    }

    /** A new work directory for {@code purpose} (a file name), removed when the process ends. */
    public static Path workDirectory(String purpose) throws IOException {
        Path base = Path.of(System.getProperty("java.io.tmpdir"));
        if (firstSweep()) {
            sweep(base, Instant.now());
        }
        Path dir = Files.createTempDirectory(base, PREFIX + ProcessHandle.current().pid() + "-"
                + purpose.replaceAll("[^A-Za-z0-9._-]", "_") + "-");
        register(dir);
        return dir;
    }

    /** Removes {@code path} (a file or a directory tree) when the process ends, unless released before. */
    public static void register(Path path) {
        synchronized (TemporaryFiles.class) {
            if (hook == null) {
                Thread cleanup = new Thread(new Cleanup(), "winebuild-j temporary files");
                Runtime.getRuntime().addShutdownHook(cleanup);
                hook = cleanup;
            }
            PENDING.add(path);
        }
    }

    /** Forgets {@code path}; with nothing left pending the shutdown hook is removed. */
    private static void forget(Path path) {
        synchronized (TemporaryFiles.class) {
            PENDING.remove(path);
            if (PENDING.isEmpty() && hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is shutting down: the hook runs and finds nothing to remove
                }
                hook = null;
            }
        }
    }

    private static synchronized boolean firstSweep() {
        boolean first = !swept;
        swept = true;
        return first;
    }

    /**
     * The shutdown hook's work (a class rather than a lambda: each lambda's call site is linked on its
     * first use, which every short run of the command line would pay, Java 17).
     */
    private static final class Cleanup implements Runnable {
        @Override
        public void run() {
            for (Path path : PENDING) {
                deleteQuietly(path);
            }
        }
    }

    /** Forgets {@code path}: it has been renamed into place, removed, or is to be kept. */
    public static void release(Path path) {
        forget(path);
    }

    /** Removes a work directory now (ignoring failures) and forgets it. */
    public static void delete(Path path) {
        deleteQuietly(path);
        forget(path);
    }

    /** Removes the work directories in {@code base} of processes that are gone. */
    static void sweep(Path base, Instant now) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(base, PREFIX + "*")) {
            for (Path entry : entries) {
                Matcher m = Owned.OWNED.matcher(entry.getFileName().toString());
                if (m.matches() && !alive(m.group(1)) && olderThan(entry, now.minus(SWEEP_AGE))) {
                    deleteQuietly(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            // sweeping is a courtesy: a run must not fail because of someone else's leftovers
        }
    }

    private static boolean alive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static boolean olderThan(Path entry, Instant limit) throws IOException {
        FileTime modified = Files.getLastModifiedTime(entry);
        return modified.toInstant().isBefore(limit);
    }

    private static void deleteQuietly(Path path) {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            // nothing more can be done
        }
    }
}
