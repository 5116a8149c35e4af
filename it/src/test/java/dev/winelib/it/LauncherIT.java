package dev.winelib.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18's launcher cases: the class-data-sharing archive of bin/winebuild-j (R09, R24, R25). */
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
        ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of(launcher.toString()), Stream.of(args)).toList())
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
        // a Java that writes its archive, then the user presses Ctrl-C (SIGINT to the launcher)
        Path java = dir.resolve("fake-java");
        Files.writeString(java, """
                #!/bin/sh
                for a in "$@"; do
                    case "$a" in -XX:ArchiveClassesAtExit=*) echo partial > "${a#*=}" ;; esac
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
}
