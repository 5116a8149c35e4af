package dev.winelib.toolchain.wintest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.build.AtomicFiles;
import dev.winelib.toolchain.build.Stamp;
import dev.winelib.toolchain.compile.CompileSlots;
import dev.winelib.toolchain.compile.CompilerDiagnostics;
import dev.winelib.toolchain.process.ProcessRunner;

/**
 * Compiles and links Windows test programs with MinGW-w64 against the module's import library:
 * {@code COMPILER -o NAME.exe FLAGS -I... SOURCES... libMODULE.a -lLIBS}. A program whose sources,
 * include directories, import library and command are unchanged is not built again. Warnings are
 * shown; an error fails the build with the compiler's output.
 *
 * @param cCompiler the C driver ({@code x86_64-w64-mingw32-gcc})
 * @param cxxCompiler the C++ driver ({@code x86_64-w64-mingw32-g++}), for programs with C++ sources
 * @param flags compiler and linker flags, before the include directories
 * @param includeDirectories {@code -I} directories (the module's headers)
 * @param importLibrary the module's import library
 * @param libraries further {@code -l} libraries
 */
public record TestProgramCompiler(Path cCompiler, Path cxxCompiler, List<String> flags, List<Path> includeDirectories,
        Path importLibrary, List<String> libraries) {

    public TestProgramCompiler {
        flags = List.copyOf(flags);
        includeDirectories = List.copyOf(includeDirectories);
        libraries = List.copyOf(libraries);
    }

    /** Builds {@code program} into {@code directory/NAME.exe} unless it is up to date; returns the executable. */
    public Path compile(WindowsTestProgram program, Path directory, BuildLog log) throws IOException,
            InterruptedException, BuildFailure {
        Files.createDirectories(directory);
        Path exe = directory.resolve(program.name() + ".exe");
        Path stampFile = directory.resolve(program.name() + ".exe.stamp");
        Path tmp = AtomicFiles.temporarySibling(exe);
        List<String> key = command(program, Path.of(program.name() + ".exe"));
        String record = Stamp.of(key, inputs(program));
        if (Stamp.isFresh(exe, stampFile, record)) {
            log.debug("up to date: " + exe);
            return exe;
        }
        Files.deleteIfExists(stampFile);
        List<String> command = command(program, tmp);
        log.info("compiling the Windows test program " + program.name());
        log.debug(String.join(" ", command));
        try {
            ProcessRunner.Result result = CompileSlots.runProcess(command, directory, java.util.Map.of());
            if (result.exitCode() != 0) {
                throw new BuildFailure("compiling the Windows test program " + program.name() + " (" + program.root()
                        + ") failed with exit code " + result.exitCode() + ":\n" + result.output().strip());
            }
            CompilerDiagnostics.warn(result.output(), log);
            AtomicFiles.commit(tmp, exe);
        } finally {
            Files.deleteIfExists(tmp);
        }
        Stamp.write(stampFile, record, exe);
        return exe;
    }

    private List<String> command(WindowsTestProgram program, Path output) {
        List<String> command = new ArrayList<>();
        command.add((program.cxx() ? cxxCompiler : cCompiler).toString());
        command.add("-o");
        command.add(output.toString());
        command.addAll(flags);
        includeDirectories.forEach(d -> command.add("-I" + d));
        program.sources().forEach(s -> command.add(s.toString()));
        command.add(importLibrary.toString());
        libraries.forEach(l -> command.add("-l" + l));
        return command;
    }

    /** Every file the program's build may read: its sources and directory, the headers, the import library. */
    private Set<Path> inputs(WindowsTestProgram program) throws IOException {
        Set<Path> inputs = new LinkedHashSet<>(program.sources());
        List<Path> trees = new ArrayList<>(includeDirectories);
        if (Files.isDirectory(program.root())) {
            trees.add(0, program.root());
        }
        for (Path tree : trees) {
            if (Files.isDirectory(tree)) {
                try (Stream<Path> walk = Files.walk(tree)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(inputs::add);
                }
            }
        }
        if (!Files.isDirectory(program.root()) && program.root().getParent() != null) {
            // headers beside a one-file program
            try (Stream<Path> list = Files.list(program.root().getParent())) {
                list.filter(Files::isRegularFile).sorted().forEach(inputs::add);
            }
        }
        inputs.add(importLibrary);
        return inputs;
    }
}
