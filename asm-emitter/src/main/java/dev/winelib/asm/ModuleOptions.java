package dev.winelib.asm;

import java.util.Objects;
import java.util.Optional;

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
        boolean stubRuntime) {

    /** The same options, with stubs raising Wine's stub exception through the runtime. */
    public ModuleOptions withStubRuntime() {
        return new ModuleOptions(entryPoint, entryPointOptional, subsystem, subsystemMajor, subsystemMinor,
                characteristics, dllCharacteristics, stackReserveKib, heapReserveKib, true);
    }

    /** IMAGE_FILE_DLL | IMAGE_FILE_32BIT_MACHINE | IMAGE_FILE_EXECUTABLE_IMAGE, as winebuild writes for a DLL. */
    public static final int DLL_CHARACTERISTICS = 0x2102;
    /** IMAGE_DLLCHARACTERISTICS_NX_COMPAT. */
    public static final int NX_COMPAT = 0x0100;
    public static final int SUBSYSTEM_WINDOWS_GUI = 2;
    public static final int SUBSYSTEM_WINDOWS_CUI = 3;

    public ModuleOptions {
        Objects.requireNonNull(entryPoint, "entryPoint");
    }

    /**
     * A {@code --dll} module whose entry point is {@code symbol} if the link defines it, and none
     * otherwise: for when the objects are not known yet.
     */
    public static ModuleOptions dllWithOptionalEntry(String symbol) {
        return new ModuleOptions(Optional.of(symbol), true, SUBSYSTEM_WINDOWS_CUI, 4, 0, DLL_CHARACTERISTICS, NX_COMPAT,
                1024, 1024, false);
    }

    /** The values winebuild uses for a {@code --dll} module. */
    public static ModuleOptions dll(Optional<String> entryPoint) {
        return new ModuleOptions(entryPoint, false, SUBSYSTEM_WINDOWS_CUI, 4, 0, DLL_CHARACTERISTICS, NX_COMPAT, 1024,
                1024, false);
    }
}
