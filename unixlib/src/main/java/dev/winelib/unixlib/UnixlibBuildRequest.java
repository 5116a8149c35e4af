package dev.winelib.unixlib;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.winelib.toolchain.build.ModuleRequest;

/**
 * Everything one unixlib module build needs: the {@link ModuleRequest shared part}, which here
 * describes the Unix half ({@code NAME.so}, built against the sysroot), and the PE half
 * ({@code NAME.dll}, built with mingw). Build one with {@link #builder}.
 *
 * <p>In the shared part, the plain Linux sources ({@link ModuleRequest#unixSources()}, set with
 * the builder's {@code unixSources}) are the Unix half's, C only; the include directories serve both halves
 * (the generated headers come first); the time is written as the DLL's TimeDateStamp (file header
 * and export directory) and given to the compilers of both halves as {@code SOURCE_DATE_EPOCH}
 * (without one the TimeDateStamps stay 0); the project directory is written as {@code .} by both
 * halves' compilers, and a non-host sysroot as {@code /sysroot}.
 *
 * @param module what every module build needs
 * @param unixCallsFile the calls between the halves: a {@code .unixcalls} file
 * @param outputDirectory where {@code NAME.dll} and {@code NAME.so} go
 * @param peSources C sources of the PE half
 * @param peSourceRoot the directory PE sources are named relative to (for object names)
 * @param peCompiler the PE half's compiler driver, by default {@code x86_64-w64-mingw32-gcc}
 * @param dlltool mingw's dlltool, which makes the ntdll import library
 * @param peCflags extra PE compiler flags
 * @param peLdflags extra PE linker flags (given to the compiler driver, e.g. {@code -Wl,...})
 * @param peLibraries extra {@code -l} libraries of the PE half (import libraries such as {@code user32})
 */
public record UnixlibBuildRequest(
        ModuleRequest module,
        Path unixCallsFile,
        Path outputDirectory,
        List<Path> peSources,
        Optional<Path> peSourceRoot,
        String peCompiler,
        String dlltool,
        List<String> peCflags,
        List<String> peLdflags,
        List<String> peLibraries) {

    /** The PE half's default compiler. */
    public static final String DEFAULT_PE_COMPILER = "x86_64-w64-mingw32-gcc";
    /** The default dlltool. */
    public static final String DEFAULT_DLLTOOL = "x86_64-w64-mingw32-dlltool";

    /** Copies the lists; the PE source root is never null (the builder gives an empty one). */
    public UnixlibBuildRequest {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(unixCallsFile, "unixCallsFile");
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        peSources = List.copyOf(peSources);
        Objects.requireNonNull(peCompiler, "peCompiler");
        Objects.requireNonNull(dlltool, "dlltool");
        peCflags = List.copyOf(peCflags);
        peLdflags = List.copyOf(peLdflags);
        peLibraries = List.copyOf(peLibraries);
    }

    /** The directory the Unix sources are named relative to, when there is one. */
    public Optional<Path> unixSourceRoot() {
        return module.unixSourceRoot();
    }

    public static Builder builder(Path specFile, Path unixCallsFile, Path outputDirectory, Path workDirectory) {
        return new Builder(specFile, unixCallsFile, outputDirectory, workDirectory);
    }

    /** Collects the optional parts of a request. */
    public static final class Builder extends ModuleRequest.Builder<Builder> {
        private final Path unixCallsFile;
        private final Path outputDirectory;
        private final List<Path> peSources = new ArrayList<>();
        private Optional<Path> peSourceRoot = Optional.empty();
        private String peCompiler = DEFAULT_PE_COMPILER;
        private String dlltool = DEFAULT_DLLTOOL;
        private final List<String> peCflags = new ArrayList<>();
        private final List<String> peLdflags = new ArrayList<>();
        private final List<String> peLibraries = new ArrayList<>();

        private Builder(Path specFile, Path unixCallsFile, Path outputDirectory, Path workDirectory) {
            super(specFile, workDirectory);
            this.unixCallsFile = unixCallsFile;
            this.outputDirectory = outputDirectory;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** The PE half's sources and the directory they are named relative to. */
        public Builder peSources(List<Path> paths, Path root) {
            peSourceRoot = Optional.ofNullable(root);
            return add(peSources, paths);
        }

        public Builder peCompiler(String value) {
            this.peCompiler = value == null || value.isBlank() ? DEFAULT_PE_COMPILER : value;
            return this;
        }

        public Builder peCflags(List<String> flags) { return add(peCflags, flags); }

        public Builder dlltool(String value) {
            this.dlltool = value == null || value.isBlank() ? DEFAULT_DLLTOOL : value;
            return this;
        }

        public Builder peLdflags(List<String> flags) { return add(peLdflags, flags); }

        public Builder peLibraries(List<String> libs) { return add(peLibraries, libs); }

        public UnixlibBuildRequest build() {
            return new UnixlibBuildRequest(module(), unixCallsFile, outputDirectory, peSources, peSourceRoot,
                    peCompiler, dlltool, peCflags, peLdflags, peLibraries);
        }
    }
}
