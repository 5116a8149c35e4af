package dev.winelib.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18's launcher cases: the class-data-sharing archive of bin/winebuild-j (R09, R10, R24, R25). */
class LauncherIT {

    @TempDir
    Path dir;

    private Path launcher;
    private Path spec;

    @BeforeEach
    void setUp() throws Exception {
        launcher = WinebuildJLauncher.locate();
        spec = Files.writeString(dir.resolve("hello.spec"), "@ stdcall f()\n");
    }

    private record Run(int status, String stdout, String stderr) {
    }

    private Run run(Map<String, String> env, String... args) throws Exception {
        return run(List.of(launcher.toString()), env, args);
    }

    /** Runs {@code command} followed by {@code args}, with the launcher's environment and {@code env}. */
    private Run run(List<String> command, Map<String, String> env, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Stream.concat(command.stream(), Stream.of(args)).toList())
                .directory(dir.toFile());
        pb.environment().remove("WINEBUILD_J_CDS");
        pb.environment().put("HOME", dir.resolve("home").toString());
        pb.environment().remove("XDG_CACHE_HOME");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out, err);
    }

    private static List<Path> files(Path cds) throws Exception {
        try (Stream<Path> s = Files.list(cds)) {
            return s.toList();
        }
    }

    /** R09: a truncated archive is detected before the JVM maps it, removed and made again. */
    @Test
    void r09ATruncatedArchiveIsRemovedNotMapped() throws Exception {
        Map<String, String> env = Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString());
        assertThat(run(env, "--def", "-E", spec.toString()).status()).isZero();
        Path cds = dir.resolve("cache/winebuild-j/cds");
        List<Path> archives = files(cds);
        assertThat(archives).hasSize(1);
        Path archive = archives.get(0);
        try (var f = new java.io.RandomAccessFile(archive.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        for (int i = 0; i < 2; i++) {
            Run r = run(env, "--def", "-E", spec.toString());
            assertThat(r.status()).as(r.stderr()).isZero();
            assertThat(r.stdout()).contains("LIBRARY hello.dll");
        }
        assertThat(files(dir)).noneMatch(p -> p.getFileName().toString().startsWith("hs_err"));
        assertThat(files(cds)).singleElement()
                .satisfies(a -> assertThat(a.getFileName().toString()).endsWith("-" + Files.size(a) + ".jsa"));
    }

    /**
     * A first run that fails (a spec that does not exist) makes no archive, since it loaded the classes of
     * its error rather than those of a build; the next run that succeeds makes it, and maps it afterwards.
     */
    @Test
    void aFailedFirstRunMakesNoArchive() throws Exception {
        Map<String, String> env = Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString());
        Run failed = run(env, "--def", "-E", dir.resolve("missing.spec").toString());
        assertThat(failed.status()).isEqualTo(1);
        assertThat(failed.stderr()).contains("missing.spec");
        Path cds = dir.resolve("cache/winebuild-j/cds");
        assertThat(Files.exists(cds) ? files(cds) : List.<Path>of()).isEmpty();

        Run first = run(env, "--def", "-E", spec.toString());
        assertThat(first.status()).as(first.stderr()).isZero();
        assertThat(files(cds)).singleElement()
                .satisfies(a -> assertThat(a.getFileName().toString()).endsWith("-" + Files.size(a) + ".jsa"));
        Path archive = files(cds).get(0);
        long made = Files.getLastModifiedTime(archive).toMillis();
        Run again = run(env, "--def", "-E", spec.toString());
        assertThat(again.status()).as(again.stderr()).isZero();
        assertThat(again.stdout()).isEqualTo(first.stdout());
        assertThat(files(cds)).containsExactly(archive);
        assertThat(Files.getLastModifiedTime(archive).toMillis()).isEqualTo(made);
    }

    /** R24: a relative XDG_CACHE_HOME is ignored, as the Java code ignores it: nothing under the working directory. */
    @Test
    void r24ARelativeCacheHomeIsIgnored() throws Exception {
        Run r = run(Map.of("XDG_CACHE_HOME", "rel-cache"), "--def", "-E", spec.toString());
        assertThat(r.status()).as(r.stderr()).isZero();
        assertThat(dir.resolve("rel-cache")).doesNotExist();
        assertThat(files(dir.resolve("home/.cache/winebuild-j/cds"))).hasSize(1);
    }

    /** R25: an interrupted first run leaves no temporary archive, and those of killed runs are swept. */
    @Test
    void r25InterruptedFirstRunsLeaveNoTemporaryArchive() throws Exception {
        Path cds = Files.createDirectories(dir.resolve("cache/winebuild-j/cds"));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(cds.resolve(".tmp-" + gone.pid() + ".jsa"), "left by a killed run");
        // a Java that writes its class list (from which the archive is made), then the user presses Ctrl-C
        // (SIGINT to the launcher)
        Path java = dir.resolve("fake-java");
        Files.writeString(java, """
                #!/bin/sh
                for a in "$@"; do
                    case "$a" in -XX:DumpLoadedClassList=*) echo partial > "${a#*=}" ;; esac
                done
                kill -INT $PPID
                exit 0
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Run r = run(Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString(), "JAVA", java.toString()),
                "--def", "-E", spec.toString());
        assertThat(r.status()).isEqualTo(130);
        assertThat(files(cds)).isEmpty();
    }

    /**
     * R10: a cache file system with less room than the archive (a 1 MiB tmpfs, mounted in a private
     * mount namespace): commands keep their exit status (0, and 2 for a usage error) and their output,
     * and nothing is left in the cache. Needs root and unshare(1) for the mount.
     */
    @Test
    void r10ACacheWithoutRoomForTheArchiveKeepsExitStatusAndOutput() throws Exception {
        Path cache = Files.createDirectories(dir.resolve("small-cache"));
        // the script mounts the tmpfs, then runs the launcher with the remaining arguments
        List<String> onSmallCache = List.of("unshare", "-m", "--propagation", "private", "sh", "-c",
                "mount -t tmpfs -o size=1m winebuild-j-r10 \"$0\" || exit 99; shift; \"$@\"; status=$?; "
                        + "ls -A \"$0/winebuild-j/cds\" >&2; exit $status",
                cache.toString(), "--", launcher.toString());
        Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString());
        Run probe = run(List.of("unshare", "-m", "--propagation", "private", "sh", "-c",
                "mount -t tmpfs -o size=1m winebuild-j-r10 \"$0\"", cache.toString()), Map.of());
        if (probe.status() != 0) {
            String message = "cannot mount a small tmpfs in a private mount namespace (needs root and unshare): "
                    + probe.stderr().strip();
            if (ExternalTools.onCi()) {
                fail(message + ". CI=true, so this fails instead of skipping.");
            }
            Assumptions.abort("skipped: " + message);
        }

        Run def = run(onSmallCache, env, "--def", "-E", spec.toString());
        assertThat(def.status()).as(def.stderr()).isZero();
        assertThat(def.stdout()).contains("LIBRARY hello.dll");
        assertThat(def.stderr()).as("the cds directory is left empty").isEmpty();

        Run usage = run(onSmallCache, env, "--no-such-option");
        assertThat(usage.status()).as(usage.stderr()).isEqualTo(2);
        assertThat(usage.stderr()).contains("no-such-option").doesNotContain("shared archive");
        // the mount was private: nothing reached the cache directory outside the namespace
        assertThat(files(cache)).isEmpty();
    }
}
