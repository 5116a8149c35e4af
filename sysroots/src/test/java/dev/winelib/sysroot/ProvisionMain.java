package dev.winelib.sysroot;

import java.nio.file.Path;
import java.util.List;

import dev.winelib.sysroot.debian.DebianMirror;

/**
 * Run in a child JVM by {@link ProvisioningTest}: {@code ProvisionMain CACHE [PACKAGE...]}
 * provisions the 'sniper' tree and prints it.
 */
public final class ProvisionMain {

    private ProvisionMain() {
    }

    public static void main(String[] args) {
        try {
            Path tree = SniperSysroot.provision(new SysrootCache(Path.of(args[0])),
                    List.of(args).subList(1, args.length), DebianMirror.debian(), System.err::println);
            System.out.println(tree);
        } catch (SysrootException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }
}
