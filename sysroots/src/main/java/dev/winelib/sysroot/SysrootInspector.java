package dev.winelib.sysroot;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the start files, libgcc and library directories of a sysroot. */
public final class SysrootInspector {

    /** Where the C library's files are, most specific first. */
    static List<String> libraryDirectories(Architecture arch) {
        String m = arch.multiarch();
        return arch.is64Bit() ? List.of("usr/lib/" + m, "lib/" + m, "usr/lib64", "lib64", "usr/lib", "lib")
                : List.of("usr/lib/" + m, "lib/" + m, "usr/lib32", "lib32", "usr/lib", "lib");
    }

    /** Where gcc's start files and libgcc are, one directory per gcc version below each. */
    static List<String> gccDirectories(Architecture arch) {
        List<String> dirs = new ArrayList<>();
        for (String t : arch.gccTriplets()) {
            dirs.add("usr/lib/gcc/" + t);
            if (arch.is64Bit()) {
                dirs.add("usr/lib64/gcc/" + t);
            }
        }
        return dirs;
    }

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

    /** The layout of a 64-bit ({@code x86_64}) sysroot. */
    public SysrootLayout inspect(Sysroot sysroot) throws SysrootException {
        return inspect(sysroot, Architecture.X86_64);
    }

    /** The layout of a sysroot for {@code arch}: its start files, libgcc and library directories. */
    public SysrootLayout inspect(Sysroot sysroot, Architecture arch) throws SysrootException {
        List<String> gccDirs = gccDirectories(arch);
        List<String> libDirNames = libraryDirectories(arch);
        Path root = sysroot.root();
        if (!Files.isDirectory(root)) {
            throw new SysrootException("sysroot " + root + " is not a directory: give an unpacked sysroot directory or '"
                    + Sysroot.HOST + "'");
        }
        // no lambdas on this path: each lambda's call site is linked on its first use, which every short run
        // of the command line pays (Java 17)
        Optional<Path> foundGccDir = findGccDirectory(root, gccDirs);
        if (foundGccDir.isEmpty()) {
            throw new SysrootException("sysroot " + sysroot
                    + " has no gcc start files for " + arch + " (crtbeginS.o under " + String.join(", ", gccDirs) + "): "
                    + (sysroot.isHost() ? (arch.is64Bit() ? "install gcc (Debian package gcc)"
                            : "install the 32-bit start files (Debian package lib32gcc-12-dev), or use the 'sniper'"
                            + " sysroot, which has them for i386")
                            : "add libgcc-N-dev" + (arch.is64Bit() ? "" : ":i386") + " to the sysroot"));
        }
        Path gccDir = foundGccDir.get();
        Path crti = findLibFile(root, "crti.o", sysroot, arch, libDirNames);
        Path crtn = findLibFile(root, "crtn.o", sysroot, arch, libDirNames);
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
        for (String d : libDirNames) {
            if (Files.isDirectory(root.resolve(d))) {
                libDirs.add(linkRoot.resolve(d));
            }
        }
        return new SysrootLayout(sysroot, linkRoot, gccDir.getFileName().toString(),
                linkRoot.resolve(root.relativize(crti).toString()), linkRoot.resolve(root.relativize(crtn).toString()),
                linkRoot.resolve(relGcc.resolve("crtbeginS.o").toString()),
                linkRoot.resolve(relGcc.resolve("crtendS.o").toString()), libDirs, arch);
    }

    private static Optional<Path> findGccDirectory(Path root, List<String> gccDirs) throws SysrootException {
        List<Path> candidates = new ArrayList<>();
        for (String d : gccDirs) {
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
        // the newest by a comparison of this class's own, in a loop (no lambda to link on every start)
        Path newest = null;
        for (Path candidate : candidates) {
            if (newest == null || compareGccDirs(candidate, newest) > 0) {
                newest = candidate;
            }
        }
        return Optional.ofNullable(newest);
    }

    /** gcc directories by version (then by path): the newest compares highest. */
    private static int compareGccDirs(Path a, Path b) {
        int c = compareVersions(a.getFileName().toString(), b.getFileName().toString());
        return c != 0 ? c : a.compareTo(b);
    }

    private static Path findLibFile(Path root, String name, Sysroot sysroot, Architecture arch, List<String> dirs)
            throws SysrootException {
        for (String d : dirs) {
            Path p = root.resolve(d).resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        String pkg = arch.is64Bit() ? "libc6-dev" : "libc6-dev:i386";
        throw new SysrootException("sysroot " + sysroot + " has no " + name + " for " + arch + " (looked in "
                + String.join(", ", dirs) + "): "
                + (sysroot.isHost() ? "install " + pkg : "add " + pkg + " to the sysroot"));
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
