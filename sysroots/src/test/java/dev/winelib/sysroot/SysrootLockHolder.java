package dev.winelib.sysroot;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A separate process for the cache tests: holds the lock named {@code args[1]} of the cache
 * {@code args[0]}, says "locked" on standard output, and lets go when its standard input ends.
 */
public final class SysrootLockHolder {

    private SysrootLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        new SysrootCache(Path.of(args[0])).underLock(args[1], () -> {
            System.out.println("locked");
            System.out.flush();
            try {
                System.in.readAllBytes();
            } catch (IOException e) {
                // the test ended: let go
            }
            return null;
        });
    }
}
