package dev.winelib.toolchain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.winelib.sysroot.Sysroot;

/**
 * Everything one winelib module build needs. Build one with {@link #builder}.
 *
 * @param specFile the module's .spec file
 * @param moduleFileName the module's file name as Wine sees it (winebuild's -F); derived from the
 *     spec file name when empty
 * @param sources C sources to compile
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
 * @param sourceRoot a directory the sources are reported relative to (also used to name objects)
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
        Optional<Path> sourceRoot) {

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
        private Optional<Path> sourceRoot = Optional.empty();

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

        public Builder sourceRoot(Path dir) {
            this.sourceRoot = Optional.ofNullable(dir);
            return this;
        }

        public WinelibBuildRequest build() {
            return new WinelibBuildRequest(specFile, moduleFileName, sources, includeDirectories, outputFile,
                    workDirectory, sysroot, compiler, linker, cflags, ldflags, libraries, viewsDirectory, sourceRoot);
        }
    }
}
