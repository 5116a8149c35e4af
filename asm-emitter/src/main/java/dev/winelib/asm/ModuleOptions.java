package dev.winelib.asm;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Header values of the module that do not come from the spec file.
 *
 * @param entryPoint the symbol Wine calls as the DLL entry point (ms_abi
 *     {@code BOOL (HINSTANCE, DWORD, void*)}), or empty for none
 * @param entryPointOptional whether the entry point symbol may be missing from the link (a hidden
 *     weak reference: the entry point is then 0)
 * @param subsystem PE subsystem (3: console, 2: GUI)
 * @param subsystemMajor subsystem major version
 * @param subsystemMinor subsystem minor version
 * @param characteristics PE file characteristics
 * @param dllCharacteristics PE DLL characteristics
 * @param stackReserveKib stack reserve in KiB
 * @param heapReserveKib heap reserve in KiB
 * @param stubRuntime whether stubs call {@code __wine_spec_unimplemented_stub(module, function)},
 *     which raises Wine's stub exception (provided by the toolchain's runtime); otherwise they trap
 * @param timeDateStamp the PE TimeDateStamp (seconds since 1970, UTC) of the NT header and the export
 *     directory; empty for winebuild's value, a hash of the module file name (no time is written)
 */
public record ModuleOptions(
        Optional<String> entryPoint,
        boolean entryPointOptional,
        int subsystem,
        int subsystemMajor,
        int subsystemMinor,
        int characteristics,
        int dllCharacteristics,
        int stackReserveKib,
        int heapReserveKib,
        boolean stubRuntime,
        OptionalLong timeDateStamp) {

    /** Options writing no time: the TimeDateStamp is a hash of the module file name, as winebuild's. */
    public ModuleOptions(Optional<String> entryPoint, boolean entryPointOptional, int subsystem, int subsystemMajor,
            int subsystemMinor, int characteristics, int dllCharacteristics, int stackReserveKib, int heapReserveKib,
            boolean stubRuntime) {
        this(entryPoint, entryPointOptional, subsystem, subsystemMajor, subsystemMinor, characteristics,
                dllCharacteristics, stackReserveKib, heapReserveKib, stubRuntime, OptionalLong.empty());
    }

    /**
     * The same options with {@code seconds} (since 1970, UTC) as TimeDateStamp.
     *
     * @throws IllegalArgumentException when the time does not fit the 32-bit unsigned field (before
     *     1970 or after 2106-02-07)
     */
    public ModuleOptions withTimeDateStamp(long seconds) {
        if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("the time " + seconds + " (seconds since 1970) does not fit a PE"
                    + " TimeDateStamp (0 to 4294967295, 1970-01-01 to 2106-02-07)");
        }
        return new ModuleOptions(entryPoint, entryPointOptional, subsystem, subsystemMajor, subsystemMinor,
                characteristics, dllCharacteristics, stackReserveKib, heapReserveKib, stubRuntime,
                OptionalLong.of(seconds));
    }

    /** The same options, with stubs raising Wine's stub exception through the runtime. */
    public ModuleOptions withStubRuntime() {
        return new ModuleOptions(entryPoint, entryPointOptional, subsystem, subsystemMajor, subsystemMinor,
                characteristics, dllCharacteristics, stackReserveKib, heapReserveKib, true, timeDateStamp);
    }

    /** IMAGE_FILE_DLL | IMAGE_FILE_32BIT_MACHINE | IMAGE_FILE_EXECUTABLE_IMAGE, as winebuild writes for a DLL. */
    public static final int DLL_CHARACTERISTICS = 0x2102;
    /** IMAGE_FILE_32BIT_MACHINE | IMAGE_FILE_EXECUTABLE_IMAGE, as winebuild writes for an executable. */
    public static final int EXE_CHARACTERISTICS = 0x0102;
    /** IMAGE_FILE_DLL. */
    public static final int FILE_DLL = 0x2000;
    /** IMAGE_FILE_LARGE_ADDRESS_AWARE. */
    public static final int LARGE_ADDRESS_AWARE = 0x0020;
    /** Wine's IMAGE_DLLCHARACTERISTICS_PREFER_NATIVE: load the native module rather than this builtin one. */
    public static final int PREFER_NATIVE = 0x0010;
    public static final int SUBSYSTEM_NATIVE = 1;
    public static final int SUBSYSTEM_WINDOWS_CE_GUI = 9;
    /** The default stack and heap reserve, in KiB. */
    public static final int DEFAULT_RESERVE_KIB = 1024;
    /** IMAGE_DLLCHARACTERISTICS_NX_COMPAT. */
    public static final int NX_COMPAT = 0x0100;
    public static final int SUBSYSTEM_WINDOWS_GUI = 2;
    public static final int SUBSYSTEM_WINDOWS_CUI = 3;

    public ModuleOptions {
        Objects.requireNonNull(entryPoint, "entryPoint");
        Objects.requireNonNull(timeDateStamp, "timeDateStamp");
    }

    /**
     * A {@code --dll} module whose entry point is {@code symbol} if the link defines it, and none
     * otherwise: for when the objects are not known yet.
     */
    public static ModuleOptions dllWithOptionalEntry(String symbol) {
        return new ModuleOptions(Optional.of(symbol), true, SUBSYSTEM_WINDOWS_CUI, 4, 0, DLL_CHARACTERISTICS, NX_COMPAT,
                DEFAULT_RESERVE_KIB, DEFAULT_RESERVE_KIB, false);
    }

    /** The values winebuild uses for an {@code --exe} module (console subsystem unless changed). */
    public static ModuleOptions exe(String entryPoint) {
        return new ModuleOptions(Optional.of(entryPoint), false, SUBSYSTEM_WINDOWS_CUI, 4, 0, EXE_CHARACTERISTICS,
                NX_COMPAT, DEFAULT_RESERVE_KIB, DEFAULT_RESERVE_KIB, false);
    }

    /** The same options with another subsystem and subsystem version. */
    public ModuleOptions withSubsystem(int newSubsystem, int major, int minor) {
        return new ModuleOptions(entryPoint, entryPointOptional, newSubsystem, major, minor, characteristics,
                dllCharacteristics, stackReserveKib, heapReserveKib, stubRuntime, timeDateStamp);
    }

    /** The same options with other file characteristics. */
    public ModuleOptions withCharacteristics(int newCharacteristics) {
        return new ModuleOptions(entryPoint, entryPointOptional, subsystem, subsystemMajor, subsystemMinor,
                newCharacteristics, dllCharacteristics, stackReserveKib, heapReserveKib, stubRuntime, timeDateStamp);
    }

    /** The same options with other DLL characteristics. */
    public ModuleOptions withDllCharacteristics(int newDllCharacteristics) {
        return new ModuleOptions(entryPoint, entryPointOptional, subsystem, subsystemMajor, subsystemMinor,
                characteristics, newDllCharacteristics, stackReserveKib, heapReserveKib, stubRuntime, timeDateStamp);
    }

    /** The same options with another heap reserve. */
    public ModuleOptions withHeapReserveKib(int kib) {
        return new ModuleOptions(entryPoint, entryPointOptional, subsystem, subsystemMajor, subsystemMinor,
                characteristics, dllCharacteristics, stackReserveKib, kib, stubRuntime, timeDateStamp);
    }

    /** The same options with another entry point symbol (always present in the link). */
    public ModuleOptions withEntryPoint(String symbol) {
        return new ModuleOptions(Optional.of(symbol), false, subsystem, subsystemMajor, subsystemMinor,
                characteristics, dllCharacteristics, stackReserveKib, heapReserveKib, stubRuntime, timeDateStamp);
    }

    /** Whether this is a DLL (IMAGE_FILE_DLL is set). */
    public boolean isDll() {
        return (characteristics & FILE_DLL) != 0;
    }

    /** The values winebuild uses for a {@code --dll} module. */
    public static ModuleOptions dll(Optional<String> entryPoint) {
        return new ModuleOptions(entryPoint, false, SUBSYSTEM_WINDOWS_CUI, 4, 0, DLL_CHARACTERISTICS, NX_COMPAT,
                DEFAULT_RESERVE_KIB, DEFAULT_RESERVE_KIB, false);
    }
}
