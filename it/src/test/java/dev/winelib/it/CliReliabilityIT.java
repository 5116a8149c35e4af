package dev.winelib.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18's command-line cases that need a process of their own: signals (R23) and output paths (R19). */
class CliReliabilityIT {

    @TempDir
    Path dir;

    private Path launcher;
    private Path tmp;

    @BeforeEach
    void setUp() throws Exception {
        launcher = WinebuildJLauncher.locate();
        tmp = Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(dir.resolve("hello.spec"), "@ stdcall hello(long)\n");
        Files.writeString(dir.resolve("hello.c"), "int __attribute__((ms_abi)) hello(int x) { return x + 1; }\n");
        Process gcc = new ProcessBuilder("gcc", "-c", "-fPIC", "-o", "hello.o", "hello.c").directory(dir.toFile())
                .inheritIO().start();
        assertThat(gcc.waitFor()).isZero();
    }

    private record Run(int status, String stderr) {
    }

    private Run run(String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of(launcher.toString()), Stream.of(args)).toList())
                .directory(dir.toFile());
        pb.environment().put("WINEBUILD_J_CDS", "off");
        pb.environment().put("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp);
        // a runtime cache of its own, so that the runtime is compiled in this run
        pb.environment().put("WINEBUILD_J_RUNTIME_CACHE", dir.resolve("runtime-cache").toString());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), err);
    }

    private static List<String> names(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** R23: SIGTERM in the middle of an object build leaves no work directory or temporary file. */
    @Test
    void r23ATerminatedRunLeavesNothingBehind() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        // the compiler the runtime is compiled with terminates winebuild-j (its parent), then compiles
        Path cc = dir.resolve("cc-then-terminated");
        Files.writeString(cc, "#!/bin/sh\nkill -TERM $PPID\nexec gcc \"$@\"\n");
        Files.setPosixFilePermissions(cc, PosixFilePermissions.fromString("rwxr-xr-x"));
        Run r = run("--dll", "-E", "hello.spec", "-o", out.resolve("hello.spec.o").toString(), "--cc-cmd=" + cc,
                "hello.o");
        assertThat(r.status()).as(r.stderr()).isEqualTo(143);
        assertThat(names(out)).isEmpty();
        assertThat(names(tmp)).filteredOn(n -> !n.startsWith("hsperfdata")).isEmpty();
    }

    /** R19: a directory whose name holds '%' is no problem for the object build. */
    @Test
    void r19APercentSignInTheOutputDirectory() throws Exception {
        Path out = Files.createDirectories(dir.resolve("100%-done"));
        Run r = run("--dll", "-E", "hello.spec", "-o", out.resolve("hello.spec.o").toString(), "hello.o");
        assertThat(r.status()).as(r.stderr()).isZero();
        assertThat(names(out)).containsExactly("hello.spec.o");
        List<String> leftovers = new ArrayList<>(names(tmp));
        leftovers.removeIf(n -> n.startsWith("hsperfdata"));
        assertThat(leftovers).isEmpty();
    }
}
