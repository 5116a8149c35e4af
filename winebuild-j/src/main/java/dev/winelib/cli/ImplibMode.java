package dev.winelib.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.winelib.spec.ModuleSpec;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.Target;
import dev.winelib.toolchain.implib.UnixImportLibraryWriter;
import dev.winelib.toolchain.implib.WindowsImportLibraryWriter;
import dev.winelib.toolchain.process.ToolCommand;
import dev.winelib.toolchain.process.ToolLocator;
import dev.winelib.toolchain.process.ToolNotFoundException;

/**
 * {@code --implib}: an import library of the spec's DLL. For the default (Linux) target, a Unix
 * import library as winegcc and winebuild use to link winelib modules against the DLL; for a Windows
 * target ({@code -b x86_64-w64-mingw32}), a GNU import library MinGW programs link against.
 */
final class ImplibMode {

    private final Invocation cli;

    ImplibMode(Invocation cli) {
        this.cli = cli;
    }

    int run() throws UsageError, BuildFailure, IOException, InterruptedException, ToolNotFoundException {
        if (cli.options.specFile == null) {
            throw new UsageError("--implib needs the .spec file: use -E FILE.spec");
        }
        Path output = cli.output().orElseThrow(() -> new UsageError("--implib needs an output: use -o libNAME.a"));
        ModuleSpec spec = cli.readSpec(false);
        List<Path> extra = cli.options.files.stream().map(Path::of).toList();
        Target target = cli.target();
        if (target.isPe()) {
            ToolLocator tools = cli.tools();
            ToolCommand dlltool = ToolCommand.of(find(tools, List.of(target.tool("dlltool"),
                    "x86_64-w64-mingw32-dlltool"), "binutils-mingw-w64-x86-64", "to write Windows import libraries"));
            Optional<ToolCommand> ar = extra.isEmpty() ? Optional.empty() : Optional.of(ToolCommand.of(find(tools,
                    List.of(target.tool("ar"), "x86_64-w64-mingw32-ar"), "binutils-mingw-w64-x86-64",
                    "to add objects to import libraries")));
            WindowsImportLibraryWriter.write(spec, extra, output, dlltool, ar, cli.log);
        } else {
            ToolCommand ar = ToolCommand.of(cli.tools().require("ar", "binutils", "to write import libraries"));
            int count = UnixImportLibraryWriter.write(spec, extra, output, ar, cli.log);
            if (count == 0) {
                cli.log.warn(spec.fileName() + ": import library doesn't export anything");
            }
        }
        return 0;
    }

    private static Path find(ToolLocator tools, List<String> names, String debianPackage, String purpose)
            throws ToolNotFoundException {
        for (String name : names) {
            Optional<Path> p = tools.find(name);
            if (p.isPresent()) {
                return p.get();
            }
        }
        return tools.require(names.get(names.size() - 1), debianPackage, purpose);
    }
}
