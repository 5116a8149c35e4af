package dev.winelib.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.winelib.spec.DefFileWriter;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.build.AtomicFiles;

/** {@code --def}: the module-definition file of a spec, as winebuild writes it. */
final class DefMode {

    private final Invocation cli;

    DefMode(Invocation cli) {
        this.cli = cli;
    }

    int run() throws UsageError, BuildFailure, IOException {
        if (!cli.options.files.isEmpty()) {
            throw new UsageError("file argument '" + cli.options.files.get(0) + "' not allowed with --def");
        }
        if (cli.options.specFile == null) {
            throw new UsageError("--def needs the .spec file: use -E FILE.spec");
        }
        ModuleSpec spec = cli.readSpec(false);
        String text = DefFileWriter.write(spec, new DefFileWriter.Options(false, Optional.of(cli.options.specFile),
                cli.options.killAt));
        if (!DefFileWriter.exportsAnything(spec)) {
            cli.log.warn(spec.fileName() + ": import library doesn't export anything");
        }
        if (cli.output().isEmpty()) {
            cli.out.print(text);
            cli.out.flush();
        } else {
            AtomicFiles.write(cli.output().get(), text.getBytes(StandardCharsets.ISO_8859_1));
        }
        return 0;
    }
}
