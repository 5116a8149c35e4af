package dev.winelib.toolchain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A target as winebuild's {@code -b}/{@code --target} names it: {@code CPU-VENDOR-OS} or
 * {@code CPU-VENDOR-KERNEL-OS} ({@code x86_64-linux-gnu}, {@code x86_64-w64-mingw32}). The CPU is
 * matched by prefix ({@code i686}, {@code x86_64}, {@code amd64}, {@code aarch64}, ...), the
 * operating system by the prefix of one of the later parts.
 *
 * @param alias the name as given, also the prefix of the target's tools ({@code x86_64-w64-mingw32-dlltool})
 * @param cpu {@code i386}, {@code x86_64}, {@code arm} or {@code arm64}
 * @param platform the operating system family
 */
public record Target(String alias, String cpu, Platform platform) {

    /** Operating system families winebuild distinguishes. */
    public enum Platform {
        UNSPECIFIED(false), LINUX(false), FREEBSD(false), SOLARIS(false), ANDROID(false), APPLE(false),
        MINGW(true), WINDOWS(true), CYGWIN(true);

        private final boolean pe;

        Platform(boolean pe) {
            this.pe = pe;
        }

        /** Whether modules for this platform are PE files rather than winelib ELF objects. */
        public boolean isPe() {
            return pe;
        }
    }

    private static final List<Map.Entry<String, String>> CPUS = List.of(Map.entry("i386", "i386"),
            Map.entry("i486", "i386"), Map.entry("i586", "i386"), Map.entry("i686", "i386"), Map.entry("i786", "i386"),
            Map.entry("x86_64", "x86_64"), Map.entry("amd64", "x86_64"), Map.entry("aarch64", "arm64"),
            Map.entry("arm64", "arm64"), Map.entry("arm", "arm"));
    private static final List<Map.Entry<String, Platform>> PLATFORMS = List.of(Map.entry("macos", Platform.APPLE),
            Map.entry("darwin", Platform.APPLE), Map.entry("android", Platform.ANDROID),
            Map.entry("linux", Platform.LINUX), Map.entry("freebsd", Platform.FREEBSD),
            Map.entry("solaris", Platform.SOLARIS), Map.entry("mingw32", Platform.MINGW),
            Map.entry("windows-gnu", Platform.MINGW), Map.entry("winnt", Platform.MINGW),
            Map.entry("windows", Platform.WINDOWS), Map.entry("cygwin", Platform.CYGWIN));

    /** The target winebuild-j builds for when none is given: 64-bit Linux. */
    public static Target host() {
        return new Target("x86_64-linux-gnu", "x86_64", Platform.LINUX);
    }

    /** Parses a target name; empty when winebuild would not recognize it either. */
    public static Optional<Target> parse(String name) {
        int dash = name.indexOf('-');
        String rest;
        String cpu;
        if (dash >= 0) {
            String head = name.substring(0, dash);
            cpu = CPUS.stream().filter(c -> head.startsWith(c.getKey())).map(Map.Entry::getValue).findFirst()
                    .orElse(null);
            if (cpu == null) {
                return Optional.empty();
            }
            rest = name.substring(dash + 1);
        } else if (name.equals("mingw32")) {
            cpu = "i386";
            rest = name;
        } else {
            return Optional.empty();
        }
        Platform platform = Platform.UNSPECIFIED;
        String part = rest;
        while (true) {
            String current = part;
            Optional<Platform> match = PLATFORMS.stream().filter(p -> current.startsWith(p.getKey()))
                    .map(Map.Entry::getValue).findFirst();
            if (match.isPresent()) {
                platform = match.get();
                break;
            }
            int next = part.indexOf('-');
            if (next < 0) {
                break;
            }
            part = part.substring(next + 1);
        }
        return Optional.of(new Target(name, cpu, platform));
    }

    /** Whether modules for this target are PE files (mingw, Windows, Cygwin). */
    public boolean isPe() {
        return platform.isPe();
    }

    /** The name of one of the target's tools, e.g. {@code x86_64-w64-mingw32-dlltool}. */
    public String tool(String name) {
        return alias + "-" + name;
    }
}
