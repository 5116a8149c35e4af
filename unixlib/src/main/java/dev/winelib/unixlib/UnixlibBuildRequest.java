package dev.winelib.unixlib;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.winelib.sysroot.Architecture;
import dev.winelib.sysroot.Sysroot;
import dev.winelib.sysroot.SysrootHints;
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
 * @param architectures the architectures of the PE half, in order, none twice: {@code x86_64}
 *     alone (the default) writes {@code NAME.dll} and {@code NAME.so} into the output directory;
 *     any other set writes Wine's layout there ({@code x86_64-windows/NAME.dll},
 *     {@code i386-windows/NAME.dll}, {@code x86_64-unix/NAME.so}, {@code i386-unix/NAME.so}).
 *     {@link #peCompiler} and {@link #dlltool} are the x86_64 tools; the i686 ones are derived
 *     from them ({@code x86_64-w64-mingw32-} becomes {@code i686-w64-mingw32-})
 * @param module32 with an i686 PE half: the shared part for the 32-bit Unix half
 *     ({@code i386-unix/NAME.so}, for Wine's old-style 32-bit process), {@link #module} for i386
 *     with an i386 sysroot; empty to build no 32-bit Unix half (new-style WoW64 needs none)
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
        List<String> peLibraries,
        List<PeArchitecture> architectures,
        Optional<ModuleRequest> module32) {

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
        architectures = List.copyOf(architectures);
        if (architectures.isEmpty() || architectures.stream().distinct().count() != architectures.size()) {
            throw new IllegalArgumentException("the architectures must be one or more, none twice: " + architectures);
        }
        Objects.requireNonNull(module32, "module32");
    }

    /** Whether the outputs go into Wine's layout: anything but the x86_64 PE half alone. */
    public boolean wineLayout() {
        return !architectures.equals(List.of(PeArchitecture.X86_64));
    }

    /** Whether a 32-bit PE half is built (and with it the 32-bit Unix library). */
    public boolean has32Bit() {
        return architectures.stream().anyMatch(PeArchitecture::is32Bit);
    }

    /** The PE compiler driver for {@code architecture}. */
    public String peCompiler(PeArchitecture architecture) {
        return architecture.tool(peCompiler, PeArchitecture.X86_64);
    }

    /** The dlltool for {@code architecture}. */
    public String dlltool(PeArchitecture architecture) {
        return architecture.tool(dlltool, PeArchitecture.X86_64);
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
        private List<PeArchitecture> architectures = List.of(PeArchitecture.X86_64);
        private Optional<Sysroot> sysroot32 = Optional.empty();
        private Optional<SysrootHints> sysrootHints32 = Optional.empty();

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

        /** The PE half's architectures (by default x86_64 alone); an empty list keeps the default. */
        public Builder architectures(List<PeArchitecture> values) {
            this.architectures = values.isEmpty() ? List.of(PeArchitecture.X86_64) : List.copyOf(values);
            return this;
        }

        /**
         * The i386 sysroot of the 32-bit Unix half (with its hints), built when an i686 PE half is;
         * without one no 32-bit Unix half is built.
         */
        public Builder sysroot32(Sysroot value, SysrootHints hints) {
            this.sysroot32 = Optional.of(value);
            this.sysrootHints32 = Optional.ofNullable(hints);
            return this;
        }

        public UnixlibBuildRequest build() {
            ModuleRequest module = module();
            Optional<ModuleRequest> module32 = architectures.stream().anyMatch(PeArchitecture::is32Bit)
                    ? sysroot32.map(s -> module.withArchitecture(Architecture.I386, s, sysrootHints32))
                    : Optional.empty();
            return new UnixlibBuildRequest(module, unixCallsFile, outputDirectory, peSources, peSourceRoot,
                    peCompiler, dlltool, peCflags, peLdflags, peLibraries, architectures, module32);
        }
    }
}
