package dev.winelib.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Builds the Windows host programs that load the test DLLs, with x86_64-w64-mingw32-gcc. */
final class MingwHost {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private MingwHost() {
    }

    /**
     * Compiles {@code source} into {@code directory/NAME.exe} (failing or skipping the test when the
     * cross compiler is missing) and returns the executable.
     */
    static Path compile(Path source, Path directory, String exeName) throws IOException, InterruptedException {
        Path compiler = ExternalTools.mingwGcc();
        Files.createDirectories(directory);
        Path exe = directory.resolve(exeName);
        Programs.run(List.of(compiler.toString(), "-O1", "-Wall", "-Werror", "-o", exe.toString(), source.toString()),
                directory, directory.resolve(exeName + ".build"), TIMEOUT).assertSuccess();
        return exe;
    }

    /** As {@link #compile}, a 32-bit program with i686-w64-mingw32-gcc. */
    static Path compile32(Path source, Path directory, String exeName) throws IOException, InterruptedException {
        Path compiler = ExternalTools.mingwGcc32();
        Files.createDirectories(directory);
        Path exe = directory.resolve(exeName);
        Programs.run(List.of(compiler.toString(), "-O1", "-Wall", "-Werror", "-o", exe.toString(), source.toString()),
                directory, directory.resolve(exeName + ".build"), TIMEOUT).assertSuccess();
        return exe;
    }

    /** Compiles a Windows DLL from {@code sources} (C files and an optional .def) into {@code directory/NAME}. */
    static Path compileDll(List<Path> sources, Path directory, String dllName) throws IOException,
            InterruptedException {
        Path compiler = ExternalTools.mingwGcc();
        Files.createDirectories(directory);
        Path dll = directory.resolve(dllName);
        List<String> command = new java.util.ArrayList<>(List.of(compiler.toString(), "-shared", "-O1", "-Wall",
                "-Werror", "-o", dll.toString()));
        sources.forEach(p -> command.add(p.toString()));
        Programs.run(command, directory, directory.resolve(dllName + ".build"), TIMEOUT).assertSuccess();
        return dll;
    }
}
