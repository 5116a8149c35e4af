package dev.winelib.toolchain.build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.winelib.spec.TargetCpu;
import dev.winelib.sysroot.Architecture;
import dev.winelib.sysroot.Sysroot;
import dev.winelib.sysroot.SysrootHints;
import dev.winelib.sysroot.SysrootInspector;
import dev.winelib.toolchain.ModuleCpu;

/**
 * What every module build needs, whatever the module's kind: the export definitions, the Linux
 * code (its sources, compiler, flags, sysroot, linker and libraries, and the glibc baseline it
 * must keep), the include directories, the time written into the outputs and the work directory.
 * A kind's request ({@link WinelibBuildRequest}, the unixlib request) holds one of these beside
 * what only that kind has; its builder extends {@link Builder}.
 *
 * @param specFile the module's exports: a {@code .spec} or {@code .def} file
 * @param moduleFileName the module's file name as Wine sees it (winebuild's -F); derived from the
 *     spec file name when empty
 * @param sources the winelib DLL's Windows-facing sources (the language by extension), compiled
 *     with the Windows macros and Wine's headers; a unixlib module has none
 * @param sourceRoots directories the sources are named relative to (for their objects); the first
 *     that holds a source names it
 * @param includeDirectories extra -I directories of every compiler of the module
 * @param workDirectory where objects, generated files, scripts and up-to-date records go
 * @param sysroot the sysroot the Linux code is compiled and linked against
 * @param compiler the Linux C compiler driver (gcc, clang, or a path)
 * @param linker the Linux linker, or empty to find ld.lld
 * @param cflags extra Linux compiler flags, after the defaults
 * @param ldflags extra ld.lld flags, before the libraries
 * @param libraries extra {@code -l} libraries of the Linux code
 * @param viewsDirectory where views of sysroots with absolute symlinks are kept
 * @param glibcBaseline the newest glibc symbol version the Linux code may need ("2.31", the Steam
 *     Runtime 'sniper' baseline, by default), or empty to allow any
 * @param outputTimestamp the time written into the module, and given to every compiler as
 *     {@code SOURCE_DATE_EPOCH} (for {@code __DATE__}/{@code __TIME__}); empty to write none
 * @param baseDirectory the project directory: compilers write its path as {@code .} (so objects and
 *     outputs do not depend on where the project is checked out); empty to leave paths as they are
 * @param unixSources plain Linux sources (C; C++ in a winelib DLL), compiled as ordinary Linux code:
 *     no Windows macros, no {@code ms_abi} keywords, no Wine headers (see {@code PlainLinuxFlags});
 *     linked into the winelib DLL, or the unixlib module's Unix half
 * @param unixSourceRoot the directory the plain Linux sources are named relative to, if any
 * @param pkgConfigModules pkg-config modules read from the sysroot's {@code .pc} files (e.g.
 *     {@code sdl2}): their compiler flags go to the plain Linux code, their libraries to the link
 * @param sysrootHints advice for a header, library or pkg-config module missing from a provisioned
 *     'sniper' sysroot (which Debian package ships it, how to add it); empty for other sysroots
 * @param architecture what the Linux code is built for: {@code x86_64} (default) or {@code i386}
 */
public record ModuleRequest(
        Path specFile,
        Optional<String> moduleFileName,
        List<Path> sources,
        List<Path> sourceRoots,
        List<Path> includeDirectories,
        Path workDirectory,
        Sysroot sysroot,
        String compiler,
        Optional<String> linker,
        List<String> cflags,
        List<String> ldflags,
        List<String> libraries,
        Path viewsDirectory,
        Optional<String> glibcBaseline,
        Optional<OutputTimestamp> outputTimestamp,
        Optional<Path> baseDirectory,
        List<Path> unixSources,
        Optional<Path> unixSourceRoot,
        List<String> pkgConfigModules,
        Optional<SysrootHints> sysrootHints,
        Architecture architecture) {

    /** glibc of the Steam Runtime 'sniper', which Proton runs games in. */
    public static final String SNIPER_GLIBC = "2.31";

    /** Copies the lists; the optional parts are never null (the builder gives empty ones). */
    public ModuleRequest {
        Objects.requireNonNull(specFile, "specFile");
        sources = List.copyOf(sources);
        sourceRoots = List.copyOf(sourceRoots);
        includeDirectories = List.copyOf(includeDirectories);
        Objects.requireNonNull(workDirectory, "workDirectory");
        Objects.requireNonNull(sysroot, "sysroot");
        Objects.requireNonNull(compiler, "compiler");
        cflags = List.copyOf(cflags);
        ldflags = List.copyOf(ldflags);
        libraries = List.copyOf(libraries);
        Objects.requireNonNull(viewsDirectory, "viewsDirectory");
        baseDirectory = baseDirectory.isPresent() ? Optional.of(baseDirectory.get().toAbsolutePath().normalize())
                : baseDirectory;
        unixSources = List.copyOf(unixSources);
        pkgConfigModules = List.copyOf(pkgConfigModules);
        Objects.requireNonNull(architecture, "architecture");
    }

    /** The CPU the spec is read and the module header written for: the request's architecture. */
    public TargetCpu cpu() {
        return ModuleCpu.cpu(architecture);
    }

    /** Environment variables of every compiler: {@code SOURCE_DATE_EPOCH} when the request has a time. */
    public Map<String, String> compilerEnvironment() {
        return outputTimestamp.map(OutputTimestamp::compilerEnvironment).orElse(Map.of());
    }

    /**
     * The same request for another architecture, with that architecture's sysroot (and its hints):
     * a unixlib module's 32-bit Unix half is the 64-bit one's sources built for i386.
     */
    public ModuleRequest withArchitecture(Architecture other, Sysroot otherSysroot, Optional<SysrootHints> otherHints) {
        return new ModuleRequest(specFile, moduleFileName, sources, sourceRoots, includeDirectories, workDirectory,
                otherSysroot, compiler, linker, cflags, ldflags, libraries, viewsDirectory, glibcBaseline,
                outputTimestamp, baseDirectory, unixSources, unixSourceRoot, pkgConfigModules, otherHints, other);
    }

    /** The configured time in a link's up-to-date record: a new time links again. */
    public String outputTimestampKey() {
        return "output-timestamp=" + outputTimestamp.map(t -> Long.toString(t.seconds())).orElse("none");
    }

    /**
     * Collects the shared part of a request; a kind's builder extends it and adds its own part.
     *
     * @param <B> the kind's builder, returned by every setter
     */
    public abstract static class Builder<B extends Builder<B>> {
        private final Path specFile;
        private final Path workDirectory;
        private Optional<String> moduleFileName = Optional.empty();
        private final List<Path> sources = new ArrayList<>();
        private final List<Path> sourceRoots = new ArrayList<>();
        private final List<Path> includeDirectories = new ArrayList<>();
        private Sysroot sysroot = Sysroot.host();
        private String compiler = "gcc";
        private Optional<String> linker = Optional.empty();
        private final List<String> cflags = new ArrayList<>();
        private final List<String> ldflags = new ArrayList<>();
        private final List<String> libraries = new ArrayList<>();
        private Path viewsDirectory = SysrootInspector.defaultViewsDirectory();
        private Optional<String> glibcBaseline = Optional.of(SNIPER_GLIBC);
        private Optional<OutputTimestamp> outputTimestamp = Optional.empty();
        private Optional<Path> baseDirectory = Optional.empty();
        private final List<Path> unixSources = new ArrayList<>();
        private Optional<Path> unixSourceRoot = Optional.empty();
        private final List<String> pkgConfigModules = new ArrayList<>();
        private Optional<SysrootHints> sysrootHints = Optional.empty();
        private Architecture architecture = Architecture.DEFAULT;

        protected Builder(Path specFile, Path workDirectory) {
            this.specFile = specFile;
            this.workDirectory = workDirectory;
        }

        /** This builder, as its kind. */
        protected abstract B self();

        /** The shared part as collected so far. */
        protected final ModuleRequest module() {
            return new ModuleRequest(specFile, moduleFileName, sources, sourceRoots, includeDirectories, workDirectory,
                    sysroot, compiler, linker, cflags, ldflags, libraries, viewsDirectory, glibcBaseline,
                    outputTimestamp, baseDirectory, unixSources, unixSourceRoot, pkgConfigModules, sysrootHints,
                    architecture);
        }

        /** Adds {@code values} to one of the builder's lists. */
        protected final <T> B add(List<T> list, List<? extends T> values) {
            list.addAll(values);
            return self();
        }

        /** The module file name; blank to derive it from the spec file. */
        public B moduleFileName(String name) {
            this.moduleFileName = nonBlank(name);
            return self();
        }

        /** Adds sources of the Linux code. */
        public B sources(List<Path> paths) { return add(sources, paths); }

        /** Adds a directory sources are named relative to; the first that holds a source names it. */
        public B sourceRoot(Path dir) { return add(sourceRoots, dir == null ? List.of() : List.of(dir)); }

        public B includeDirectories(List<Path> dirs) { return add(includeDirectories, dirs); }

        public B sysroot(Sysroot value) {
            this.sysroot = Objects.requireNonNull(value);
            return self();
        }

        public B cflags(List<String> flags) { return add(cflags, flags); }

        public B compiler(String value) {
            this.compiler = Objects.requireNonNull(value);
            return self();
        }

        public B ldflags(List<String> flags) { return add(ldflags, flags); }

        /** The linker; blank to find ld.lld. */
        public B linker(String value) {
            this.linker = nonBlank(value);
            return self();
        }

        public B libraries(List<String> libs) { return add(libraries, libs); }

        public B viewsDirectory(Path dir) {
            this.viewsDirectory = Objects.requireNonNull(dir);
            return self();
        }

        /** The glibc baseline: a version such as 2.31, or "none" (or blank) to allow any. */
        public B glibcBaseline(String version) {
            String v = version == null ? "" : version.trim();
            this.glibcBaseline = v.isEmpty() || v.equalsIgnoreCase("none") ? Optional.empty() : Optional.of(v);
            return self();
        }

        /** The time written into the module and given to the compilers; null to write none. */
        public B outputTimestamp(OutputTimestamp value) {
            this.outputTimestamp = Optional.ofNullable(value);
            return self();
        }

        /** The project directory, written as {@code .} by the compilers; null for none. */
        public B baseDirectory(Path dir) {
            this.baseDirectory = Optional.ofNullable(dir);
            return self();
        }

        /** Adds plain Linux sources, named relative to {@code root} (null for none). */
        public B unixSources(List<Path> paths, Path root) {
            if (root != null) {
                this.unixSourceRoot = Optional.of(root);
            }
            return add(unixSources, paths);
        }

        /** Adds pkg-config modules ({@code sdl2}, {@code libpulse >= 14}); blank entries are ignored. */
        public B pkgConfigModules(List<String> modules) {
            List<String> named = new ArrayList<>();
            if (modules != null) {
                for (String m : modules) {
                    if (m != null && !m.isBlank()) {
                        named.add(m.strip());
                    }
                }
            }
            return add(pkgConfigModules, named);
        }

        /** What the Linux code is built for: {@code x86_64} (the default) or {@code i386}. */
        public B architecture(Architecture value) {
            this.architecture = Objects.requireNonNull(value);
            return self();
        }

        /** Advice for files missing from the sysroot; null for none. */
        public B sysrootHints(SysrootHints hints) {
            this.sysrootHints = Optional.ofNullable(hints);
            return self();
        }
    }

    /**
     * {@code value} when it is not null or blank. (Plain code rather than lambdas on the path every build
     * takes: each lambda's call site is linked on its first use, which a Maven build's fresh JVM pays.)
     */
    static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
