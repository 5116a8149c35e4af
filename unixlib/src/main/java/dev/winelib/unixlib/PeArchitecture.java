package dev.winelib.unixlib;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An architecture the PE half of a unixlib module is built for, with what differs between them:
 * the mingw tools, the PE machine, the dlltool machine, Wine's directory names and the range of
 * preferred image bases.
 *
 * <p>A 32-bit ({@link #I686}) PE half is served by the same 64-bit Unix library under new-style
 * WoW64 (its {@code __wine_unix_call_wow64_funcs}) and by a 32-bit Unix library in Wine's
 * old-style 32-bit process ({@code i386-unix/NAME.so}, its {@code __wine_unix_call_funcs}).
 */
public enum PeArchitecture {
    /** Bases from 0x400000000 (mingw's range for automatic x86_64 bases), 2 GiB of them. */
    X86_64("x86_64", "x86_64-w64-mingw32", 0x8664, "i386:x86-64", "x86_64", 0x4_0000_0000L, 0x8000,
            "binutils-mingw-w64-x86-64"),
    /** Bases from 0x10000000 to 0x30000000: low in the 2 GiB of a 32-bit process, above the program. */
    I686("i686", "i686-w64-mingw32", 0x14c, "i386", "i386", 0x1000_0000L, 0x2000, "binutils-mingw-w64-i686");

    private final String keyword;
    private final String mingwTriplet;
    private final int machine;
    private final String dlltoolMachine;
    private final String wineDirectoryPrefix;
    private final long imageBaseStart;
    private final int imageBaseSlots;
    private final String binutilsPackage;

    PeArchitecture(String keyword, String mingwTriplet, int machine, String dlltoolMachine, String wineDirectoryPrefix,
            long imageBaseStart, int imageBaseSlots, String binutilsPackage) {
        this.keyword = keyword;
        this.mingwTriplet = mingwTriplet;
        this.machine = machine;
        this.dlltoolMachine = dlltoolMachine;
        this.wineDirectoryPrefix = wineDirectoryPrefix;
        this.imageBaseStart = imageBaseStart;
        this.imageBaseSlots = imageBaseSlots;
        this.binutilsPackage = binutilsPackage;
    }

    /** The name in {@code <architectures>}: {@code x86_64} or {@code i686}. */
    public String keyword() {
        return keyword;
    }

    /** The mingw tool prefix, e.g. {@code i686-w64-mingw32}. */
    public String mingwTriplet() {
        return mingwTriplet;
    }

    /** The default PE compiler driver. */
    public String defaultCompiler() {
        return mingwTriplet + "-gcc";
    }

    /** The default dlltool. */
    public String defaultDlltool() {
        return mingwTriplet + "-dlltool";
    }

    /** The Debian package of {@link #defaultDlltool()}. */
    public String binutilsPackage() {
        return binutilsPackage;
    }

    /** The COFF machine of the DLL: 0x8664 or 0x14c. */
    public int machine() {
        return machine;
    }

    /** dlltool's {@code --machine}. */
    public String dlltoolMachine() {
        return dlltoolMachine;
    }

    /** Wine's directory of PE files of this architecture, e.g. {@code i386-windows}. */
    public String windowsDirectory() {
        return wineDirectoryPrefix + "-windows";
    }

    /** Wine's directory of Unix libraries of this width, e.g. {@code i386-unix}. */
    public String unixDirectory() {
        return wineDirectoryPrefix + "-unix";
    }

    /** Where this architecture's preferred image bases start. */
    long imageBaseStart() {
        return imageBaseStart;
    }

    /** How many 64 KiB steps the preferred image bases spread over. */
    int imageBaseSlots() {
        return imageBaseSlots;
    }

    /** Whether pointers are 32 bits wide (stdcall names are decorated, the WOW64 structures apply). */
    public boolean is32Bit() {
        return this == I686;
    }

    /**
     * The tool for this architecture derived from one configured for {@code configuredFor}: a
     * mingw tool name ({@code x86_64-w64-mingw32-gcc-posix}) gets this architecture's prefix, any
     * other name is kept (a driver that takes {@code -m32}, such as clang with a target).
     */
    public String tool(String configured, PeArchitecture configuredFor) {
        if (this == configuredFor) {
            return configured;
        }
        String prefix = configuredFor.mingwTriplet + "-";
        return configured.startsWith(prefix) ? mingwTriplet + "-" + configured.substring(prefix.length()) : configured;
    }

    /**
     * The architecture named {@code value}.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static PeArchitecture of(String value) {
        String v = value.strip();
        for (PeArchitecture a : values()) {
            if (a.keyword.equals(v)) {
                return a;
            }
        }
        String hint = switch (v.toLowerCase(Locale.ROOT)) {
            case "i386", "i486", "i586", "x86", "win32", "ia32" -> " (the 32-bit PE half is 'i686')";
            case "amd64", "x64", "x86-64", "win64" -> " (the 64-bit PE half is 'x86_64')";
            default -> "";
        };
        throw new IllegalArgumentException("'" + v + "' is not an architecture of a unixlib PE half" + hint + ": use "
                + words());
    }

    /**
     * The PE architecture of the Windows programs that call a winelib module of the Linux
     * architecture {@code value} ({@code x86_64}, or {@code i386}, whose programs are i686 ones);
     * blank means x86_64.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static PeArchitecture ofWinelibArchitecture(String value) {
        String v = value == null ? "" : value.strip();
        return switch (v) {
            case "", "x86_64" -> X86_64;
            case "i386" -> I686;
            default -> throw new IllegalArgumentException("'" + v + "' is not an architecture of a winelib module:"
                    + " use x86_64 or i386");
        };
    }

    /** The architectures of a list of names, in order, without repeats. */
    public static List<PeArchitecture> of(List<String> values) {
        return values.stream().map(PeArchitecture::of).distinct().toList();
    }

    /** Every keyword, for messages. */
    public static String words() {
        return Arrays.stream(values()).map(PeArchitecture::keyword).collect(Collectors.joining(" or "));
    }
}
