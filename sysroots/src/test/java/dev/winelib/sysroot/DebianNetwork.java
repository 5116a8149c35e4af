package dev.winelib.sysroot;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

/** For tests that need Debian's archive: skip when it is unreachable, fail instead under CI=true. */
public final class DebianNetwork {

    /** The extra packages the tests provision. */
    public static final List<String> GAME_PACKAGES = List.of("libvulkan-dev", "libpulse-dev", "libsdl2-dev");

    private DebianNetwork() {
    }

    public static void require() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("deb.debian.org", 80), 10_000);
        } catch (IOException e) {
            missing("deb.debian.org:80 is unreachable (" + e.getMessage() + ")");
        }
    }

    public static void missing(String why) {
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(why);
        }
        Assumptions.abort(why);
    }

    /** A cache shared by the tests of one build (target/test-sysroots), so the tree is provisioned once. */
    public static SysrootCache sharedCache() {
        return new SysrootCache(Path.of("target/test-sysroots").toAbsolutePath());
    }

    /** The sniper tree with {@link #GAME_PACKAGES}, provisioned into the shared cache on first use. */
    public static Path gameTree() throws SysrootException {
        require();
        return SniperSysroot.provision(sharedCache(), GAME_PACKAGES, dev.winelib.sysroot.debian.DebianMirror.debian(),
                m -> { });
    }
}
