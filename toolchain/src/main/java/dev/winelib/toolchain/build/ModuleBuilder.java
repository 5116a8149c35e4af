package dev.winelib.toolchain.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.Version;
import dev.winelib.toolchain.compile.CompilationDatabase;
import dev.winelib.toolchain.compile.CompileCommand;
import dev.winelib.toolchain.process.ToolLocator;

/**
 * What the builders of both module kinds share: where they find tools, where they report, the
 * generator name they write into generated files and up-to-date records, and the rule that a
 * failed build leaves none of its outputs behind.
 */
public abstract class ModuleBuilder {

    /** A build's steps; it adds each output to {@code outputs} as soon as it knows its name. */
    @FunctionalInterface
    protected interface Steps<T> {
        T run(List<Path> outputs) throws IOException, InterruptedException, BuildFailure;
    }

    protected final ToolLocator tools;
    protected final BuildLog log;
    /** Names this tool and its version in generated files and up-to-date records. */
    protected final String generator;

    protected ModuleBuilder(ToolLocator tools, BuildLog log) {
        this.tools = tools;
        this.log = log;
        this.generator = "winebuild-j " + Version.get();
    }

    /**
     * The compilation database of a module whose outputs go to {@code outputDirectory}: an output of
     * the build like the module itself (written by {@link #writeCompilationDatabase}, removed when the
     * build fails).
     */
    protected static Path compilationDatabase(Path outputDirectory) {
        return outputDirectory.toAbsolutePath().resolve(CompilationDatabase.FILE_NAME);
    }

    /**
     * Writes {@code directory/compile_commands.json}, the compilation database of the module's
     * sources (both halves of a unixlib module), for clangd and IDEs: every compilation with its
     * exact arguments and directory, also of sources that were up to date.
     */
    protected void writeCompilationDatabase(Path directory, List<CompileCommand> commands) throws IOException {
        Path file = compilationDatabase(directory);
        CompilationDatabase.write(file, commands);
        log.debug("compilation database " + file + " (" + commands.size() + " compilations)");
    }

    /**
     * As {@link #writeCompilationDatabase(Path, List)}, but leaves the database alone when it is the
     * file this build wrote for the same commands, as {@code work/compile_commands.key} says (a
     * fingerprint of the commands and the status of the file written).
     */
    protected void writeCompilationDatabase(Path directory, List<CompileCommand> commands, Path work)
            throws IOException {
        Path file = compilationDatabase(directory);
        Path keyFile = work.resolve(CompilationDatabase.FILE_NAME.replace(".json", ".key"));
        StringBuilder b = new StringBuilder();
        for (CompileCommand c : commands) {
            b.append(c.directory()).append('\0').append(c.file()).append('\0').append(c.output());
            c.arguments().forEach(a -> b.append('\0').append(a));
            b.append('\n');
        }
        String key = Stamp.sha256(b.toString());
        Optional<FileStatus> status = FileStatus.ofRegularFile(file);
        if (status.isPresent() && Files.isRegularFile(keyFile)
                && Files.readString(keyFile, StandardCharsets.UTF_8).equals(key + " " + status.get().text() + "\n")) {
            log.debug("compilation database " + file + " (" + commands.size() + " compilations, up to date)");
            return;
        }
        Files.deleteIfExists(keyFile);
        writeCompilationDatabase(directory, commands);
        Optional<FileStatus> written = FileStatus.ofRegularFile(file);
        if (written.isPresent()) {
            AtomicFiles.write(keyFile, (key + " " + written.get().text() + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Runs {@code steps}; when they fail, every output they named is removed, so a failed build never
     * leaves an output that looks current. An I/O error becomes a {@link BuildFailure} saying it
     * happened while building {@code what}.
     */
    protected static <T> T removingOutputsOnFailure(String what, Steps<T> steps) throws BuildFailure,
            InterruptedException {
        List<Path> outputs = new ArrayList<>();
        try {
            return steps.run(outputs);
        } catch (BuildFailure | InterruptedException | RuntimeException e) {
            deleteModules(outputs);
            throw e;
        } catch (IOException e) {
            deleteModules(outputs);
            throw new BuildFailure("I/O error while building " + what + ": " + e, e);
        }
    }

    /**
     * Removes the outputs a build makes: modules (ELF or PE files) and the compilation database (a JSON
     * array named {@code compile_commands.json}). Anything else at an output's name (a user's notes, a
     * directory, a device) was not made by a build and is kept.
     */
    static void deleteModules(List<Path> outputs) {
        for (Path output : outputs) {
            if (isModule(output)) {
                AtomicFiles.deleteQuietly(output);
            }
        }
    }

    private static boolean isModule(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        byte[] start = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(start, 0, 4);
            boolean elf = n == 4 && start[0] == 0x7f && start[1] == 'E' && start[2] == 'L' && start[3] == 'F';
            boolean pe = n >= 2 && start[0] == 'M' && start[1] == 'Z';
            boolean database = n >= 1 && start[0] == '['
                    && file.getFileName().toString().equals(CompilationDatabase.FILE_NAME);
            return elf || pe || database;
        } catch (IOException e) {
            return false;
        }
    }
}
