package dev.winelib.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

/**
 * Finds the external programs the integration tests need. A missing program fails the test when the
 * environment variable {@code CI} is {@code true} (CI must have everything installed), and otherwise
 * skips it with a message that names the program and the Debian package that provides it.
 */
final class ExternalTools {

    private static final Pattern VERSIONED_LLD = Pattern.compile("ld\\.lld-(\\d{1,4})");

    private ExternalTools() {
    }

    /** Wine: {@code $WINE}, else {@code wine64} or {@code wine} on the PATH, else /usr/lib/wine/wine64. */
    static Path wine() {
        String configured = System.getenv("WINE");
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            if (!configured.contains("/")) {
                return require(onPath(configured), "wine", "$WINE=" + configured + " is not on the PATH", "wine64");
            }
            return require(executable(p), "wine", "$WINE=" + configured + " is not an executable file", "wine64");
        }
        Optional<Path> found = onPath("wine64").or(() -> onPath("wine"))
                .or(() -> executable(Path.of("/usr/lib/wine/wine64")));
        return require(found, "wine", "looked for $WINE, wine64 and wine on the PATH, /usr/lib/wine/wine64", "wine64");
    }

    /**
     * Debian 12's 32-bit Wine loader ({@code $WINE32}, else {@code /usr/lib/wine/wine} of
     * {@code wine32:i386}), checked to start: this machine must run 32-bit x86 Linux programs,
     * natively or through qemu-i386 registered with binfmt_misc (see docs/32-bit.md).
     */
    static Path wine32() throws IOException, InterruptedException {
        String configured = System.getenv("WINE32");
        Path wine = require(executable(Path.of(configured != null && !configured.isBlank() ? configured
                : "/usr/lib/wine/wine")), "32-bit wine", "looked for $WINE32 and /usr/lib/wine/wine (after"
                + " dpkg --add-architecture i386)", "wine32:i386");
        if (runs32BitNatively()) {
            return wine;
        }
        // A kernel without 32-bit support (some VMs): only qemu-i386 through binfmt_misc runs 32-bit Wine,
        // where a fresh prefix alone takes tens of minutes, so the run is asked for explicitly.
        if (!Boolean.getBoolean("it.wine32")) {
            Assumptions.abort("this kernel cannot run 32-bit x86 code: the 32-bit Wine run needs qemu-i386"
                    + " emulation and takes tens of minutes; add -Dit.wine32=true (and -Dit.wine32TimeoutSeconds=)"
                    + " to a Maven run under scripts/register-qemu-i386 --private to include it (docs/32-bit.md)");
        }
        if (!runs32BitProgram()) {
            throw new AssertionError("-Dit.wine32=true, but 32-bit x86 Linux programs do not run here"
                    + " (/lib/ld-linux.so.2 --version fails): run Maven under scripts/register-qemu-i386 --private"
                    + " (docs/32-bit.md)");
        }
        return wine;
    }

    /**
     * Whether 32-bit x86 programs run here only through qemu-i386 registered with binfmt_misc (this
     * kernel cannot run them itself).
     */
    static boolean runs32BitEmulated() throws IOException, InterruptedException {
        return !runs32BitNatively() && runs32BitProgram();
    }

    /** Whether this kernel runs 32-bit x86 code itself (not through an emulator registered with binfmt_misc). */
    private static boolean runs32BitNatively() throws IOException, InterruptedException {
        Path emulator = Path.of("/proc/sys/fs/binfmt_misc/qemu-i386");
        boolean emulated = Files.isRegularFile(emulator) && Files.readString(emulator).startsWith("enabled");
        return !emulated && runs32BitProgram();
    }

    /** Whether a 32-bit x86 Linux program starts here, natively or emulated. */
    private static boolean runs32BitProgram() throws IOException, InterruptedException {
        Path loader = Path.of("/lib/ld-linux.so.2");
        if (!Files.isExecutable(loader)) {
            return false;
        }
        Process p = new ProcessBuilder(loader.toString(), "--version").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    /** The i686 MinGW-w64 cross compiler that builds 32-bit Windows host programs. */
    static Path mingwGcc32() {
        return require(onPath("i686-w64-mingw32-gcc"), "i686-w64-mingw32-gcc", "looked on the PATH",
                "gcc-mingw-w64-i686");
    }

    /** The MinGW-w64 cross compiler that builds the Windows host programs. */
    static Path mingwGcc() {
        return require(onPath("x86_64-w64-mingw32-gcc"), "x86_64-w64-mingw32-gcc", "looked on the PATH",
                "gcc-mingw-w64-x86-64");
    }

    /** Wine's winegcc, which runs the real winebuild: the reference builds use it. */
    static Path winegcc() {
        return require(onPath("winegcc").or(() -> executable(Path.of("/usr/lib/wine/winegcc"))), "winegcc",
                "looked on the PATH and at /usr/lib/wine/winegcc", "wine64-tools libwine-dev");
    }

    /** Wine's real winebuild, the reference for the drop-in tests. */
    static Path winebuild() {
        return require(executable(Path.of("/usr/lib/wine/winebuild")).or(() -> onPath("winebuild")), "winebuild",
                "looked at /usr/lib/wine/winebuild and on the PATH", "wine64-tools");
    }

    /** Wine's resource compiler. */
    static Path wrc() {
        return require(executable(Path.of("/usr/lib/wine/wrc")).or(() -> onPath("wrc")), "wrc",
                "looked at /usr/lib/wine/wrc and on the PATH", "wine64-tools");
    }

    /** GNU make, for the Makefile project. */
    static Path make() {
        return require(onPath("make"), "make", "looked on the PATH", "make");
    }

    /** MinGW's dlltool, which makes Windows import libraries. */
    static Path mingwDlltool() {
        return require(onPath("x86_64-w64-mingw32-dlltool"), "x86_64-w64-mingw32-dlltool", "looked on the PATH",
                "binutils-mingw-w64-x86-64");
    }

    /** gcc, the plugin's default compiler. */
    static Path gcc() {
        return require(onPath("gcc"), "gcc", "looked on the PATH", "gcc");
    }

    /** cargo, which builds the Rust examples (Debian's, or rustup's when it comes first on the PATH). */
    static Path cargo() {
        return require(onPath("cargo"), "cargo", "looked on the PATH", "cargo");
    }

    /**
     * Debian's cargo ({@code /usr/bin/cargo}, with its rustc) where Rust's i686 standard library is
     * installed ({@code libstd-rust-dev:i386}): what builds a Rust crate for an i386 module.
     */
    static Path debianCargoForI686() {
        Path cargo = require(executable(Path.of("/usr/bin/cargo")), "/usr/bin/cargo", "Debian's cargo", "cargo");
        require(Optional.of(Path.of("/usr/lib/rustlib/i686-unknown-linux-gnu/lib")).filter(Files::isDirectory),
                "Rust's i686-unknown-linux-gnu standard library", "/usr/lib/rustlib/i686-unknown-linux-gnu/lib",
                "libstd-rust-dev:i386");
        return cargo;
    }

    /** g++, which compiles C++ sources when the compiler is gcc. */
    static Path gxx() {
        return require(onPath("g++"), "g++", "looked on the PATH", "g++");
    }

    /** clang, when installed. */
    static Optional<Path> clang() {
        return onPath("clang");
    }

    /**
     * ld.lld, looked for the way the toolchain does: {@code ld.lld} or {@code ld.lld-NN} on the PATH, or
     * {@code /usr/lib/llvm-NN/bin/ld.lld}.
     */
    static Path lld() {
        Optional<Path> plain = onPath("ld.lld");
        if (plain.isPresent()) {
            return plain.get();
        }
        List<Path> dirs = new ArrayList<>(pathDirectories());
        try (DirectoryStream<Path> llvm = Files.newDirectoryStream(Path.of("/usr/lib"), "llvm-*")) {
            llvm.forEach(d -> dirs.add(d.resolve("bin")));
        } catch (IOException e) {
            // no LLVM installations
        }
        List<Path> candidates = new ArrayList<>();
        for (Path dir : dirs) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "ld.lld*")) {
                for (Path p : entries) {
                    String name = p.getFileName().toString();
                    if ((name.equals("ld.lld") || VERSIONED_LLD.matcher(name).matches()) && Files.isExecutable(p)) {
                        candidates.add(p);
                    }
                }
            } catch (IOException e) {
                // missing or unreadable directory
            }
        }
        return require(candidates.stream().max(Comparator.comparingInt(ExternalTools::lldVersion)),
                "ld.lld", "looked for ld.lld and ld.lld-NN on the PATH and in /usr/lib/llvm-*/bin", "lld");
    }

    /** The tools every build of a winelib project needs: gcc and ld.lld. */
    static void requireBuildTools() {
        gcc();
        lld();
    }

    static Optional<Path> onPath(String program) {
        for (Path dir : pathDirectories()) {
            Optional<Path> p = executable(dir.resolve(program));
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    static boolean onCi() {
        return "true".equals(System.getenv("CI"));
    }

    private static Path require(Optional<Path> found, String tool, String where, String debianPackage) {
        if (found.isPresent()) {
            return found.get();
        }
        String message = tool + " was not found (" + where + "); install the Debian package " + debianPackage
                + " (apt-get install " + debianPackage + ")";
        if (onCi()) {
            fail(message + ". CI=true, so a missing tool fails the test instead of skipping it.");
        }
        Assumptions.abort("skipped: " + message);
        throw new AssertionError("unreachable");
    }

    private static Optional<Path> executable(Path p) {
        return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }

    private static List<Path> pathDirectories() {
        List<Path> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                if (!d.isEmpty()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        return dirs;
    }

    private static int lldVersion(Path p) {
        Matcher m = VERSIONED_LLD.matcher(p.getFileName().toString());
        if (m.matches()) {
            return Integer.parseInt(m.group(1));
        }
        Path llvmDir = p.getParent() == null ? null : p.getParent().getParent();
        String name = llvmDir == null || llvmDir.getFileName() == null ? "" : llvmDir.getFileName().toString();
        return name.matches("llvm-\\d{1,4}") ? Integer.parseInt(name.substring("llvm-".length())) : 0;
    }
}
