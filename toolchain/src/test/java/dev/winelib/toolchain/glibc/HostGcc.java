package dev.winelib.toolchain.glibc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.winelib.toolchain.process.ToolLocator;

/**
 * The host gcc these tests compile and link with. The same rule as the toolchain's
 * {@code RequiredTools} (package-private in dev.winelib.toolchain, so not reachable from here): a
 * missing gcc fails the test when the environment has {@code CI=true} and skips it otherwise, with
 * a message naming the Debian package.
 */
final class HostGcc {

    private final Path gcc;

    private HostGcc(Path gcc) {
        this.gcc = gcc;
    }

    static HostGcc require() {
        Optional<Path> found = ToolLocator.fromEnvironment().find("gcc");
        if (found.isEmpty()) {
            String message = "this test needs gcc (Debian packages gcc and libc6-dev), which is not installed";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            assumeTrue(false, message);
        }
        return new HostGcc(found.orElseThrow());
    }

    /** Writes {@code name.c} and compiles it to {@code name.o} with -fPIC. */
    Path compile(Path dir, String name, String source) throws IOException, InterruptedException {
        Path c = dir.resolve(name + ".c");
        Files.writeString(c, source);
        Path o = dir.resolve(name + ".o");
        run(dir, List.of(gcc.toString(), "-c", "-fPIC", "-O1", "-o", o.toString(), c.toString()));
        return o;
    }

    /** Links objects into a shared object with the host gcc, extra arguments after the objects. */
    Path link(Path dir, String output, List<Path> objects, String... extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(gcc.toString(), "-shared", "-o", dir.resolve(output).toString()));
        objects.forEach(o -> cmd.add(o.toString()));
        cmd.addAll(List.of(extra));
        run(dir, cmd);
        return dir.resolve(output);
    }

    private static void run(Path dir, List<String> cmd) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "gcc", ".log");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("gcc finished").isTrue();
        assertThat(p.exitValue()).as("%s failed:%n%s", cmd, Files.readString(log, StandardCharsets.UTF_8)).isZero();
    }
}
