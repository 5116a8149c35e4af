package dev.winelib.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TimeDateStamp winebuild 8.0 derives from its command line (a hash of the module file name it
 * keeps: -F, -E, or the -o path with its directories), proved against the real winebuild: fake
 * modules are byte for byte the same, module assembly has the same stamp. Both programs run in a
 * directory of their own with the same relative paths (winebuild-j in one JVM, with {@code batch});
 * absolute paths are written one after the other to the same place.
 */
class WinebuildTimeStampTest {

    @TempDir
    Path dir;

    /** Fake-module command lines; {@code OUT} is the output path, relative to the program's directory. */
    private static final List<List<String>> FAKE_MODULES = List.of(
            List.of("--dll", "--fake-module", "-E", "greet.spec", "-o", "fake/greet.dll"),
            List.of("--dll", "--fake-module", "-E", "greet.spec", "-o", "greet.dll"),
            List.of("--dll", "--fake-module", "-o", "d3d9-nine/d3d9-nine.dll.fake"),
            List.of("--dll", "--fake-module", "-o", "plain"),
            List.of("--dll", "--fake-module", "-o", "dir.x/plain"),
            List.of("--dll", "--fake-module", "-o", "a/b/c.dll"),
            List.of("--exe", "--fake-module", "-o", "e/app.exe.fake"),
            List.of("--exe", "--fake-module", "-F", "app.exe", "-o", "out/app.exe"),
            List.of("--exe", "--fake-module", "-F", "app", "-o", "out/app2.exe"),
            List.of("--dll", "--fake-module", "-E", "sub/greet.spec", "-F", "other.dll", "-o", "x/y.dll"),
            List.of("--dll", "--fake-module", "-F", "other", "-E", "sub/greet.spec", "-o", "x/y2.dll"),
            List.of("--dll", "--fake-module", "-E", "greet.def", "-o", "x/g.dll"),
            List.of("--dll", "--fake-module", "-E", "foo.bar.spec", "-o", "x/fb.dll"),
            List.of("--exe", "--fake-module", "-E", "sub/greet.spec", "-o", "x/greet.exe"));

    /** Module assembly (no objects): the NT header's and export directory's stamps. */
    private static final List<List<String>> ASSEMBLY = List.of(
            List.of("--dll", "-o", "s.d/m.spec.s"),
            List.of("--exe", "-o", "s.d/app"),
            List.of("--dll", "-E", "sub/greet.spec", "-o", "s.d/greet.spec.s"),
            List.of("--exe", "-F", "app.exe", "-o", "s.d/app.spec.s"));

    static Path winebuild() {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getenv("WINEBUILD")).filter(s -> !s.isBlank()).map(Path::of)
                .ifPresent(candidates::add);
        candidates.add(Path.of("/usr/lib/wine/winebuild"));
        for (Path p : candidates) {
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        String message = "this test needs Wine's winebuild (Debian package wine64-tools)";
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(message);
        }
        Assumptions.assumeTrue(false, message);
        return null;
    }

    private static void inputs(Path directory) throws Exception {
        Files.createDirectories(directory.resolve("sub"));
        String spec = "@ stdcall greet(long)\n@ stub later\n";
        Files.writeString(directory.resolve("greet.spec"), spec);
        Files.writeString(directory.resolve("foo.bar.spec"), spec);
        Files.writeString(directory.resolve("sub/greet.spec"), spec);
        Files.writeString(directory.resolve("greet.def"), "LIBRARY greet.dll\nEXPORTS\n  greet\n");
    }

    private static void createParent(Path directory, String output) throws Exception {
        Path parent = directory.resolve(output).getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    private static int run(List<String> command, Path directory, Path log) throws Exception {
        Process p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        return p.exitValue();
    }

    private static String output(List<String> args) {
        return args.get(args.indexOf("-o") + 1);
    }

    /** winebuild-j's command lines, run in {@code directory} by one JVM. */
    private int winebuildJ(List<List<String>> lines, Path directory) throws Exception {
        StringBuilder list = new StringBuilder();
        for (List<String> args : lines) {
            for (String a : args) {
                list.append('\'').append(a).append("' ");
            }
            list.append('\n');
        }
        Path file = dir.resolve("commands-" + directory.getFileName() + ".txt");
        Files.writeString(file, list);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), WinebuildJ.class.getName(), "batch", "-j", "1",
                file.toString());
        return run(command, directory, dir.resolve("batch.log"));
    }

    /** Runs winebuild's command lines in {@code ref/} (one process each) and winebuild-j's in {@code ours/}. */
    private void runBoth(List<List<String>> lines, Path ref, Path ours) throws Exception {
        Path winebuild = winebuild();
        inputs(ref);
        inputs(ours);
        for (List<String> args : lines) {
            createParent(ref, output(args));
            List<String> command = new ArrayList<>(List.of(winebuild.toString()));
            command.addAll(args);
            assertThat(run(command, ref, dir.resolve("winebuild.log"))).as(String.join(" ", command)
                    + ": " + Files.readString(dir.resolve("winebuild.log"))).isZero();
        }
        assertThat(winebuildJ(lines, ours)).as(Files.readString(dir.resolve("batch.log"))).isZero();
    }

    @Test
    void fakeModulesAreWinebuildsForEveryWayTheNameIsGiven() throws Exception {
        Path ref = dir.resolve("ref");
        Path ours = dir.resolve("ours");
        runBoth(FAKE_MODULES, ref, ours);
        for (List<String> args : FAKE_MODULES) {
            String out = output(args);
            assertSameBytes(ours.resolve(out), ref.resolve(out), String.join(" ", args));
        }
    }

    @Test
    void anAbsoluteOutputPathIsHashedWhole() throws Exception {
        Path winebuild = winebuild();
        inputs(dir);
        Path target = dir.resolve("abs.d/module.dll.fake");
        Files.createDirectories(target.getParent());
        List<String> args = List.of("--dll", "--fake-module", "-o", target.toString());
        List<String> command = new ArrayList<>(List.of(winebuild.toString()));
        command.addAll(args);
        assertThat(run(command, dir, dir.resolve("winebuild.log"))).isZero();
        byte[] reference = Files.readAllBytes(target);
        Files.delete(target);
        assertThat(winebuildJ(List.of(args), dir)).as(Files.readString(dir.resolve("batch.log"))).isZero();
        assertThat(Arrays.mismatch(Files.readAllBytes(target), reference)).as("first differing byte").isEqualTo(-1);
    }

    @Test
    void moduleAssemblyHasWinebuildsStamp() throws Exception {
        Path ref = dir.resolve("ref");
        Path ours = dir.resolve("ours");
        runBoth(ASSEMBLY, ref, ours);
        for (List<String> args : ASSEMBLY) {
            String out = output(args);
            assertThat(stamp(ours.resolve(out))).as(String.join(" ", args)).startsWith(".long ")
                    .isEqualTo(stamp(ref.resolve(out)));
        }
    }

    private static void assertSameBytes(Path ours, Path reference, String what) throws Exception {
        assertThat(Arrays.mismatch(Files.readAllBytes(ours), Files.readAllBytes(reference)))
                .as(what + ": first byte that differs from winebuild's (-1: none)").isEqualTo(-1);
    }

    /** The NT header's TimeDateStamp: the value two lines after the Machine field. */
    private static String stamp(Path assembly) throws Exception {
        List<String> lines = Files.readAllLines(assembly).stream().map(l -> l.replaceAll("/\\*.*\\*/", "").strip())
                .toList();
        int machine = lines.indexOf(".short 0x8664");
        assertThat(machine).as(assembly + " has an NT header").isPositive();
        return lines.get(machine + 2);
    }
}
