package dev.winelib.toolchain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.winelib.spec.EntryType;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.sysroot.Sysroot;

/**
 * The small C runtime every module gets instead of Wine's libwinecrt0: the entry point that runs
 * constructors at DLL_PROCESS_ATTACH, the stub exception, and the delay-load helper (sources in
 * resources/dev/winelib/toolchain/runtime).
 */
final class ModuleRuntime {

    private ModuleRuntime() {
    }

    /**
     * Compiles the pieces a module needs into {@code directory}: always the entry point; the stub
     * helper when the spec has stubs; the delay-load helper when there are delay imports.
     *
     * @param entryFunction the function the entry point calls after the constructors
     */
    static List<Path> compile(Path directory, Path compiler, Sysroot sysroot, ModuleSpec spec, boolean delayImports,
            String entryFunction) throws IOException, InterruptedException, BuildFailure {
        if (!entryFunction.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new BuildFailure("entry point '" + entryFunction + "' is not a C identifier");
        }
        Files.createDirectories(directory);
        List<Path> sources = new ArrayList<>();
        sources.add(writeSource(directory, "entry.c"));
        if (spec.entries().stream().anyMatch(e -> e.type() == EntryType.STUB)) {
            sources.add(writeSource(directory, "stub.c"));
        }
        if (delayImports) {
            sources.add(writeSource(directory, "delayload.c"));
        }
        List<String> flags = new ArrayList<>(List.of("-m64", "-fPIC", "-O2", "-fno-strict-aliasing"));
        if (!sysroot.isHost()) {
            flags.add("--sysroot=" + sysroot.root());
        }
        flags.add("-DWINELIB_ENTRY=" + entryFunction);
        return new SourceCompiler(compiler, flags, directory.resolve("obj"), BuildLog.silent())
                .compile(sources, List.of(directory)).objects();
    }

    private static Path writeSource(Path dir, String name) throws IOException {
        try (var in = ModuleRuntime.class.getResourceAsStream("runtime/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing runtime source " + name);
            }
            Path target = dir.resolve(name);
            AtomicFiles.writeIfChanged(target, in.readAllBytes());
            return target;
        }
    }
}
