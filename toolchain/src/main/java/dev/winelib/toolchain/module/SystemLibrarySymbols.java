package dev.winelib.toolchain.module;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.winelib.sysroot.SysrootLayout;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.elf.ElfFormatException;
import dev.winelib.toolchain.elf.ElfSymbol;

/**
 * The symbols a sysroot's system libraries (C library, libm, libgcc_s, libdl, libpthread) define.
 * A module never imports these from a DLL: the C library always wins, as with winebuild, which
 * never imports the standard C functions.
 */
final class SystemLibrarySymbols {

    static final List<String> LIBRARIES = List.of("libc.so.6", "libm.so.6", "libgcc_s.so.1", "libdl.so.2",
            "libpthread.so.0");

    private SystemLibrarySymbols() {
    }

    /** The dynamic symbols the first copy of each library in the sysroot's library directories defines. */
    static Set<String> of(SysrootLayout sysroot) throws IOException, BuildFailure {
        Set<String> symbols = new TreeSet<>();
        for (String library : LIBRARIES) {
            for (Path dir : sysroot.libraryDirectories()) {
                Path lib = dir.resolve(library);
                if (Files.isRegularFile(lib)) {
                    try {
                        for (ElfSymbol s : ElfFile.readEither(lib).dynamicSymbols()) {
                            if (s.isDefined()) {
                                symbols.add(s.name());
                            }
                        }
                    } catch (ElfFormatException e) {
                        throw new BuildFailure(e.getMessage(), e);
                    }
                    break;
                }
            }
        }
        return symbols;
    }
}
