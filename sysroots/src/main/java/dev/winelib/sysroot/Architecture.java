package dev.winelib.sysroot;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The Linux architectures winelib modules are built for: 64-bit {@code x86_64} (the default) and
 * 32-bit {@code i386}. Each has its Debian architecture, its multiarch directory names, its
 * dynamic loader, its ld.lld emulation and the ELF class of its objects.
 */
public enum Architecture {
    /** 64-bit x86: Debian {@code amd64}, {@code x86_64-linux-gnu}, ELF64. */
    X86_64("x86_64", "amd64", "x86_64-linux-gnu", List.of("x86_64-linux-gnu", "x86_64-pc-linux-gnu",
            "x86_64-redhat-linux", "x86_64-suse-linux"), "lib64/ld-linux-x86-64.so.2", "elf_x86_64", "-m64", 64),
    /** 32-bit x86: Debian {@code i386}, {@code i386-linux-gnu} (gcc's {@code i686-linux-gnu}), ELF32. */
    I386("i386", "i386", "i386-linux-gnu", List.of("i686-linux-gnu", "i586-linux-gnu", "i486-linux-gnu",
            "i386-linux-gnu", "i686-pc-linux-gnu", "i686-redhat-linux", "i586-suse-linux"), "lib/ld-linux.so.2",
            "elf_i386", "-m32", 32);

    /** The default: 64-bit. */
    public static final Architecture DEFAULT = X86_64;

    private final String configName;
    private final String debianName;
    private final String multiarch;
    private final List<String> gccTriplets;
    private final String dynamicLoader;
    private final String ldEmulation;
    private final String compilerFlag;
    private final int bits;

    Architecture(String configName, String debianName, String multiarch, List<String> gccTriplets,
            String dynamicLoader, String ldEmulation, String compilerFlag, int bits) {
        this.configName = configName;
        this.debianName = debianName;
        this.multiarch = multiarch;
        this.gccTriplets = gccTriplets;
        this.dynamicLoader = dynamicLoader;
        this.ldEmulation = ldEmulation;
        this.compilerFlag = compilerFlag;
        this.bits = bits;
    }

    /**
     * The architecture a setting names: {@code x86_64} or {@code i386} (case-insensitive; blank
     * means {@link #DEFAULT}).
     *
     * @throws SysrootException naming the setting and the accepted values
     */
    public static Architecture parse(String text) throws SysrootException {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Architecture a : values()) {
            if (a.configName.equals(t)) {
                return a;
            }
        }
        throw new SysrootException("unknown architecture '" + text.trim() + "': use "
                + String.join(" or ", Arrays.stream(values()).map(Architecture::configName).toList())
                + " (winelib modules are built for 64-bit or 32-bit x86 Linux)");
    }

    /** The name in settings and messages: {@code x86_64} or {@code i386}. */
    public String configName() {
        return configName;
    }

    /** Debian's name: {@code amd64} or {@code i386}. */
    public String debianName() {
        return debianName;
    }

    /** The multiarch directory name: {@code x86_64-linux-gnu} or {@code i386-linux-gnu}. */
    public String multiarch() {
        return multiarch;
    }

    /** The names of gcc's per-target directories ({@code usr/lib/gcc/NAME/VERSION}) of this architecture. */
    public List<String> gccTriplets() {
        return gccTriplets;
    }

    /** The program interpreter below the root, e.g. {@code lib/ld-linux.so.2}. */
    public String dynamicLoader() {
        return dynamicLoader;
    }

    /** ld.lld's {@code -m} emulation: {@code elf_x86_64} or {@code elf_i386}. */
    public String ldEmulation() {
        return ldEmulation;
    }

    /** The compiler option that selects it: {@code -m64} or {@code -m32}. */
    public String compilerFlag() {
        return compilerFlag;
    }

    /** 64 or 32: the ELF class and pointer size. */
    public int bits() {
        return bits;
    }

    /** Whether this is the 64-bit architecture. */
    public boolean is64Bit() {
        return bits == 64;
    }

    @Override
    public String toString() {
        return configName;
    }
}
