package dev.winelib.unixlib;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.winelib.sysroot.Sysroot;
import dev.winelib.sysroot.SysrootInspector;
import dev.winelib.toolchain.build.OutputTimestamp;

/**
 * Everything one unixlib module build needs: the PE half ({@code NAME.dll}, built with mingw) and
 * the Unix half ({@code NAME.so}, built against the sysroot). Build one with {@link #builder}.
 *
 * @param specFile the PE DLL's exports: a {@code .spec} or {@code .def} file
 * @param unixCallsFile the calls between the halves: a {@code .unixcalls} file
 * @param moduleFileName the DLL's file name ({@code NAME.dll}); from the spec file when empty
 * @param peSources C sources of the PE half
 * @param peSourceRoot the directory PE sources are named relative to (for object names)
 * @param unixSources C sources of the Unix half
 * @param unixSourceRoot the directory Unix sources are named relative to
 * @param includeDirectories include directories of both halves (the generated headers come first)
 * @param outputDirectory where {@code NAME.dll} and {@code NAME.so} go
 * @param workDirectory where objects, generated sources and link records go
 * @param sysroot the Unix half's sysroot
 * @param compiler the Unix half's C compiler (gcc, clang, or a path)
 * @param linker the Unix half's linker, or empty to find ld.lld
 * @param cflags extra Unix compiler flags
 * @param ldflags extra ld.lld flags, before the libraries
 * @param libraries extra {@code -l} libraries of the Unix half
 * @param viewsDirectory where views of sysroots with absolute symlinks are kept
 * @param glibcBaseline the newest glibc symbol version the Unix half may need, or empty for any
 * @param peCompiler the PE half's compiler driver, by default {@code x86_64-w64-mingw32-gcc}
 * @param dlltool mingw's dlltool, which makes the ntdll import library
 * @param peCflags extra PE compiler flags
 * @param peLdflags extra PE linker flags (given to the compiler driver, e.g. {@code -Wl,...})
 * @param peLibraries extra {@code -l} libraries of the PE half (import libraries such as {@code user32})
 * @param outputTimestamp the time written as the DLL's TimeDateStamp (file header and export
 *     directory), and given to the compilers of both halves as {@code SOURCE_DATE_EPOCH} (for
 *     {@code __DATE__}/{@code __TIME__}); empty to write no time (the TimeDateStamps stay 0)
 * @param baseDirectory the project directory: the compilers of both halves write its path as
 *     {@code .} ({@code __FILE__}, debug information), so the outputs do not depend on where the
 *     project lies; a non-host sysroot is written as {@code /sysroot}
 */
public record UnixlibBuildRequest(
        Path specFile,
        Path unixCallsFile,
        Optional<String> moduleFileName,
        List<Path> peSources,
        Optional<Path> peSourceRoot,
        List<Path> unixSources,
        Optional<Path> unixSourceRoot,
        List<Path> includeDirectories,
        Path outputDirectory,
        Path workDirectory,
        Sysroot sysroot,
        String compiler,
        Optional<String> linker,
        List<String> cflags,
        List<String> ldflags,
        List<String> libraries,
        Path viewsDirectory,
        Optional<String> glibcBaseline,
        String peCompiler,
        String dlltool,
        List<String> peCflags,
        List<String> peLdflags,
        List<String> peLibraries,
        Optional<OutputTimestamp> outputTimestamp,
        Optional<Path> baseDirectory) {

    /** The PE half's default compiler. */
    public static final String DEFAULT_PE_COMPILER = "x86_64-w64-mingw32-gcc";
    /** The default dlltool. */
    public static final String DEFAULT_DLLTOOL = "x86_64-w64-mingw32-dlltool";
    /** glibc of the Steam Runtime 'sniper'. */
    public static final String SNIPER_GLIBC = "2.31";

    public UnixlibBuildRequest {
        Objects.requireNonNull(specFile, "specFile");
        Objects.requireNonNull(unixCallsFile, "unixCallsFile");
        Objects.requireNonNull(moduleFileName, "moduleFileName");
        peSources = List.copyOf(peSources);
        Objects.requireNonNull(peSourceRoot, "peSourceRoot");
        unixSources = List.copyOf(unixSources);
        Objects.requireNonNull(unixSourceRoot, "unixSourceRoot");
        includeDirectories = List.copyOf(includeDirectories);
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Objects.requireNonNull(workDirectory, "workDirectory");
        Objects.requireNonNull(sysroot, "sysroot");
        Objects.requireNonNull(compiler, "compiler");
        Objects.requireNonNull(linker, "linker");
        cflags = List.copyOf(cflags);
        ldflags = List.copyOf(ldflags);
        libraries = List.copyOf(libraries);
        Objects.requireNonNull(viewsDirectory, "viewsDirectory");
        Objects.requireNonNull(glibcBaseline, "glibcBaseline");
        Objects.requireNonNull(peCompiler, "peCompiler");
        Objects.requireNonNull(dlltool, "dlltool");
        peCflags = List.copyOf(peCflags);
        peLdflags = List.copyOf(peLdflags);
        peLibraries = List.copyOf(peLibraries);
        Objects.requireNonNull(outputTimestamp, "outputTimestamp");
        baseDirectory = baseDirectory.map(d -> d.toAbsolutePath().normalize());
    }

    public static Builder builder(Path specFile, Path unixCallsFile, Path outputDirectory, Path workDirectory) {
        return new Builder(specFile, unixCallsFile, outputDirectory, workDirectory);
    }

    /** Collects the optional parts of a request. */
    public static final class Builder {
        private final Path specFile;
        private final Path unixCallsFile;
        private final Path outputDirectory;
        private final Path workDirectory;
        private Optional<String> moduleFileName = Optional.empty();
        private final List<Path> peSources = new ArrayList<>();
        private Optional<Path> peSourceRoot = Optional.empty();
        private final List<Path> unixSources = new ArrayList<>();
        private Optional<Path> unixSourceRoot = Optional.empty();
        private final List<Path> includeDirectories = new ArrayList<>();
        private Sysroot sysroot = Sysroot.host();
        private String compiler = "gcc";
        private Optional<String> linker = Optional.empty();
        private final List<String> cflags = new ArrayList<>();
        private final List<String> ldflags = new ArrayList<>();
        private final List<String> libraries = new ArrayList<>();
        private Path viewsDirectory = SysrootInspector.defaultViewsDirectory();
        private Optional<String> glibcBaseline = Optional.of(SNIPER_GLIBC);
        private String peCompiler = DEFAULT_PE_COMPILER;
        private String dlltool = DEFAULT_DLLTOOL;
        private final List<String> peCflags = new ArrayList<>();
        private final List<String> peLdflags = new ArrayList<>();
        private final List<String> peLibraries = new ArrayList<>();
        private Optional<OutputTimestamp> outputTimestamp = Optional.empty();
        private Optional<Path> baseDirectory = Optional.empty();

        private Builder(Path specFile, Path unixCallsFile, Path outputDirectory, Path workDirectory) {
            this.specFile = specFile;
            this.unixCallsFile = unixCallsFile;
            this.outputDirectory = outputDirectory;
            this.workDirectory = workDirectory;
        }

        public Builder moduleFileName(String name) {
            this.moduleFileName = Optional.ofNullable(name).filter(s -> !s.isBlank());
            return this;
        }

        public Builder peSources(List<Path> paths, Path root) {
            peSources.addAll(paths);
            peSourceRoot = Optional.ofNullable(root);
            return this;
        }

        public Builder unixSources(List<Path> paths, Path root) {
            unixSources.addAll(paths);
            unixSourceRoot = Optional.ofNullable(root);
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

        /** A version such as 2.31, or "none" (or blank) to allow any. */
        public Builder glibcBaseline(String version) {
            this.glibcBaseline = Optional.ofNullable(version).map(String::trim)
                    .filter(v -> !v.isEmpty() && !v.equalsIgnoreCase("none"));
            return this;
        }

        public Builder peCompiler(String value) {
            this.peCompiler = value == null || value.isBlank() ? DEFAULT_PE_COMPILER : value;
            return this;
        }

        public Builder dlltool(String value) {
            this.dlltool = value == null || value.isBlank() ? DEFAULT_DLLTOOL : value;
            return this;
        }

        public Builder peCflags(List<String> flags) {
            peCflags.addAll(flags);
            return this;
        }

        public Builder peLdflags(List<String> flags) {
            peLdflags.addAll(flags);
            return this;
        }

        public Builder peLibraries(List<String> libs) {
            peLibraries.addAll(libs);
            return this;
        }

        /** The time written into the DLL and given to the compilers; null for none. */
        public Builder outputTimestamp(OutputTimestamp value) {
            this.outputTimestamp = Optional.ofNullable(value);
            return this;
        }

        /** The project directory, written as {@code .} by the compilers; null for none. */
        public Builder baseDirectory(Path dir) {
            this.baseDirectory = Optional.ofNullable(dir);
            return this;
        }

        public UnixlibBuildRequest build() {
            return new UnixlibBuildRequest(specFile, unixCallsFile, moduleFileName, peSources, peSourceRoot,
                    unixSources, unixSourceRoot, includeDirectories, outputDirectory, workDirectory, sysroot, compiler,
                    linker, cflags, ldflags, libraries, viewsDirectory, glibcBaseline, peCompiler, dlltool, peCflags,
                    peLdflags, peLibraries, outputTimestamp, baseDirectory);
        }
    }
}
