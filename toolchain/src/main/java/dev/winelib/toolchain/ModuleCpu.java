package dev.winelib.toolchain;

import dev.winelib.spec.TargetCpu;
import dev.winelib.sysroot.Architecture;

/**
 * The one correspondence between the two views of "what a module is built for": the spec model's
 * {@link TargetCpu} (which spec entries apply, address width in the module header) and the
 * sysroots' {@link Architecture} (Debian architecture, multiarch directories, ld emulation). The
 * two modules do not depend on each other, so each keeps its enum; code that has one and needs the
 * other converts here.
 */
public final class ModuleCpu {

    private ModuleCpu() {
    }

    /** The Linux architecture of a module whose spec is read for {@code cpu}. */
    public static Architecture architecture(TargetCpu cpu) {
        return cpu == TargetCpu.I386 ? Architecture.I386 : Architecture.X86_64;
    }

    /** The CPU the spec of a module built for {@code architecture} is read for. */
    public static TargetCpu cpu(Architecture architecture) {
        return architecture.is64Bit() ? TargetCpu.X86_64 : TargetCpu.I386;
    }
}
