package dev.winelib.unixlib;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.winelib.toolchain.process.ProcessRunner;
import dev.winelib.toolchain.process.ToolLocator;
import dev.winelib.toolchain.process.ToolNotFoundException;

/**
 * External programs the tests run. A missing one fails the test under CI (CI=true) and skips it
 * elsewhere, with a message naming the Debian package to install.
 */
final class Tools {

    private Tools() {
    }

    static Path require(String program, String debianPackage) {
        Optional<Path> found = ToolLocator.fromEnvironment().find(program);
        if (found.isEmpty()) {
            missing(program + " (Debian package " + debianPackage + ")");
        }
        return found.orElseThrow();
    }

    /** Debian's archive, which the 'sniper' sysroot is provisioned from (in Java, without apt). */
    static void debianArchive() {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("deb.debian.org", 80), 10_000);
        } catch (java.io.IOException e) {
            missing("network access to deb.debian.org:80 (" + e.getMessage() + ")");
        }
    }

    static Path gcc() {
        return require("gcc", "gcc");
    }

    static Path mingwGcc() {
        return require("x86_64-w64-mingw32-gcc", "gcc-mingw-w64-x86-64");
    }

    /** mingw's objdump, an independent reader of PE headers. */
    static Path mingwObjdump() {
        return require("x86_64-w64-mingw32-objdump", "binutils-mingw-w64-x86-64");
    }

    static Path mingwGcc32() {
        return require("i686-w64-mingw32-gcc", "gcc-mingw-w64-i686");
    }

    static Path dlltool() {
        return require("x86_64-w64-mingw32-dlltool", "binutils-mingw-w64-x86-64");
    }

    static Path linker() {
        try {
            return ToolLocator.fromEnvironment().findLinker(Optional.empty());
        } catch (ToolNotFoundException e) {
            missing("ld.lld (Debian package lld or lld-16)");
            throw new AssertionError(e);
        }
    }

    /** Wine's winebuild, the reference for the builtin mark. */
    static Path winebuild() {
        Optional<Path> found = ToolLocator.fromEnvironment().find("winebuild")
                .or(() -> ToolLocator.fromEnvironment().find("/usr/lib/wine/winebuild"));
        if (found.isEmpty()) {
            missing("winebuild (Debian package wine64-tools)");
        }
        return found.orElseThrow();
    }

    /** Everything a unixlib build runs. */
    static void requireBuildTools() {
        gcc();
        mingwGcc();
        dlltool();
        linker();
    }

    static void missing(String what) {
        String message = "this test needs " + what + ", which is not installed";
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        assumeTrue(false, message);
    }

    /** Runs a command, failing the test with its output unless it exits with 0. */
    static String run(List<String> command, Path directory) throws Exception {
        ProcessRunner.Result r = ProcessRunner.run(command, directory, java.util.Map.of());
        if (r.exitCode() != 0) {
            fail(String.join(" ", command) + " exited with " + r.exitCode() + ":\n" + r.output());
        }
        return r.output();
    }
}
