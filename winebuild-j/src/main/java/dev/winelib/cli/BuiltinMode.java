package dev.winelib.cli;

import java.io.IOException;
import java.nio.file.Path;

import dev.winelib.toolchain.pe.BuiltinMarker;
import dev.winelib.toolchain.pe.PeFormatException;

/** {@code --builtin}: marks PE modules as Wine builtins, in place. */
final class BuiltinMode {

    private final Invocation cli;

    BuiltinMode(Invocation cli) {
        this.cli = cli;
    }

    int run() throws UsageError, IOException, PeFormatException {
        if (cli.options.files.isEmpty()) {
            throw new UsageError("--builtin needs the files to mark");
        }
        for (String f : cli.options.files) {
            BuiltinMarker.mark(Path.of(f), cli.options.preferNative);
        }
        return 0;
    }
}
