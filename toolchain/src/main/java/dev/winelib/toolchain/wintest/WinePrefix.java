package dev.winelib.toolchain.wintest;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;

/**
 * A Wine prefix made once and reused: {@code wineboot --init} creates it (without WINEDLLPATH, so
 * no module under test is copied into its system32), then the build waits for the wineserver to
 * end, which writes the registry, and marks the prefix ready. A prefix that already has its
 * registry (one the user made) is used as it is; nothing here ever removes a prefix. Creation holds a lock (a file lock beside the prefix, and a
 * lock within this JVM), so builds that share a prefix make it once.
 */
public final class WinePrefix {

    /** The file that marks a prefix this class has finished making. */
    public static final String READY_MARK = ".winebuild-j-ready";

    private static final ConcurrentHashMap<Path, Object> LOCKS = new ConcurrentHashMap<>();

    private WinePrefix() {
    }

    /** Makes the session's prefix unless it is ready; {@code timeout} bounds the creation. */
    public static void ensure(WineSession session, Duration timeout, BuildLog log) throws IOException,
            InterruptedException, BuildFailure {
        Path prefix = session.prefix();
        if (isReady(prefix)) {
            return;
        }
        Files.createDirectories(prefix.getParent());
        synchronized (LOCKS.computeIfAbsent(prefix, p -> new Object())) {
            Path lockFile = prefix.resolveSibling(prefix.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                if (isReady(prefix)) {
                    return;
                }
                log.info("creating the Wine prefix " + prefix + " (once; later runs reuse it)");
                Path base = prefix.resolveSibling(prefix.getFileName() + ".wineboot");
                WineSession.Run run = session.run(prefix.getParent(), List.of("wineboot", "--init"),
                        java.util.Map.of(), base, timeout);
                session.waitForServer(Duration.ofSeconds(60));
                // a wineserver this build could not wait for writes the registry when it ends
                for (int i = 0; i < 60 && !Files.isRegularFile(prefix.resolve("system.reg")); i++) {
                    Thread.sleep(500);
                }
                if (run.timedOut() || run.exitCode() != 0 || !Files.isRegularFile(prefix.resolve("system.reg"))) {
                    throw new BuildFailure("Wine could not create the prefix " + prefix + " with "
                            + session.wine().program() + " wineboot --init ("
                            + (run.timedOut() ? "did not finish within " + timeout.toSeconds() + " s"
                                    : "exit code " + run.exitCode()) + "):\n" + (run.stdout() + run.stderr()).strip());
                }
                Files.writeString(prefix.resolve(READY_MARK), "made by winebuild-j with "
                        + session.wine().program() + "\n");
            }
        }
    }

    /**
     * Whether the prefix can be used: made by this class, or an existing prefix of the user's (it has
     * its registry), which is used as it is and never removed.
     */
    private static boolean isReady(Path prefix) {
        return Files.isRegularFile(prefix.resolve(READY_MARK)) || Files.isRegularFile(prefix.resolve("system.reg"));
    }
}
