package dev.winelib.toolchain.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds programs on the PATH, and ld.lld under any of the names Debian installs it as. */
public final class ToolLocator {

    /** Compiled when a linker is first looked for, not by every run that only finds a compiler. */
    private static final class Patterns {
        static final Pattern VERSIONED_LLD = Pattern.compile("ld\\.lld-(\\d{1,4})");
        static final Pattern LLVM_DIR = Pattern.compile("llvm-(\\d{1,4})");
    }

    private final List<Path> searchPath;

    public ToolLocator(List<Path> searchPath) {
        this.searchPath = List.copyOf(searchPath);
    }

    /** A locator over the PATH of this process, with /usr/lib/llvm-N/bin directories appended. */
    public static ToolLocator fromEnvironment() {
        List<Path> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                if (!d.isEmpty()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        return new ToolLocator(dirs);
    }

    /**
     * Resolves a configured program: a path (containing '/') is used as it is, a bare name is looked
     * up on the search path.
     */
    public Optional<Path> find(String program) {
        if (program.contains("/")) {
            Path p = Path.of(program);
            return Files.isExecutable(p) && !Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        for (Path dir : searchPath) {
            Path p = dir.resolve(program);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Like {@link #find}, failing with the Debian package to install. */
    public Path require(String program, String debianPackage, String purpose) throws ToolNotFoundException {
        // no lambda: every run of the command line looks up its compiler, and each lambda's call site is linked
        // on its first use (Java 17)
        Optional<Path> found = find(program);
        if (found.isEmpty()) {
            throw new ToolNotFoundException(
                    (program.contains("/") ? program + " is not an executable file" : program + " was not found on the PATH")
                            + "; it is needed " + purpose + ". Install it with: apt-get install " + debianPackage);
        }
        return found.get();
    }

    /**
     * Names starting with {@code ld.lld}: a plain prefix test, not a glob (/usr/bin has thousands of
     * entries, each matched in turn), and no lambda (linked on its first use).
     */
    private static final java.nio.file.DirectoryStream.Filter<Path> LLD_NAMES = new java.nio.file.DirectoryStream.Filter<>() {
        @Override
        public boolean accept(Path entry) {
            return entry.getFileName().toString().startsWith("ld.lld");
        }
    };

    /**
     * The linker: the configured program if one is given, else {@code ld.lld}, else the
     * highest-numbered {@code ld.lld-NN} on the search path or under {@code /usr/lib/llvm-NN/bin}.
     */
    public Path findLinker(Optional<String> configured) throws ToolNotFoundException {
        if (configured.isPresent()) {
            return require(configured.get(), "lld", "to link winelib modules");
        }
        Optional<Path> plain = find("ld.lld");
        if (plain.isPresent()) {
            return plain.get();
        }
        List<Path> candidates = new ArrayList<>();
        List<Path> dirs = new ArrayList<>(searchPath);
        try (var llvm = Files.newDirectoryStream(Path.of("/usr/lib"), "llvm-*")) {
            for (Path d : llvm) {
                dirs.add(d.resolve("bin"));
            }
        } catch (java.io.IOException | SecurityException e) {
            // no LLVM installations there
        }
        for (Path dir : dirs) {
            try (var entries = Files.newDirectoryStream(dir, LLD_NAMES)) {
                for (Path p : entries) {
                    if (Files.isExecutable(p) && (Patterns.VERSIONED_LLD.matcher(p.getFileName().toString()).matches()
                            || p.getFileName().toString().equals("ld.lld"))) {
                        candidates.add(p);
                    }
                }
            } catch (java.io.IOException | SecurityException e) {
                // unreadable or missing directory
            }
        }
        return candidates.stream().max(Comparator.comparingInt(ToolLocator::lldVersion))
                .orElseThrow(() -> new ToolNotFoundException("ld.lld was not found (looked for ld.lld and ld.lld-NN on"
                        + " the PATH and in /usr/lib/llvm-*/bin); it is needed to link winelib modules. Install it with:"
                        + " apt-get install lld (or lld-16), or configure the linker path"));
    }

    private static int lldVersion(Path p) {
        Matcher m = Patterns.VERSIONED_LLD.matcher(p.getFileName().toString());
        if (m.matches()) {
            return Integer.parseInt(m.group(1));
        }
        String parent = p.getParent() == null || p.getParent().getParent() == null ? ""
                : p.getParent().getParent().getFileName().toString();
        Matcher llvm = Patterns.LLVM_DIR.matcher(parent);
        return llvm.matches() ? Integer.parseInt(llvm.group(1)) : 0;
    }

    /** The Debian package that provides a compiler driver of this name. */
    public static String debianPackageOfCompiler(String compiler) {
        String name = Path.of(compiler).getFileName().toString();
        if (name.startsWith("clang")) {
            return name.contains("-") ? "clang-" + name.substring(name.indexOf('-') + 1) : "clang";
        }
        if (name.startsWith("x86_64-w64-mingw32")) {
            return "gcc-mingw-w64-x86-64";
        }
        if (name.startsWith("g++")) {
            return "g++";
        }
        return "gcc";
    }
}
