package dev.winelib.cli;

import java.io.IOException;
import java.nio.file.Path;

import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.link.StaticLibrary;
import dev.winelib.toolchain.process.ToolCommand;
import dev.winelib.toolchain.process.ToolNotFoundException;

/** {@code --staticlib}: a static library of the given objects. */
final class StaticLibMode {

    private final Invocation cli;

    StaticLibMode(Invocation cli) {
        this.cli = cli;
    }

    int run() throws UsageError, BuildFailure, IOException, InterruptedException, ToolNotFoundException {
        Path output = cli.output().orElseThrow(() -> new UsageError("--staticlib needs an output: use -o libNAME.a"));
        String ar = cli.target().isPe() ? cli.target().tool("ar") : "ar";
        StaticLibrary.write(cli.options.files.stream().map(Path::of).toList(), output,
                ToolCommand.of(cli.tools().require(ar, "binutils", "to write static libraries")), cli.log);
        return 0;
    }
}
