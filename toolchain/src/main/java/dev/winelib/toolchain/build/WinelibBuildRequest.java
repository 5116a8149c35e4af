package dev.winelib.toolchain.build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.winelib.sysroot.Sysroot;
import dev.winelib.toolchain.cargo.RustCrate;
import dev.winelib.toolchain.compile.CxxRuntime;
import dev.winelib.toolchain.compile.SourceLanguage;

/**
 * Everything one winelib module build needs. Build one with {@link #builder}.
 *
 * @param specFile the module's .spec file
 * @param moduleFileName the module's file name as Wine sees it (winebuild's -F); derived from the
 *     spec file name when empty
 * @param sources C and C++ sources to compile (the language by extension, see {@link SourceLanguage})
 * @param includeDirectories extra -I directories
 * @param outputFile the DLL to write
 * @param workDirectory where objects, generated assembly and scripts go
 * @param sysroot the sysroot to compile and link against
 * @param compiler the C compiler driver (gcc, clang, or a path)
 * @param linker the linker, or empty to find ld.lld
 * @param cflags extra compiler flags, after the defaults
 * @param ldflags extra linker flags, before the libraries
 * @param libraries extra -l libraries
 * @param viewsDirectory where views of sysroots with absolute symlinks are kept
 * @param sourceRoots directories the sources are named relative to (for their objects)
 * @param imports DLLs to import from, in order of preference, before the default ones
 * @param delayImports DLLs to import from on first use
 * @param defaultImports whether kernel32, user32, advapi32 and ntdll are imported too, as winegcc does
 * @param importDefinitions .spec or .def files giving the export lists of imported DLLs; they take
 *     precedence over an installed Wine's
 * @param entryPoint the function Wine's entry point calls after the constructors, instead of DllMain
 * @param glibcBaseline the newest glibc symbol version the module may need ("2.31", the Steam
 *     Runtime 'sniper' baseline, by default), or empty to allow any
 * @param linkInputs prebuilt objects ({@code .o}) and static libraries ({@code .a}) linked into the
 *     module in this order, after the compiled sources; their imports are resolved like those of
 *     compiled code
 * @param cxxCompiler the C++ compiler driver; empty to derive it from {@code compiler}
 *     ({@code gcc} gives {@code g++}, {@code clang-16} gives {@code clang++-16})
 * @param cxxflags extra C++ compiler flags, after the defaults
 * @param cxxRuntime how libstdc++ is linked; empty for the default: statically when the module has
 *     C++ sources, not at all otherwise
 * @param rustCrate a Rust crate built with cargo and linked in as a static library
 * @param baseDirectory the project directory: compilers write its path as {@code .} (so objects and
 *     the module do not depend on where the project is checked out); empty to leave paths as they are
 * @param outputTimestamp the time written as the module's TimeDateStamp, and given to compilers as
 *     {@code SOURCE_DATE_EPOCH} (for {@code __DATE__}/{@code __TIME__}); empty to write no time (the
 *     TimeDateStamp is then a hash of the module file name, as winebuild writes it)
 */
public record WinelibBuildRequest(
        Path specFile,
        Optional<String> moduleFileName,
        List<Path> sources,
        List<Path> includeDirectories,
        Path outputFile,
        Path workDirectory,
        Sysroot sysroot,
        String compiler,
        Optional<String> linker,
        List<String> cflags,
        List<String> ldflags,
        List<String> libraries,
        Path viewsDirectory,
        List<Path> sourceRoots,
        List<String> imports,
        List<String> delayImports,
        boolean defaultImports,
        List<Path> importDefinitions,
        Optional<String> entryPoint,
        Optional<String> glibcBaseline,
        List<Path> linkInputs,
        Optional<String> cxxCompiler,
        List<String> cxxflags,
        Optional<CxxRuntime> cxxRuntime,
        Optional<RustCrate> rustCrate,
        Optional<Path> baseDirectory,
        Optional<OutputTimestamp> outputTimestamp) {

    /** glibc of the Steam Runtime 'sniper', which Proton runs games in. */
    public static final String SNIPER_GLIBC = "2.31";

    /** The DLLs winegcc imports from by default, in its order. */
    public static final List<String> DEFAULT_IMPORTS = List.of("advapi32", "user32", "kernel32", "ntdll");

    public WinelibBuildRequest {
        Objects.requireNonNull(specFile, "specFile");
        sources = List.copyOf(sources);
        includeDirectories = List.copyOf(includeDirectories);
        Objects.requireNonNull(outputFile, "outputFile");
        Objects.requireNonNull(workDirectory, "workDirectory");
        Objects.requireNonNull(sysroot, "sysroot");
        Objects.requireNonNull(compiler, "compiler");
        cflags = List.copyOf(cflags);
        ldflags = List.copyOf(ldflags);
        libraries = List.copyOf(libraries);
        Objects.requireNonNull(viewsDirectory, "viewsDirectory");
        imports = List.copyOf(imports);
        delayImports = List.copyOf(delayImports);
        importDefinitions = List.copyOf(importDefinitions);
        Objects.requireNonNull(entryPoint, "entryPoint");
        Objects.requireNonNull(glibcBaseline, "glibcBaseline");
        sourceRoots = List.copyOf(sourceRoots);
        linkInputs = List.copyOf(linkInputs);
        Objects.requireNonNull(cxxCompiler, "cxxCompiler");
        cxxflags = List.copyOf(cxxflags);
        Objects.requireNonNull(cxxRuntime, "cxxRuntime");
        Objects.requireNonNull(rustCrate, "rustCrate");
        baseDirectory = baseDirectory.map(d -> d.toAbsolutePath().normalize());
        Objects.requireNonNull(outputTimestamp, "outputTimestamp");
    }

    /** Every DLL to import from, in order of preference: explicit, delayed, then the defaults. */
    public List<String> allImports() {
        List<String> all = new ArrayList<>(imports);
        all.addAll(delayImports);
        if (defaultImports) {
            all.addAll(DEFAULT_IMPORTS);
        }
        return all;
    }

    public static Builder builder(Path specFile, Path outputFile, Path workDirectory) {
        return new Builder(specFile, outputFile, workDirectory);
    }

    /** Collects the optional parts of a request. */
    public static final class Builder {
        private final Path specFile;
        private final Path outputFile;
        private final Path workDirectory;
        private Optional<String> moduleFileName = Optional.empty();
        private final List<Path> sources = new ArrayList<>();
        private final List<Path> includeDirectories = new ArrayList<>();
        private Sysroot sysroot = Sysroot.host();
        private String compiler = "gcc";
        private Optional<String> linker = Optional.empty();
        private final List<String> cflags = new ArrayList<>();
        private final List<String> ldflags = new ArrayList<>();
        private final List<String> libraries = new ArrayList<>();
        private Path viewsDirectory = dev.winelib.sysroot.SysrootInspector.defaultViewsDirectory();
        private final List<Path> sourceRoots = new ArrayList<>();
        private final List<String> imports = new ArrayList<>();
        private final List<String> delayImports = new ArrayList<>();
        private boolean defaultImports = true;
        private final List<Path> importDefinitions = new ArrayList<>();
        private Optional<String> entryPoint = Optional.empty();
        private Optional<String> glibcBaseline = Optional.of(SNIPER_GLIBC);
        private final List<Path> linkInputs = new ArrayList<>();
        private Optional<String> cxxCompiler = Optional.empty();
        private final List<String> cxxflags = new ArrayList<>();
        private Optional<Path> baseDirectory = Optional.empty();
        private Optional<OutputTimestamp> outputTimestamp = Optional.empty();
        private Optional<CxxRuntime> cxxRuntime = Optional.empty();
        private Optional<RustCrate> rustCrate = Optional.empty();

        private Builder(Path specFile, Path outputFile, Path workDirectory) {
            this.specFile = specFile;
            this.outputFile = outputFile;
            this.workDirectory = workDirectory;
        }

        public Builder moduleFileName(String name) {
            this.moduleFileName = Optional.ofNullable(name).filter(s -> !s.isBlank());
            return this;
        }

        public Builder sources(List<Path> paths) {
            sources.addAll(paths);
            return this;
        }

        public Builder includeDirectories(List<Path> dirs) {
            includeDirectories.addAll(dirs);
            return this;
        }

        public Builder sysroot(Sysroot value) {
            this.sysroot = Objects.requireNonNull(value);
            return this;
        }

        public Builder compiler(String value) {
            this.compiler = Objects.requireNonNull(value);
            return this;
        }

        public Builder linker(String value) {
            this.linker = Optional.ofNullable(value).filter(s -> !s.isBlank());
            return this;
        }

        public Builder cflags(List<String> flags) {
            cflags.addAll(flags);
            return this;
        }

        public Builder ldflags(List<String> flags) {
            ldflags.addAll(flags);
            return this;
        }

        public Builder libraries(List<String> libs) {
            libraries.addAll(libs);
            return this;
        }

        public Builder viewsDirectory(Path dir) {
            this.viewsDirectory = Objects.requireNonNull(dir);
            return this;
        }

        /** Adds a directory sources are named relative to; the first that holds a source names it. */
        public Builder sourceRoot(Path dir) {
            if (dir != null) {
                sourceRoots.add(dir);
            }
            return this;
        }

        public Builder imports(List<String> dlls) {
            imports.addAll(dlls);
            return this;
        }

        public Builder delayImports(List<String> dlls) {
            delayImports.addAll(dlls);
            return this;
        }

        public Builder defaultImports(boolean value) {
            this.defaultImports = value;
            return this;
        }

        public Builder importDefinitions(List<Path> files) {
            importDefinitions.addAll(files);
            return this;
        }

        public Builder entryPoint(String function) {
            this.entryPoint = Optional.ofNullable(function).filter(s -> !s.isBlank());
            return this;
        }

        /** The glibc baseline: a version such as 2.31, or "none" (or blank) to allow any. */
        public Builder glibcBaseline(String version) {
            this.glibcBaseline = Optional.ofNullable(version).map(String::trim)
                    .filter(v -> !v.isEmpty() && !v.equalsIgnoreCase("none"));
            return this;
        }

        /** Prebuilt objects and static libraries to link in, in order. */
        public Builder linkInputs(List<Path> files) {
            linkInputs.addAll(files);
            return this;
        }

        /** The C++ compiler; blank to derive it from the C compiler. */
        public Builder cxxCompiler(String value) {
            this.cxxCompiler = Optional.ofNullable(value).filter(s -> !s.isBlank());
            return this;
        }

        public Builder cxxflags(List<String> flags) {
            cxxflags.addAll(flags);
            return this;
        }

        /** {@code static}, {@code shared} or {@code none}; blank for the default. */
        public Builder cxxRuntime(String value) {
            this.cxxRuntime = Optional.ofNullable(value).filter(s -> !s.isBlank()).map(CxxRuntime::parse);
            return this;
        }

        public Builder cxxRuntime(CxxRuntime value) {
            this.cxxRuntime = Optional.ofNullable(value);
            return this;
        }

        public Builder rustCrate(RustCrate crate) {
            this.rustCrate = Optional.ofNullable(crate);
            return this;
        }

        /** The project directory, written as {@code .} by the compilers; null for none. */
        public Builder baseDirectory(Path dir) {
            this.baseDirectory = Optional.ofNullable(dir);
            return this;
        }

        /** The time written into the module; null to write none. */
        public Builder outputTimestamp(OutputTimestamp value) {
            this.outputTimestamp = Optional.ofNullable(value);
            return this;
        }

        public WinelibBuildRequest build() {
            return new WinelibBuildRequest(specFile, moduleFileName, sources, includeDirectories, outputFile,
                    workDirectory, sysroot, compiler, linker, cflags, ldflags, libraries, viewsDirectory, sourceRoots,
                    imports, delayImports, defaultImports, importDefinitions, entryPoint, glibcBaseline, linkInputs,
                    cxxCompiler, cxxflags, cxxRuntime, rustCrate, baseDirectory, outputTimestamp);
        }
    }
}
