package dev.winelib.spec;

import java.util.Optional;

/**
 * The CPU a winelib module is built for: it decides which entries of a spec file apply (their
 * {@code -arch} flags), whether the i386 calling-convention flags ({@code -thiscall},
 * {@code -fastcall}) matter, the size of arguments on the stack and so the stdcall decorations
 * ({@code name@N}), and the width of the addresses in the module header.
 */
public enum TargetCpu {
    /** 64-bit x86 (winebuild -m64, the default). */
    X86_64("x86_64", 8),
    /** 32-bit x86 (winebuild -m32). */
    I386("i386", 4);

    private final String specName;
    private final int pointerSize;

    TargetCpu(String specName, int pointerSize) {
        this.specName = specName;
        this.pointerSize = pointerSize;
    }

    /** The CPU's name in a spec file's {@code -arch=} flag. */
    public String specName() {
        return specName;
    }

    /** Bytes in an address (and in a pointer argument on the stack). */
    public int pointerSize() {
        return pointerSize;
    }

    /** The CPU of that {@code -arch=} name, if it is one of these. */
    public static Optional<TargetCpu> ofSpecName(String name) {
        for (TargetCpu cpu : values()) {
            if (cpu.specName.equals(name)) {
                return Optional.of(cpu);
            }
        }
        return Optional.empty();
    }
}
