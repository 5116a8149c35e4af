package dev.winelib.toolchain.build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.winelib.toolchain.cargo.RustCrate;
import dev.winelib.toolchain.compile.CRuntime;
import dev.winelib.toolchain.compile.CxxRuntime;

/**
 * Everything one winelib module build needs: the {@link ModuleRequest shared part} (spec, Linux
 * sources, compilers, flags, sysroot, linker, libraries, glibc baseline, time, work directory) and
 * what only a winelib module has. Build one with {@link #builder}.
 *
 * @param module what every module build needs
 * @param outputFile the DLL to write
 * @param imports DLLs to import from, in order of preference, before the default ones
 * @param delayImports DLLs to import from on first use
 * @param defaultImports whether kernel32, user32, advapi32 and ntdll are imported too, as winegcc does
 * @param importDefinitions .spec or .def files giving the export lists of imported DLLs; they take
 *     precedence over an installed Wine's
 * @param entryPoint the function Wine's entry point calls after the constructors, instead of DllMain
 * @param linkInputs prebuilt objects ({@code .o}) and static libraries ({@code .a}) linked into the
 *     module in this order, after the compiled sources; their imports are resolved like those of
 *     compiled code
 * @param cxxCompiler the C++ compiler driver; empty to derive it from the C compiler
 *     ({@code gcc} gives {@code g++}, {@code clang-16} gives {@code clang++-16})
 * @param cxxflags extra C++ compiler flags, after the defaults
 * @param cxxRuntime how libstdc++ is linked; empty for the default: statically when the module has
 *     C++ sources, not at all otherwise
 * @param rustCrate a Rust crate built with cargo and linked in as a static library
 * @param cRuntime the C runtime the C sources use: the sysroot's C library, or one of Wine's (compiled
 *     with Wine's msvcrt headers; the C functions they call are imported from that DLL, as with
 *     {@code winegcc -mno-cygwin})
 * @param precompiledHeaders whether a header that at least two sources include before anything else is
 *     precompiled once (GCC only; see {@code PrecompiledHeaders} in the compile package)
 */
public record WinelibBuildRequest(
        ModuleRequest module,
        Path outputFile,
        List<String> imports,
        List<String> delayImports,
        boolean defaultImports,
        List<Path> importDefinitions,
        Optional<String> entryPoint,
        List<Path> linkInputs,
        Optional<String> cxxCompiler,
        List<String> cxxflags,
        Optional<CxxRuntime> cxxRuntime,
        Optional<RustCrate> rustCrate,
        CRuntime cRuntime,
        boolean precompiledHeaders) {

    /** The DLLs winegcc imports from by default, in its order. */
    public static final List<String> DEFAULT_IMPORTS = List.of("advapi32", "user32", "kernel32", "ntdll");

    /** Copies the lists; the optional parts are never null (the builder gives empty ones). */
    public WinelibBuildRequest {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(outputFile, "outputFile");
        imports = List.copyOf(imports);
        delayImports = List.copyOf(delayImports);
        importDefinitions = List.copyOf(importDefinitions);
        linkInputs = List.copyOf(linkInputs);
        cxxflags = List.copyOf(cxxflags);
        Objects.requireNonNull(cRuntime, "cRuntime");
    }

    /**
     * Every DLL to import from, in order of preference: explicit, delayed, Wine's C runtime when the
     * sources use it, then the defaults.
     */
    public List<String> allImports() {
        List<String> all = new ArrayList<>(imports);
        all.addAll(delayImports);
        cRuntime.dll().filter(d -> !all.contains(d)).ifPresent(all::add);
        if (defaultImports) {
            all.addAll(DEFAULT_IMPORTS);
        }
        return all;
    }

    public static Builder builder(Path specFile, Path outputFile, Path workDirectory) {
        return new Builder(specFile, outputFile, workDirectory);
    }

    /** Collects the optional parts of a request. */
    public static final class Builder extends ModuleRequest.Builder<Builder> {
        private final Path outputFile;
        private final List<String> imports = new ArrayList<>();
        private final List<String> delayImports = new ArrayList<>();
        private boolean defaultImports = true;
        private final List<Path> importDefinitions = new ArrayList<>();
        private Optional<String> entryPoint = Optional.empty();
        private final List<Path> linkInputs = new ArrayList<>();
        private Optional<String> cxxCompiler = Optional.empty();
        private final List<String> cxxflags = new ArrayList<>();
        private Optional<CxxRuntime> cxxRuntime = Optional.empty();
        private Optional<RustCrate> rustCrate = Optional.empty();
        private CRuntime cRuntime = CRuntime.GLIBC;
        private boolean precompiledHeaders = true;

        private Builder(Path specFile, Path outputFile, Path workDirectory) {
            super(specFile, workDirectory);
            this.outputFile = outputFile;
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder imports(List<String> dlls) { return add(imports, dlls); }

        public Builder delayImports(List<String> dlls) { return add(delayImports, dlls); }

        public Builder defaultImports(boolean value) {
            this.defaultImports = value;
            return this;
        }

        public Builder importDefinitions(List<Path> files) { return add(importDefinitions, files); }

        public Builder entryPoint(String function) {
            this.entryPoint = ModuleRequest.nonBlank(function);
            return this;
        }

        /** Prebuilt objects and static libraries to link in, in order. */
        public Builder linkInputs(List<Path> files) { return add(linkInputs, files); }

        /** The C++ compiler; blank to derive it from the C compiler. */
        public Builder cxxCompiler(String value) {
            this.cxxCompiler = ModuleRequest.nonBlank(value);
            return this;
        }

        public Builder cxxflags(List<String> flags) { return add(cxxflags, flags); }

        /** {@code static}, {@code shared} or {@code none}; blank for the default. */
        public Builder cxxRuntime(String value) {
            return cxxRuntime(value == null || value.isBlank() ? null : CxxRuntime.parse(value));
        }

        public Builder cxxRuntime(CxxRuntime value) {
            this.cxxRuntime = Optional.ofNullable(value);
            return this;
        }

        public Builder rustCrate(RustCrate crate) {
            this.rustCrate = Optional.ofNullable(crate);
            return this;
        }

        /** The C runtime of the C sources (default: the sysroot's C library). */
        public Builder cRuntime(CRuntime value) {
            this.cRuntime = Objects.requireNonNull(value, "cRuntime");
            return this;
        }

        /**
         * Whether the header that several sources include first is precompiled (GCC only; on by default;
         * the objects are the same either way).
         */
        public Builder precompiledHeaders(boolean value) {
            this.precompiledHeaders = value;
            return this;
        }

        public WinelibBuildRequest build() {
            return new WinelibBuildRequest(module(), outputFile, imports, delayImports, defaultImports,
                    importDefinitions, entryPoint, linkInputs, cxxCompiler, cxxflags, cxxRuntime, rustCrate, cRuntime,
                    precompiledHeaders);
        }
    }
}
