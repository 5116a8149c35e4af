package dev.winelib.sysroot;

import java.nio.file.Path;
import java.util.List;

/**
 * What a link against a sysroot needs.
 *
 * @param sysroot the sysroot as configured
 * @param linkRoot the directory to give ld.lld as {@code --sysroot}: the sysroot itself, or a view
 *     of it in which absolute symlinks point inside the tree
 * @param gccVersion the gcc version whose start files and libgcc the tree holds
 * @param crti {@code crti.o}
 * @param crtn {@code crtn.o}
 * @param crtBeginShared {@code crtbeginS.o}
 * @param crtEndShared {@code crtendS.o}
 * @param libraryDirectories {@code -L} directories, inside {@code linkRoot}, most specific first
 * @param architecture the architecture whose files these are
 */
public record SysrootLayout(
        Sysroot sysroot,
        Path linkRoot,
        String gccVersion,
        Path crti,
        Path crtn,
        Path crtBeginShared,
        Path crtEndShared,
        List<Path> libraryDirectories,
        Architecture architecture) {

    public SysrootLayout {
        libraryDirectories = List.copyOf(libraryDirectories);
        java.util.Objects.requireNonNull(architecture, "architecture");
    }

    /** A 64-bit ({@code x86_64}) sysroot's layout. */
    public SysrootLayout(Sysroot sysroot, Path linkRoot, String gccVersion, Path crti, Path crtn, Path crtBeginShared,
            Path crtEndShared, List<Path> libraryDirectories) {
        this(sysroot, linkRoot, gccVersion, crti, crtn, crtBeginShared, crtEndShared, libraryDirectories,
                Architecture.X86_64);
    }
}
