package dev.winelib.sysroot;

import java.nio.file.Path;
import java.util.Optional;

/** Run in a separate JVM by {@link SysrootCacheTest}: {@code UnpackMain CACHE ARCHIVE} prints the tree. */
public final class UnpackMain {

    private UnpackMain() {
    }

    public static void main(String[] args) {
        try {
            Path tree = new SysrootCache(Path.of(args[0])).unpack(Path.of(args[1]), Optional.empty());
            System.out.println(tree);
        } catch (SysrootException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }
}
