package dev.winelib.toolchain.compile;

import java.util.Locale;

/**
 * How a module that holds C++ code gets its C++ standard library, libstdc++ of the sysroot's GCC.
 */
public enum CxxRuntime {
    /**
     * {@code libstdc++.a} linked into the module: nothing to install next to the DLL, and the module
     * needs only the glibc symbol versions that the sysroot's libstdc++ was built against.
     */
    STATIC,
    /** {@code libstdc++.so.6} of the system the DLL runs on ({@code DT_NEEDED}). */
    SHARED,
    /** No libstdc++ is linked (C++ code without library calls, or libraries given by hand). */
    NONE;

    /** {@code static}, {@code shared} or {@code none}, in any case. */
    public static CxxRuntime parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (CxxRuntime r : values()) {
            if (r.name().toLowerCase(Locale.ROOT).equals(t)) {
                return r;
            }
        }
        throw new IllegalArgumentException("C++ runtime '" + text + "' is not one of static, shared, none");
    }
}
