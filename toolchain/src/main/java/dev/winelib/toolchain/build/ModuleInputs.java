package dev.winelib.toolchain.build;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import dev.winelib.spec.ExportDefinitions;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.SpecException;
import dev.winelib.spec.TargetCpu;
import dev.winelib.toolchain.BuildFailure;

/**
 * Reads a module's declaration files (the spec, a unixlib module's calls), turning a missing file,
 * an I/O error or a syntax error into one {@link BuildFailure} that names the file.
 */
public final class ModuleInputs {

    /** Parses one kind of declaration file; syntax errors become {@link BuildFailure}s with file:line:column. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(Path file) throws IOException, BuildFailure;
    }

    private ModuleInputs() {
    }

    /** Reads {@code file}, a {@code what} ("spec file", "unix calls file"), with {@code parser}. */
    public static <T> T read(Path file, String what, Parser<T> parser) throws BuildFailure {
        try {
            return parser.parse(file);
        } catch (NoSuchFileException e) {
            throw new BuildFailure(file + ": " + what + " not found");
        } catch (FileSystemException e) {
            String reason = e.getReason() != null ? e.getReason() : e.getMessage();
            throw new BuildFailure(file + ": cannot read the " + what + ": " + reason, e);
        } catch (IOException e) {
            throw new BuildFailure(file + ": cannot read the " + what + ": " + e.getMessage(), e);
        }
    }

    /** Parses a .spec or .def file. */
    public static ModuleSpec readSpec(Path specFile, Optional<String> moduleFileName) throws BuildFailure {
        return readSpec(specFile, moduleFileName, TargetCpu.X86_64);
    }

    /** Reads a .spec or .def file for a module built for {@code cpu}. */
    public static ModuleSpec readSpec(Path specFile, Optional<String> moduleFileName, TargetCpu cpu)
            throws BuildFailure {
        // a class rather than a lambda: every run of the command line reads a spec, and each lambda's call
        // site is linked on its first use (Java 17)
        return read(specFile, "spec file", new Parser<ModuleSpec>() {
            @Override
            public ModuleSpec parse(Path file) throws IOException, BuildFailure {
                try {
                    return ExportDefinitions.parse(file, moduleFileName, cpu);
                } catch (SpecException e) {
                    throw new BuildFailure(e.getMessage(), e);
                }
            }
        });
    }
}
