package dev.winelib.toolchain.compile;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One compilation as the build runs it, for a compilation database ({@code compile_commands.json}):
 * the directory the compiler runs in, the source, and the whole command line (the compiler first).
 * The object and dependency file appear under their final names; the build writes them under a
 * temporary name and renames them.
 */
public record CompileCommand(Path directory, Path file, Path output, List<String> arguments) {

    public CompileCommand {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(output, "output");
        arguments = List.copyOf(arguments);
    }
}
