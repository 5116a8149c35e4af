package dev.winelib.toolchain.link;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.build.TemporaryFiles;
import dev.winelib.toolchain.process.ProcessRunner;
import dev.winelib.toolchain.process.ToolFailedException;
import dev.winelib.toolchain.process.ToolFileNames;

/**
 * Runs every linker command of a build (ld.lld, GNU ld, and mingw's gcc linking a PE DLL), logging it; a
 * failed link becomes a {@link BuildFailure} with the linker's output, the build's intermediate files
 * in it named as the user knows them ({@link ToolFileNames}).
 */
public final class LinkerProcess {

    private LinkerProcess() {
    }

    /**
     * @param shown what the log says is linked
     * @param name what a failure says could not be linked
     * @param directory the linker's working directory
     */
    public static void run(List<String> command, String shown, String name, Path directory, BuildLog log,
            ToolFileNames names) throws IOException, InterruptedException, BuildFailure {
        log.info("linking " + shown);
        log.debug(String.join(" ", command));
        check("linking " + name, command, directory, names);
    }

    /**
     * Runs a linker command; a failure becomes a {@link BuildFailure} saying {@code what} failed, with
     * the linker's output (the files of {@code names} as they describe them).
     */
    public static void check(String what, List<String> command, Path directory, ToolFileNames names)
            throws IOException, InterruptedException, BuildFailure {
        ProcessRunner.Result result = result(command, directory);
        if (result.exitCode() != 0) {
            throw failure(what, command, result, names);
        }
    }

    /** The failure of a link that ended with {@code result}. */
    public static BuildFailure failure(String what, List<String> command, ProcessRunner.Result result,
            ToolFileNames names) {
        ToolFailedException e = new ToolFailedException(what, command, result.exitCode(), result.output(), names);
        return new BuildFailure(e.getMessage(), e);
    }

    /**
     * Runs a linker command and returns its exit code and output. ld.lld takes each {@code %} in its
     * output path for a placeholder of its temporary file name, so an output path holding one (a
     * project directory named {@code 100%}) is written under its file name without {@code %} in a work
     * directory and moved into place. (mingw's linker has no such placeholder, but takes the same way.)
     */
    public static ProcessRunner.Result result(List<String> command, Path directory)
            throws IOException, InterruptedException {
        int o = command.indexOf("-o");
        if (o < 0 || o + 1 >= command.size() || !command.get(o + 1).contains("%")) {
            return ProcessRunner.run(command, directory, Map.of());
        }
        Path wanted = Path.of(command.get(o + 1));
        if (!wanted.isAbsolute() && directory != null) {
            wanted = directory.resolve(wanted);
        }
        Path work = TemporaryFiles.workDirectory("link");
        try {
            // the output's own name without '%': a name without extension would make mingw's gcc add .exe
            Path plain = work.resolve(wanted.getFileName().toString().replace('%', '_'));
            List<String> rewritten = new ArrayList<>(command);
            rewritten.set(o + 1, plain.toString());
            ProcessRunner.Result result = ProcessRunner.run(rewritten, directory, Map.of());
            if (Files.exists(plain)) {
                Files.move(plain, wanted, StandardCopyOption.REPLACE_EXISTING);
            }
            // messages about the output name the path asked for
            return new ProcessRunner.Result(result.exitCode(),
                    new ToolFileNames(Map.of(plain.toString(), command.get(o + 1))).rewrite(result.output()));
        } finally {
            TemporaryFiles.delete(work);
        }
    }
}
