package dev.winelib.sysroot;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Finds the start files, libgcc and library directories of a sysroot. */
public final class SysrootInspector {

    private static final List<String> TRIPLET_LIB_DIRS = List.of(
            "usr/lib/x86_64-linux-gnu", "lib/x86_64-linux-gnu", "usr/lib64", "lib64", "usr/lib", "lib");
    private static final List<String> GCC_DIRS = List.of(
            "usr/lib/gcc/x86_64-linux-gnu", "usr/lib/gcc/x86_64-pc-linux-gnu", "usr/lib64/gcc/x86_64-pc-linux-gnu",
            "usr/lib/gcc/x86_64-redhat-linux", "usr/lib/gcc/x86_64-suse-linux");

    private final Path viewsDirectory;

    /** @param viewsDirectory where views of sysroots with absolute symlinks are kept */
    public SysrootInspector(Path viewsDirectory) {
        this.viewsDirectory = viewsDirectory;
    }

    /** The per-user default for {@code viewsDirectory}: {@code $XDG_CACHE_HOME/winebuild-j/sysroot-views}. */
    public static Path defaultViewsDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("winebuild-j").resolve("sysroot-views");
    }

    public SysrootLayout inspect(Sysroot sysroot) throws SysrootException {
        Path root = sysroot.root();
        if (!Files.isDirectory(root)) {
            throw new SysrootException("sysroot " + root + " is not a directory: give an unpacked sysroot directory or '"
                    + Sysroot.HOST + "'");
        }
        Path gccDir = findGccDirectory(root).orElseThrow(() -> new SysrootException("sysroot " + sysroot
                + " has no gcc start files (crtbeginS.o under " + String.join(", ", GCC_DIRS) + "): "
                + (sysroot.isHost() ? "install gcc (Debian package gcc)" : "add libgcc-N-dev to the sysroot")));
        Path crti = findLibFile(root, "crti.o", sysroot);
        Path crtn = findLibFile(root, "crtn.o", sysroot);
        Path linkRoot;
        if (sysroot.isHost()) {
            linkRoot = root;
        } else {
            try {
                linkRoot = SysrootView.linkRootFor(root, viewsDirectory);
            } catch (IOException e) {
                throw new SysrootException("cannot prepare a link view of sysroot " + root + " in " + viewsDirectory
                        + ": " + e.getMessage(), e);
            }
        }
        Path relGcc = root.relativize(gccDir);
        List<Path> libDirs = new ArrayList<>();
        libDirs.add(linkRoot.resolve(relGcc.toString()));
        for (String d : TRIPLET_LIB_DIRS) {
            if (Files.isDirectory(root.resolve(d))) {
                libDirs.add(linkRoot.resolve(d));
            }
        }
        return new SysrootLayout(sysroot, linkRoot, gccDir.getFileName().toString(),
                linkRoot.resolve(root.relativize(crti).toString()), linkRoot.resolve(root.relativize(crtn).toString()),
                linkRoot.resolve(relGcc.resolve("crtbeginS.o").toString()),
                linkRoot.resolve(relGcc.resolve("crtendS.o").toString()), libDirs);
    }

    private static Optional<Path> findGccDirectory(Path root) throws SysrootException {
        List<Path> candidates = new ArrayList<>();
        for (String d : GCC_DIRS) {
            Path dir = root.resolve(d);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> versions = Files.newDirectoryStream(dir)) {
                for (Path v : versions) {
                    if (Files.isRegularFile(v.resolve("crtbeginS.o")) && Files.isRegularFile(v.resolve("crtendS.o"))) {
                        candidates.add(v);
                    }
                }
            } catch (IOException e) {
                throw new SysrootException("cannot read " + dir + ": " + e.getMessage(), e);
            }
        }
        return candidates.stream().max(Comparator.comparing((Path p) -> p.getFileName().toString(),
                SysrootInspector::compareVersions).thenComparing(Comparator.naturalOrder()));
    }

    private static Path findLibFile(Path root, String name, Sysroot sysroot) throws SysrootException {
        for (String d : TRIPLET_LIB_DIRS) {
            Path p = root.resolve(d).resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new SysrootException("sysroot " + sysroot + " has no " + name + " (looked in "
                + String.join(", ", TRIPLET_LIB_DIRS) + "): "
                + (sysroot.isHost() ? "install libc6-dev" : "add libc6-dev to the sysroot"));
    }

    /** Compares dotted version strings numerically ("10" after "9"). */
    static int compareVersions(String a, String b) {
        String[] pa = a.split("\\.");
        String[] pb = b.split("\\.");
        for (int i = 0; i < Math.max(pa.length, pb.length); i++) {
            long na = i < pa.length ? numeric(pa[i]) : -1;
            long nb = i < pb.length ? numeric(pb[i]) : -1;
            if (na != nb) {
                return Long.compare(na, nb);
            }
        }
        return a.compareTo(b);
    }

    private static long numeric(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
