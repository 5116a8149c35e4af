package dev.winelib.toolchain.implib;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.winelib.spec.DefFileWriter;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.TargetCpu;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.build.AtomicFiles;
import dev.winelib.toolchain.build.TemporaryFiles;
import dev.winelib.toolchain.process.ProcessRunner;
import dev.winelib.toolchain.process.ToolCommand;
import dev.winelib.toolchain.process.ToolFailedException;
import dev.winelib.toolchain.process.ToolFileNames;

/**
 * Writes a Windows import library of a DLL, for PE programs built with MinGW (or other
 * toolchains that read GNU import libraries) to link against the DLL: as winebuild does for a
 * Windows target, from the import-only module definition ({@code .def}) of the spec, with the
 * target's {@code dlltool}. A library whose name ends in {@code .delay.a} imports the DLL
 * delay-loaded ({@code dlltool -y}).
 *
 * <p>dlltool names the library's members and internal symbols after the {@code -l} name it gets:
 * it is given the output's file name, run in a private directory, so the library is the same
 * wherever it is written (and the same as winebuild's when winebuild writes to the current
 * directory).
 */
public final class WindowsImportLibraryWriter {

    private WindowsImportLibraryWriter() {
    }

    /**
     * Writes the library, with {@code extraObjects} added to it, to {@code output}.
     *
     * @param dlltool the target's dlltool (for x86_64: {@code x86_64-w64-mingw32-dlltool})
     * @param ar the target's ar, used only to add {@code extraObjects}
     */
    public static void write(ModuleSpec spec, List<Path> extraObjects, Path output, ToolCommand dlltool,
            Optional<ToolCommand> ar, BuildLog log) throws IOException, InterruptedException, BuildFailure {
        String def = DefFileWriter.write(spec, new DefFileWriter.Options(true, Optional.of(spec.source())));
        Path work = TemporaryFiles.workDirectory(output.getFileName().toString());
        try {
            String libraryName = output.getFileName().toString();
            Path defFile = work.resolve(libraryName + ".def");
            Files.writeString(defFile, def, StandardCharsets.ISO_8859_1);
            List<String> args = new ArrayList<>(List.of("-k", libraryName.endsWith(".delay.a") ? "-y" : "-l",
                    libraryName, "-d", defFile.getFileName().toString()));
            // the machine of the spec's CPU: a 32-bit module's library is for 32-bit programs
            args.addAll(spec.cpu() == TargetCpu.I386 ? List.of("-m", "i386", "--as-flags=--32")
                    : List.of("-m", "i386:x86-64", "--as-flags=--64"));
            // dlltool names the .def file as the command gave it: say where it comes from
            run("writing the import library " + output, dlltool.commandLine(args), work, log, ToolFileNames.none()
                    .with(defFile.getFileName(), "the .def file generated from " + spec.source()));
            Path built = work.resolve(libraryName);
            if (!extraObjects.isEmpty()) {
                List<String> add = new ArrayList<>(List.of("rD", libraryName));
                extraObjects.forEach(o -> add.add(o.toAbsolutePath().toString()));
                run("adding objects to " + output, ar.orElseThrow(() -> new BuildFailure("no ar to add objects to "
                        + output)).commandLine(add), work, log, ToolFileNames.none());
            }
            AtomicFiles.copy(built, output);
        } finally {
            TemporaryFiles.delete(work);
        }
    }

    private static void run(String what, List<String> command, Path directory, BuildLog log, ToolFileNames names)
            throws IOException, InterruptedException, BuildFailure {
        log.debug(String.join(" ", command));
        try {
            ProcessRunner.check(what, command, directory, names);
        } catch (ToolFailedException e) {
            throw new BuildFailure(e.getMessage(), e);
        }
    }
}
