package dev.winelib.toolchain.compile;

import java.util.Locale;
import java.util.Optional;

/**
 * The C runtime a winelib module's code calls: the C library of the sysroot (glibc), or one of Wine's
 * own Windows C runtimes, which winegcc selects with {@code -mno-cygwin}. Code compiled against Wine's
 * msvcrt headers calls {@code printf}, {@code atoi}, {@code calloc} ... of a DLL: the module imports
 * them from that DLL, and its executables start at the runtime's {@code mainCRTStartup}
 * ({@code wmainCRTStartup}), kept in the DLL's Unix import library.
 */
public enum CRuntime {
    /** The sysroot's C library: its functions are never imported from a DLL. */
    GLIBC(Optional.empty()),
    /** Wine's ucrtbase.dll (winegcc's default with {@code -mno-cygwin}). */
    UCRTBASE(Optional.of("ucrtbase")),
    /** Wine's msvcrt.dll. */
    MSVCRT(Optional.of("msvcrt"));

    private final Optional<String> dll;

    CRuntime(Optional<String> dll) {
        this.dll = dll;
    }

    /** The DLL's name without extension (its import library is {@code lib<name>.a}); empty for glibc. */
    public Optional<String> dll() {
        return dll;
    }

    /** Whether the module's C functions come from one of Wine's DLLs rather than the C library. */
    public boolean fromWine() {
        return dll.isPresent();
    }

    /** The lower-case name used in configurations ({@code glibc}, {@code ucrtbase}, {@code msvcrt}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The runtime named {@code name} (case-insensitive), or empty. */
    public static Optional<CRuntime> named(String name) {
        for (CRuntime r : values()) {
            if (r.configName().equalsIgnoreCase(name.strip())) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
