package dev.winelib.toolchain.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A small sysroot laid out like a Debian tree, made from this machine's C library, with the
 * absolute symlinks Debian trees have. The link targets use names that do not exist on the build
 * machine, so a link that follows them out of the tree fails instead of silently using the host.
 */
final class FakeDebianSysroot {

    private FakeDebianSysroot() {
    }

    static Path create(Path root) throws IOException {
        Path gccHost = Path.of("/usr/lib/gcc/x86_64-linux-gnu");
        Path gccVersionDir;
        try (var versions = Files.list(gccHost)) {
            gccVersionDir = versions.filter(v -> Files.isRegularFile(v.resolve("crtbeginS.o"))).findFirst()
                    .orElseThrow(() -> new IOException("no gcc start files under " + gccHost));
        }
        Path gcc = Files.createDirectories(root.resolve("usr/lib/gcc/x86_64-linux-gnu/10"));
        for (String f : new String[] {"crtbeginS.o", "crtendS.o", "libgcc.a", "libgcc_s.so"}) {
            copy(gccVersionDir.resolve(f), gcc.resolve(f));
        }
        Path usrLib = Files.createDirectories(root.resolve("usr/lib/x86_64-linux-gnu"));
        Path lib = Files.createDirectories(root.resolve("lib/x86_64-linux-gnu"));
        Path hostUsrLib = Path.of("/usr/lib/x86_64-linux-gnu");
        for (String f : new String[] {"crti.o", "crtn.o", "libc_nonshared.a"}) {
            copy(hostUsrLib.resolve(f), usrLib.resolve(f));
        }
        copy(hostUsrLib.resolve("libc.so.6"), lib.resolve("libc.so.6"));
        copy(hostUsrLib.resolve("libgcc_s.so.1"), lib.resolve("libgcc_s.so.1"));
        copy(hostUsrLib.resolve("libm.so.6"), lib.resolve("libm-wbj-fake.so.6"));
        copy(Path.of("/lib64/ld-linux-x86-64.so.2").toRealPath(), lib.resolve("ld-wbj-fake.so"));
        Files.writeString(usrLib.resolve("libc.so"), """
                /* GNU ld script */
                OUTPUT_FORMAT(elf64-x86-64)
                GROUP ( /lib/x86_64-linux-gnu/libc.so.6 /usr/lib/x86_64-linux-gnu/libc_nonshared.a  AS_NEEDED ( /lib64/ld-linux-x86-64.so.2 ) )
                """);
        Files.createDirectories(root.resolve("lib64"));
        Files.createSymbolicLink(root.resolve("lib64/ld-linux-x86-64.so.2"),
                Path.of("/lib/x86_64-linux-gnu/ld-wbj-fake.so"));
        Files.createSymbolicLink(usrLib.resolve("libm.so"), Path.of("/lib/x86_64-linux-gnu/libm-wbj-fake.so.6"));
        Files.createDirectories(root.resolve("usr/include"));
        return root;
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
    }
}
