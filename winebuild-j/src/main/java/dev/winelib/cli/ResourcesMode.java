package dev.winelib.cli;

import java.io.IOException;
import java.nio.file.Path;

import dev.winelib.resources.ResourceException;
import dev.winelib.resources.ResourceFileWriter;
import dev.winelib.resources.ResourceTable;
import dev.winelib.toolchain.build.AtomicFiles;

/**
 * {@code --resources}: merges resource files into one {@code .res} file (resources sorted, the
 * highest version of each kept). winebuild can also write a PE object with windres; that is not
 * supported: the output must end in {@code .res}.
 */
final class ResourcesMode {

    private final Invocation cli;

    ResourcesMode(Invocation cli) {
        this.cli = cli;
    }

    int run() throws UsageError, IOException, ResourceException {
        Path output = cli.output().orElseThrow(() -> new UsageError("--resources needs an output: use -o NAME.res"));
        if (!output.getFileName().toString().endsWith(".res")) {
            throw new UsageError("--resources: only .res output is supported (a PE object needs windres); use -o"
                    + " NAME.res");
        }
        ResourceTable table = cli.resources(cli.options.files.stream().map(Path::of).toList());
        if (table.isEmpty()) {
            throw new UsageError("--resources needs at least one resource file");
        }
        AtomicFiles.write(output, ResourceFileWriter.write(table));
        return 0;
    }
}
