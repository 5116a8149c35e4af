package dev.winelib.toolchain.link;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.build.AtomicFiles;
import dev.winelib.toolchain.process.ProcessRunner;
import dev.winelib.toolchain.process.ToolCommand;
import dev.winelib.toolchain.process.ToolFailedException;
import dev.winelib.toolchain.process.ToolFileNames;

/** Writes a static library ({@code ar} archive with an index) of object files, as winebuild's {@code --staticlib}. */
public final class StaticLibrary {

    private StaticLibrary() {
    }

    /** Writes {@code objects} into a new archive {@code output}, deterministically (no time stamps or owners). */
    public static void write(List<Path> objects, Path output, ToolCommand ar, BuildLog log) throws IOException,
            InterruptedException, BuildFailure {
        for (Path o : objects) {
            if (!Files.isRegularFile(o)) {
                throw new BuildFailure(o + ": file not found");
            }
        }
        Path tmp = AtomicFiles.temporarySibling(output);
        try {
            Files.delete(tmp);
            List<String> args = new ArrayList<>(List.of("rcsD", tmp.toString()));
            objects.forEach(o -> args.add(o.toString()));
            List<String> command = ar.commandLine(args);
            log.debug(String.join(" ", command));
            try {
                ProcessRunner.check("writing the static library " + output, command, null,
                        ToolFileNames.none().with(tmp, output.toString()));
            } catch (ToolFailedException e) {
                throw new BuildFailure(e.getMessage(), e);
            }
            AtomicFiles.commit(tmp, output);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
