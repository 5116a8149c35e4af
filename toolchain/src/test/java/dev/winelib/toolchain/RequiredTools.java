package dev.winelib.toolchain;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;

import dev.winelib.toolchain.process.ToolLocator;
import dev.winelib.toolchain.process.ToolNotFoundException;

/**
 * External programs the tests run. A missing one fails the test under CI (CI=true) and skips it
 * elsewhere, with a message naming what to install.
 */
public final class RequiredTools {

    private RequiredTools() {
    }

    public static Path require(String program, String debianPackage) {
        Optional<Path> found = ToolLocator.fromEnvironment().find(program);
        if (found.isEmpty()) {
            missing(program + " (Debian package " + debianPackage + ")");
        }
        return found.orElseThrow();
    }

    public static Path linker() {
        try {
            return ToolLocator.fromEnvironment().findLinker(Optional.empty());
        } catch (ToolNotFoundException e) {
            missing("ld.lld (Debian package lld or lld-16)");
            throw new AssertionError(e);
        }
    }

    /**
     * Debian's archive, which the 'sniper' sysroot is provisioned from (in Java: apt and dpkg are
     * not needed); a tree already in the user's sysroot cache is used without it.
     */
    public static void debianArchive() {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("deb.debian.org", 80), 10_000);
        } catch (java.io.IOException e) {
            missing("network access to deb.debian.org:80 (" + e.getMessage() + ")");
        }
    }

    public static void missing(String what) {
        String message = "this test needs " + what + ", which is not installed";
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        assumeTrue(false, message);
    }
}
