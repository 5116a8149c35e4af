package dev.winelib.toolchain.link;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.process.ProcessRunner;
import dev.winelib.toolchain.process.ToolFailedException;

/** Runs a link command, logging it; a failed link becomes a {@link BuildFailure} with the linker's output. */
public final class LinkerProcess {

    private LinkerProcess() {
    }

    /**
     * @param shown what the log says is linked
     * @param name what a failure says could not be linked
     * @param directory the linker's working directory
     */
    public static void run(List<String> command, String shown, String name, Path directory, BuildLog log)
            throws IOException, InterruptedException, BuildFailure {
        log.info("linking " + shown);
        log.debug(String.join(" ", command));
        try {
            ProcessRunner.check("linking " + name, command, directory);
        } catch (ToolFailedException e) {
            throw new BuildFailure(e.getMessage(), e);
        }
    }
}
