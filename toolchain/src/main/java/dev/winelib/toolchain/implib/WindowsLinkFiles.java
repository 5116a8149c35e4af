package dev.winelib.toolchain.implib;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.winelib.spec.DefFileWriter;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.TargetCpu;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.build.AtomicFiles;
import dev.winelib.toolchain.build.Stamp;
import dev.winelib.toolchain.process.ToolCommand;
import dev.winelib.toolchain.process.ToolLocator;
import dev.winelib.toolchain.process.ToolNotFoundException;

/**
 * What a Windows program needs to link against a module: the MinGW import library
 * {@code libNAME.a} and the module-definition file {@code NAME.def} (the import-only variant, which
 * MinGW's dlltool and Microsoft's lib read), written next to the module from its spec. Both are
 * written again only when the spec's exports or the dlltool change.
 *
 * @param importLibrary {@code libNAME.a}
 * @param definitionFile {@code NAME.def}
 */
public record WindowsLinkFiles(Path importLibrary, Path definitionFile) {

    /** The x86_64 MinGW dlltool, which writes the import library. */
    public static final String DLLTOOL = "x86_64-w64-mingw32-dlltool";
    /** The Debian package of {@link #DLLTOOL}. */
    public static final String DLLTOOL_PACKAGE = "binutils-mingw-w64-x86-64";
    /** The i686 MinGW dlltool, which writes the import library of a 32-bit module. */
    public static final String DLLTOOL_I386 = "i686-w64-mingw32-dlltool";
    /** The Debian package of {@link #DLLTOOL_I386}. */
    public static final String DLLTOOL_I386_PACKAGE = "binutils-mingw-w64-i686";

    /** The files of the module {@code spec} describes, in {@code directory}. */
    public static WindowsLinkFiles of(ModuleSpec spec, Path directory) {
        String name = stem(spec.fileName());
        return new WindowsLinkFiles(directory.resolve("lib" + name + ".a"), directory.resolve(name + ".def"));
    }

    /**
     * Writes both files (unless up to date), with the dlltool found by {@code tools}.
     *
     * @param workDirectory where the up-to-date record is kept
     * @throws BuildFailure when dlltool is missing (naming the Debian package) or fails
     */
    public static WindowsLinkFiles write(ModuleSpec spec, Path directory, Path workDirectory, ToolLocator tools,
            BuildLog log)
            throws IOException, InterruptedException, BuildFailure {
        Path dlltool;
        try {
            boolean i386 = spec.cpu() == TargetCpu.I386;
            dlltool = tools.require(i386 ? DLLTOOL_I386 : DLLTOOL, i386 ? DLLTOOL_I386_PACKAGE : DLLTOOL_PACKAGE,
                    "to write the import library Windows programs link"
                    + " against (set importLibrary to false to write none)");
        } catch (ToolNotFoundException e) {
            throw new BuildFailure(e.getMessage(), e);
        }
        WindowsLinkFiles files = of(spec, directory.toAbsolutePath());
        Files.createDirectories(directory);
        String def = DefFileWriter.write(spec, new DefFileWriter.Options(true,
                Optional.of(Path.of(spec.source()).getFileName().toString())));
        AtomicFiles.writeIfChanged(files.definitionFile(), def.getBytes(StandardCharsets.ISO_8859_1));
        Files.createDirectories(workDirectory);
        Path stampFile = workDirectory.resolve(files.importLibrary().getFileName() + ".stamp");
        String record = Stamp.of(List.of(dlltool.toString(), "import-library"), List.of(files.definitionFile()));
        if (!Stamp.isFresh(files.importLibrary(), stampFile, record)) {
            Files.deleteIfExists(stampFile);
            WindowsImportLibraryWriter.write(spec, List.of(), files.importLibrary(), ToolCommand.of(dlltool),
                    Optional.empty(), log);
            Stamp.write(stampFile, record, files.importLibrary());
        }
        return files;
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
