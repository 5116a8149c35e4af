package dev.winelib.toolchain.module;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.winelib.spec.EntryType;
import dev.winelib.spec.ExportEntry;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.sysroot.Architecture;
import dev.winelib.sysroot.Sysroot;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.process.ToolFileNames;
import dev.winelib.toolchain.build.AtomicFiles;
import dev.winelib.toolchain.compile.SourceCompiler;
import dev.winelib.toolchain.process.ToolCommand;

/**
 * The small C runtime every module gets instead of Wine's libwinecrt0: the entry point that runs
 * constructors (at DLL_PROCESS_ATTACH for a DLL, before main for an executable), the executable's
 * command-line splitting and WinMain glue, the stub exception, and the delay-load helper (sources in
 * resources/dev/winelib/toolchain/runtime).
 */
public final class ModuleRuntime {

    /** The function a DLL's entry point calls after the constructors by default, as winebuild's. */
    public static final String DEFAULT_ENTRY = "DllMain";
    /** The entry point symbol of a DLL (entry.c): runs the constructors, then the entry function. */
    public static final String DLL_ENTRY = "__wine_spec_dll_entry";
    /** The entry point symbol of an executable calling main or a custom entry function (exe.c). */
    static final String EXE_ENTRY = "__wine_spec_exe_entry";
    /** The entry point symbol of an executable calling wmain (exe.c with WINELIB_UNICODE). */
    static final String EXE_WENTRY = "__wine_spec_exe_wentry";

    /**
     * Which pieces to compile.
     *
     * @param executable whether the module is an executable (else a DLL)
     * @param unicode for an executable: whether it starts at wmain (wWinMain) rather than main (WinMain)
     * @param entryFunction for a DLL: the function called after the constructors (DllMain by default,
     *     optional); for an executable: a function to call instead of main, if any
     * @param stubs whether the module has stub entry points
     * @param delayImports whether it has delay imports
     * @param defaultMain for an executable: whether to add a main (wmain) that calls WinMain (wWinMain)
     * @param architecture what the pieces are compiled for (part of the runtime cache's key)
     */
    record Pieces(boolean executable, boolean unicode, Optional<String> entryFunction, boolean stubs,
            boolean delayImports, boolean defaultMain, Architecture architecture) {

        /** Pieces of a 64-bit module. */
        Pieces(boolean executable, boolean unicode, Optional<String> entryFunction, boolean stubs,
                boolean delayImports, boolean defaultMain) {
            this(executable, unicode, entryFunction, stubs, delayImports, defaultMain, Architecture.X86_64);
        }

        /**
         * The pieces as text, for the runtime cache's key: written out rather than the record's
         * {@code toString}, whose first call costs a short run tens of milliseconds of method-handle set-up.
         */
        String key() {
            return "executable=" + executable + " unicode=" + unicode + " entry=" + entryFunction.orElse("")
                    + " stubs=" + stubs + " delayImports=" + delayImports + " defaultMain=" + defaultMain
                    + " architecture=" + architecture.name();
        }

        /** The entry point symbol these pieces define. */
        String entrySymbol() {
            if (!executable) {
                return DLL_ENTRY;
            }
            return unicode && entryFunction.isEmpty() ? EXE_WENTRY : EXE_ENTRY;
        }
    }

    private ModuleRuntime() {
    }

    /**
     * Compiles the pieces a DLL needs into {@code directory}: always the entry point; the stub
     * helper when the spec has stubs; the delay-load helper when there are delay imports.
     *
     * @param entryFunction the function the entry point calls after the constructors
     */
    public static List<Path> compile(Path directory, Path compiler, Sysroot sysroot, ModuleSpec spec, boolean delayImports,
            String entryFunction) throws IOException, InterruptedException, BuildFailure {
        return compile(directory, compiler, sysroot, Architecture.X86_64, spec, delayImports, entryFunction);
    }

    /** {@link #compile(Path, Path, Sysroot, ModuleSpec, boolean, String)} for a module of {@code architecture}. */
    public static List<Path> compile(Path directory, Path compiler, Sysroot sysroot, Architecture architecture,
            ModuleSpec spec, boolean delayImports, String entryFunction)
            throws IOException, InterruptedException, BuildFailure {
        return compile(directory, ToolCommand.of(compiler), sysroot, new Pieces(false, false,
                Optional.of(entryFunction), hasStubs(spec), delayImports, false, architecture), BuildLog.silent());
    }

    /**
     * The pieces a DLL needs, as {@link #compile(Path, Path, Sysroot, Architecture, ModuleSpec, boolean, String)},
     * taken from the runtime cache below {@code cache} ({@link RuntimeCache}) and compiled there when it does
     * not have them up to date; compiled into {@code uncached} without a cache or when its directory cannot
     * be made.
     */
    public static List<Path> dllObjects(Optional<Path> cache, Path uncached, Path compiler, Sysroot sysroot,
            Architecture architecture, ModuleSpec spec, boolean delayImports, String entryFunction, BuildLog log)
            throws IOException, InterruptedException, BuildFailure {
        Pieces pieces = new Pieces(false, false, Optional.of(entryFunction), hasStubs(spec), delayImports, false,
                architecture);
        ToolCommand command = ToolCommand.of(compiler);
        Optional<List<Path>> cached = RuntimeCache.cachedObjects(cache, command, sysroot, pieces, log);
        return cached.isPresent() ? cached.get() : List.copyOf(compile(uncached, command, sysroot, pieces, log));
    }

    /** Whether a spec has stub entry points (which need the stub helper). */
    static boolean hasStubs(ModuleSpec spec) {
        // a plain loop: a stream's loop over the entries of a large spec runs interpreted, a lambda call per entry
        for (ExportEntry e : spec.entries()) {
            if (e.type() == EntryType.STUB) {
                return true;
            }
        }
        return false;
    }

    /**
     * The runtime sources {@code pieces} need, in compilation order, with their content as this build of
     * winebuild-j ships them.
     */
    static Map<String, byte[]> sources(Pieces pieces) throws IOException, BuildFailure {
        Map<String, byte[]> sources = new LinkedHashMap<>();
        for (String name : sourceNames(pieces)) {
            try (var in = ModuleRuntime.class.getResourceAsStream("runtime/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("missing runtime source " + name);
                }
                sources.put(name, in.readAllBytes());
            }
        }
        return sources;
    }

    /**
     * The jar the runtime sources are read from; empty when they are not read from a jar file (classes
     * in a directory, as in tests).
     */
    static Optional<Path> shippedIn() {
        try {
            java.security.CodeSource code = ModuleRuntime.class.getProtectionDomain().getCodeSource();
            if (code == null || code.getLocation() == null || !"file".equals(code.getLocation().getProtocol())) {
                return Optional.empty();
            }
            Path jar = Path.of(code.getLocation().toURI());
            return Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The names of the runtime sources {@code pieces} need, in compilation order. */
    static List<String> sourceNames(Pieces pieces) throws BuildFailure {
        if (pieces.entryFunction().isPresent() && !isCIdentifier(pieces.entryFunction().get())) {
            throw new BuildFailure("entry point '" + pieces.entryFunction().get() + "' is not a C identifier");
        }
        List<String> names = new ArrayList<>();
        names.add("constructors.c");
        names.add(pieces.executable() ? "exe.c" : "entry.c");
        if (pieces.executable() && pieces.defaultMain()) {
            names.add("exe_main.c");
        }
        if (pieces.stubs()) {
            names.add("stub.c");
        }
        if (pieces.delayImports()) {
            names.add("delayload.c");
        }
        return names;
    }

    /** [A-Za-z_][A-Za-z0-9_]*, without a regular expression (one costs a short run some milliseconds). */
    private static boolean isCIdentifier(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** Compiles {@code pieces} into {@code directory}; returns the objects. */
    public static List<Path> compile(Path directory, ToolCommand compiler, Sysroot sysroot, Pieces pieces, BuildLog log)
            throws IOException, InterruptedException, BuildFailure {
        Map<String, byte[]> content = sources(pieces);
        Files.createDirectories(directory);
        List<Path> sources = new ArrayList<>();
        for (Map.Entry<String, byte[]> source : content.entrySet()) {
            Path target = directory.resolve(source.getKey());
            AtomicFiles.writeIfChanged(target, source.getValue());
            sources.add(target);
        }
        List<String> flags = new ArrayList<>(compiler.arguments());
        flags.addAll(List.of(pieces.architecture().compilerFlag(), "-fPIC", "-O2", "-fno-strict-aliasing"));
        if (!sysroot.isHost()) {
            flags.add("--sysroot=" + sysroot.root());
        }
        // the (per-build temporary, in object mode) directory never reaches the objects
        flags.add("-ffile-prefix-map=" + directory.toAbsolutePath().normalize() + "=.");
        if (pieces.executable()) {
            if (pieces.unicode()) {
                flags.add("-DWINELIB_UNICODE");
            }
            if (pieces.entryFunction().isPresent()) {
                flags.add("-DWINELIB_EXE_ENTRY=" + pieces.entryFunction().get());
            }
        } else {
            flags.add("-DWINELIB_ENTRY=" + pieces.entryFunction().orElse(DEFAULT_ENTRY));
        }
        try {
            return new SourceCompiler(compiler.program(), flags, directory.resolve("obj"), log)
                    .compile(sources, List.of(directory)).objects();
        } catch (BuildFailure e) {
            // the sources are written into the build's (or the cache's) directory: name them as what they are
            ToolFileNames names = ToolFileNames.none();
            for (Path source : sources) {
                names = names.with(source, "winebuild-j's runtime source " + source.getFileName());
            }
            throw new BuildFailure(names.rewrite(e.getMessage()), e);
        }
    }

    /** How tool messages name the runtime's objects: winebuild-j's runtime ({@code entry.c}). */
    public static ToolFileNames fileNames(List<Path> objects) {
        ToolFileNames names = ToolFileNames.none();
        for (Path o : objects) {
            String name = o.getFileName().toString();
            names = names.with(o, "winebuild-j's runtime (" + (name.endsWith(".o") ? name.substring(0,
                    name.length() - 2) : name) + ")");
        }
        return names;
    }

}
